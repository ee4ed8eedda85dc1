package io.kubee.controllers.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubee.controllers.api.ApiResource;
import io.kubee.controllers.api.Deletion;
import io.kubee.controllers.api.DynamicApi;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory apiserver for unit tests (client-go's fake clientset): objects stored as JSON
 * maps by kind, server-set metadata on create, resourceVersion preconditions, finalizers that
 * hold a deletion, and a log of every write as "verb resource namespace/name" — what tests
 * assert. Failures can be injected per verb and resource.
 */
public final class FakeApi implements KubeApi, DynamicApi {
  private final Clock clock;
  private final Map<String, Map<String, Map<String, Object>>> store = new LinkedHashMap<>();
  private final List<String> actions = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, String> raw = new HashMap<>();
  private final List<ApiResource> resources = new ArrayList<>();
  private final AtomicLong counter = new AtomicLong(100);

  public FakeApi(Clock clock) {
    this.clock = clock;
  }

  /** The writes so far, oldest first. */
  public List<String> actions() {
    return List.copyOf(actions);
  }

  public void clearActions() {
    actions.clear();
  }

  /** The next write whose action starts with {@code prefix} fails with {@code code}. */
  public void failNext(String prefix, int code) {
    failures.put(prefix, code);
  }

  /** What discovery lists. */
  public void serve(ApiResource... served) {
    resources.addAll(List.of(served));
  }

  /** A canned answer to {@link #get(String)}. */
  public void raw(String path, String json) {
    raw.put(path, json);
  }

  /** Puts objects into the store as they are (the test's starting state). */
  public synchronized void seed(HasMetadata... objects) {
    for (HasMetadata object : objects) {
      Map<String, Object> json = toMap(object);
      bucket(object.getApiVersion(), object.getKind()).put(key(object), json);
    }
  }

  // ---- typed ----

  @Override
  public synchronized <T extends HasMetadata> T create(T object) {
    String plural = plural(object.getClass());
    Map<String, Object> json = toMap(object);
    Map<String, Object> metadata = metadata(json);
    if (metadata.get("name") == null && metadata.get("generateName") != null) {
      metadata.put("name", metadata.get("generateName") + Long.toString(counter.get(), 36));
    }
    String key = key(metadata);
    record("create " + plural + " " + key);
    Map<String, Map<String, Object>> bucket = bucket(object.getApiVersion(), object.getKind());
    if (bucket.containsKey(key)) {
      throw new KubernetesClientException(plural + " \"" + metadata.get("name")
          + "\" already exists", 409, null);
    }
    metadata.put("uid", "uid-" + counter.incrementAndGet());
    metadata.put("resourceVersion", Long.toString(counter.incrementAndGet()));
    metadata.put("creationTimestamp", clock.instant().toString());
    metadata.putIfAbsent("generation", 1);
    bucket.put(key, json);
    @SuppressWarnings("unchecked")
    T created = (T) Json.convert(json, object.getClass());
    return created;
  }

  @Override
  public synchronized <T extends HasMetadata> T update(T object) {
    return write("update", object);
  }

  @Override
  public synchronized <T extends HasMetadata> T updateStatus(T object) {
    return write("updateStatus", object);
  }

  private <T extends HasMetadata> T write(String verb, T object) {
    String key = key(object);
    record(verb + " " + plural(object.getClass()) + " " + key);
    Map<String, Object> current = bucket(object.getApiVersion(), object.getKind()).get(key);
    if (current == null) {
      throw new KubernetesClientException("not found", 404, null);
    }
    checkVersion(current, object.getMetadata().getResourceVersion());
    Map<String, Object> json = toMap(object);
    if (verb.equals("updateStatus")) {
      Map<String, Object> merged = new LinkedHashMap<>(current);
      merged.put("status", json.get("status"));
      json = merged;
    } else {
      json.put("status", current.get("status"));
    }
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) object.getClass();
    return store(type, json);
  }

  @Override
  public synchronized <T extends HasMetadata> T patch(Class<T> type, String namespace,
      String name, String mergePatch) {
    String key = key(namespace, name);
    record("patch " + plural(type) + " " + key);
    Map<String, Object> current = bucket(HasMetadata.getApiVersion(type),
        HasMetadata.getKind(type)).get(key);
    if (current == null) {
      return null;
    }
    return store(type, applyPatch(current, mergePatch));
  }

  @Override
  public synchronized <T extends HasMetadata> T get(Class<T> type, String namespace,
      String name) {
    Map<String, Object> json = bucket(HasMetadata.getApiVersion(type), HasMetadata.getKind(type))
        .get(key(namespace, name));
    return json == null ? null : Json.convert(json, type);
  }

  @Override
  public synchronized boolean delete(Class<? extends HasMetadata> type, String namespace,
      String name, Deletion deletion) {
    return delete(HasMetadata.getApiVersion(type), HasMetadata.getKind(type), plural(type),
        namespace, name, deletion);
  }

  // ---- dynamic ----

  @Override
  public List<ApiResource> discover() {
    return List.copyOf(resources);
  }

  @Override
  public synchronized GenericKubernetesResource get(ApiResource resource, String namespace,
      String name) {
    Map<String, Object> json = bucket(resource.apiVersion(), resource.kind())
        .get(key(namespace, name));
    return json == null ? null : Json.convert(json, GenericKubernetesResource.class);
  }

  @Override
  public synchronized List<GenericKubernetesResource> list(ApiResource resource,
      String namespace) {
    List<GenericKubernetesResource> items = new ArrayList<>();
    for (Map<String, Object> json : bucket(resource.apiVersion(), resource.kind()).values()) {
      if (namespace == null || namespace.isEmpty()
          || namespace.equals(metadata(json).get("namespace"))) {
        items.add(Json.convert(json, GenericKubernetesResource.class));
      }
    }
    return items;
  }

  @Override
  public synchronized GenericKubernetesResource patch(ApiResource resource, String namespace,
      String name, String mergePatch) {
    String key = key(namespace, name);
    record("patch " + resource.plural() + " " + key);
    Map<String, Map<String, Object>> bucket = bucket(resource.apiVersion(), resource.kind());
    Map<String, Object> current = bucket.get(key);
    if (current == null) {
      return null;
    }
    Map<String, Object> patched = applyPatch(current, mergePatch);
    Map<String, Object> metadata = metadata(patched);
    Object finalizers = metadata.get("finalizers");
    if (metadata.get("deletionTimestamp") != null
        && (finalizers == null || ((List<?>) finalizers).isEmpty())) {
      bucket.remove(key); // the last finalizer is gone: the object goes
    } else {
      bucket.put(key, patched);
    }
    return Json.convert(patched, GenericKubernetesResource.class);
  }

  @Override
  public synchronized boolean delete(ApiResource resource, String namespace, String name,
      Deletion deletion) {
    return delete(resource.apiVersion(), resource.kind(), resource.plural(), namespace, name,
        deletion);
  }

  @Override
  public synchronized void deleteCollection(ApiResource resource, String namespace,
      Deletion deletion) {
    record("deletecollection " + resource.plural() + " " + namespace);
    for (Map.Entry<String, Map<String, Object>> e
        : new ArrayList<>(bucket(resource.apiVersion(), resource.kind()).entrySet())) {
      if (namespace.equals(metadata(e.getValue()).get("namespace"))) {
        remove(resource.apiVersion(), resource.kind(), e.getKey(), deletion);
      }
    }
  }

  @Override
  public synchronized void put(String path, String body) {
    record("put " + path);
    if (path.startsWith("/api/v1/namespaces/") && path.endsWith("/finalize")) {
      Map<String, Object> json = Json.convert(Json.read(body, Object.class), Map.class);
      String name = path.split("/")[4];
      Map<String, Map<String, Object>> bucket = bucket("v1", "Namespace");
      Object finalizers = ((Map<?, ?>) json.getOrDefault("spec", Map.of())).get("finalizers");
      if (finalizers == null || ((List<?>) finalizers).isEmpty()) {
        bucket.remove(name);
      } else {
        bucket.put(name, json);
      }
      return;
    }
    raw.put(path, body);
  }

  @Override
  public synchronized String get(String path) {
    return raw.get(path);
  }

  // ---- internals ----

  private boolean delete(String apiVersion, String kind, String plural, String namespace,
      String name, Deletion deletion) {
    String key = key(namespace, name);
    record("delete " + plural + " " + key
        + (deletion.propagationPolicy().isEmpty() ? "" : " " + deletion.propagationPolicy()));
    Map<String, Object> current = bucket(apiVersion, kind).get(key);
    if (current == null) {
      return false;
    }
    if (!deletion.uid().isEmpty() && !deletion.uid().equals(metadata(current).get("uid"))) {
      throw new KubernetesClientException("Precondition failed: UID", 409, null);
    }
    remove(apiVersion, kind, key, deletion);
    return true;
  }

  private void remove(String apiVersion, String kind, String key, Deletion deletion) {
    Map<String, Map<String, Object>> bucket = bucket(apiVersion, kind);
    Map<String, Object> current = bucket.get(key);
    Map<String, Object> metadata = metadata(current);
    List<Object> finalizers = metadata.get("finalizers") == null ? new ArrayList<>()
        : new ArrayList<>((List<?>) metadata.get("finalizers"));
    if (deletion.propagationPolicy().equals("Foreground")) {
      finalizers.add("foregroundDeletion");
    } else if (deletion.propagationPolicy().equals("Orphan")) {
      finalizers.add("orphan");
    }
    if (finalizers.isEmpty()) {
      bucket.remove(key);
    } else {
      metadata.put("finalizers", finalizers);
      metadata.putIfAbsent("deletionTimestamp", clock.instant().toString());
    }
  }

  private <T> T store(Class<T> type, Map<String, Object> json) {
    Map<String, Object> metadata = metadata(json);
    metadata.put("resourceVersion", Long.toString(counter.incrementAndGet()));
    bucket((String) json.get("apiVersion"), (String) json.get("kind")).put(key(metadata), json);
    return Json.convert(json, type);
  }

  private void checkVersion(Map<String, Object> current, String wanted) {
    if (wanted != null && !wanted.isEmpty()
        && !wanted.equals(metadata(current).get("resourceVersion"))) {
      throw new KubernetesClientException("the object has been modified", 409, null);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> applyPatch(Map<String, Object> current, String mergePatch) {
    Map<String, Object> patch = Json.convert(Json.read(mergePatch, Object.class), Map.class);
    Map<String, Object> patchMeta = (Map<String, Object>) patch.get("metadata");
    if (patchMeta != null) {
      checkVersion(current, (String) patchMeta.get("resourceVersion"));
      Object uid = patchMeta.get("uid");
      if (uid != null && !uid.equals(metadata(current).get("uid"))) {
        throw new KubernetesClientException("Precondition failed: UID", 409, null);
      }
    }
    return merge(deepCopy(current), patch);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> target,
      Map<String, Object> patch) {
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      if (e.getValue() == null) {
        target.remove(e.getKey());
      } else if (e.getValue() instanceof Map<?, ?> patchMap
          && target.get(e.getKey()) instanceof Map<?, ?> targetMap) {
        target.put(e.getKey(), merge(new LinkedHashMap<>((Map<String, Object>) targetMap),
            (Map<String, Object>) patchMap));
      } else {
        target.put(e.getKey(), e.getValue());
      }
    }
    return target;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> json) {
    return Json.convert(Json.read(Json.write(json), Object.class), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(HasMetadata object) {
    Map<String, Object> json = Json.convert(object, Map.class);
    json.putIfAbsent("apiVersion", object.getApiVersion());
    json.putIfAbsent("kind", object.getKind());
    json.putIfAbsent("metadata", new LinkedHashMap<>());
    return deepCopy(json);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> json) {
    return (Map<String, Object>) json.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
  }

  private Map<String, Map<String, Object>> bucket(String apiVersion, String kind) {
    return store.computeIfAbsent(apiVersion + "/" + kind, k -> new LinkedHashMap<>());
  }

  private void record(String action) {
    actions.add(action);
    for (Map.Entry<String, Integer> failure : new ArrayList<>(failures.entrySet())) {
      if (action.startsWith(failure.getKey())) {
        failures.remove(failure.getKey());
        throw new KubernetesClientException("injected failure of " + action,
            failure.getValue(), null);
      }
    }
  }

  private static String key(HasMetadata object) {
    return key(object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  private static String key(Map<String, Object> metadata) {
    return key((String) metadata.get("namespace"), (String) metadata.get("name"));
  }

  private static String key(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  private static String plural(Class<?> type) {
    return HasMetadata.getPlural(type);
  }

  /** Every stored object of a kind, typed. */
  public synchronized <T extends HasMetadata> List<T> all(Class<T> type) {
    return bucket(HasMetadata.getApiVersion(type), HasMetadata.getKind(type)).values().stream()
        .map(json -> Json.convert(json, type)).toList();
  }
}
