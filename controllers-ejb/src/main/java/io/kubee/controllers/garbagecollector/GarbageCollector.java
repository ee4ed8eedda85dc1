package io.kubee.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.api.ApiResource;
import io.kubee.controllers.api.Deletion;
import io.kubee.controllers.api.DynamicApi;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Lister;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The garbage collector (pkg/controller/garbagecollector/garbagecollector.go): deletes objects
 * whose owners are gone (Background propagation), deletes the dependents of an owner being
 * deleted in the foreground and then removes its {@code foregroundDeletion} finalizer once no
 * dependent with {@code blockOwnerDeletion} is left, and orphans the dependents of an owner
 * deleted with {@code orphan} (removing the owner reference, then the finalizer).
 *
 * <p>Every resource discovery lists, watches and deletes (events aside) is monitored by an
 * informer indexed by owner uid; those caches stand in for Kubernetes' dependency graph.
 * Decisions that delete are made on live reads: an owner is dangling only when the apiserver
 * says it is gone (or replaced by a namesake). Queue keys are {@code delete:} or
 * {@code orphan:} followed by an {@link ObjectIdentity}.
 */
public final class GarbageCollector extends QueueController {
  public static final String NAME = "garbagecollector";
  static final String OWNER_UID_INDEX = "ownerUid";
  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";
  private static final String DELETE = "delete:";
  private static final String ORPHANING = "orphan:";
  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  /** One monitored resource and its cache. */
  record Monitor(ApiResource resource, Lister<? extends HasMetadata> lister) {}

  private final DynamicApi dynamic;
  /** Monitors by "apiVersion/kind". */
  private final Map<String, Monitor> monitors = new LinkedHashMap<>();

  public GarbageCollector(DynamicApi dynamic, ThreadFactory threads) {
    super(NAME, threads);
    this.dynamic = dynamic;
  }

  /** Monitors every deletable, watchable resource but events (Kubernetes ignores them too). */
  public static GarbageCollector create(ControllerContext context) {
    GarbageCollector gc = new GarbageCollector(context.dynamic(), context.threads());
    for (ApiResource resource : context.dynamic().discover()) {
      if (!resource.verbs().containsAll(List.of("list", "watch", "delete"))
          || resource.plural().equals("events")) {
        continue;
      }
      gc.monitor(resource, context.informers().forResource(resource), context);
    }
    return gc;
  }

  private <T extends HasMetadata> void monitor(ApiResource resource,
      SharedIndexInformer<T> informer, ControllerContext context) {
    context.informers().index(informer, OWNER_UID_INDEX, GarbageCollector::ownerUids);
    addMonitor(resource, new Lister<>(informer.getIndexer()));
    informer.addEventHandler(handler(resource));
  }

  /** Adds a monitored resource (the manager's informers, or a test's cache). */
  void addMonitor(ApiResource resource, Lister<? extends HasMetadata> lister) {
    monitors.put(resource.apiVersion() + "/" + resource.kind(), new Monitor(resource, lister));
  }

  static List<String> ownerUids(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    return refs == null ? List.of() : refs.stream().map(OwnerReference::getUid).toList();
  }

  @Override
  public void sync(String key) {
    if (key.startsWith(ORPHANING)) {
      attemptToOrphan(ObjectIdentity.parse(key.substring(ORPHANING.length())));
    } else {
      attemptToDelete(ObjectIdentity.parse(key.substring(DELETE.length())));
    }
  }

  // ---- attemptToDeleteItem ----

  private void attemptToDelete(ObjectIdentity item) {
    Monitor monitor = monitors.get(item.apiVersion() + "/" + item.kind());
    if (monitor == null) {
      return;
    }
    HasMetadata cached = monitor.lister().get(item.namespace(), item.name());
    if (cached != null && Objects.equals(cached.getMetadata().getUid(), item.uid())
        && cached.getMetadata().getDeletionTimestamp() == null
        && ownersSolidInCache(cached)) {
      return; // the common case, decided without a request
    }
    GenericKubernetesResource latest = dynamic.get(monitor.resource(), item.namespace(),
        item.name());
    if (latest == null || !item.uid().equals(latest.getMetadata().getUid())) {
      return;
    }
    if (latest.getMetadata().getDeletionTimestamp() != null) {
      if (hasFinalizer(latest, FOREGROUND)) {
        processDeletingDependents(monitor.resource(), item, latest);
      }
      return;
    }
    List<OwnerReference> refs = latest.getMetadata().getOwnerReferences();
    if (refs == null || refs.isEmpty()) {
      return;
    }
    List<OwnerReference> solid = new ArrayList<>();
    List<OwnerReference> dangling = new ArrayList<>();
    List<OwnerReference> waiting = new ArrayList<>();
    for (OwnerReference ref : refs) {
      switch (classify(ref, item.namespace())) {
        case DANGLING -> dangling.add(ref);
        case WAITING -> waiting.add(ref);
        default -> solid.add(ref);
      }
    }
    if (!solid.isEmpty()) {
      if (dangling.isEmpty() && waiting.isEmpty()) {
        return;
      }
      // keep the object: drop the dangling references, stop blocking the waiting owners
      List<OwnerReference> kept = new ArrayList<>();
      for (OwnerReference ref : refs) {
        if (dangling.contains(ref)) {
          continue;
        }
        kept.add(waiting.contains(ref)
            ? new OwnerReferenceBuilder(ref).withBlockOwnerDeletion(false).build() : ref);
      }
      patchOwners(monitor.resource(), latest, kept);
      return;
    }
    String policy;
    if (!waiting.isEmpty() && hasDependents(item.uid())) {
      // an owner waits for its dependents and this object has dependents of its own
      policy = "Foreground";
    } else if (hasFinalizer(latest, ORPHAN)) {
      policy = "Orphan";
    } else if (hasFinalizer(latest, FOREGROUND)) {
      policy = "Foreground";
    } else {
      policy = "Background";
    }
    LOG.info("deleting object whose owners are gone: object={} propagationPolicy={}", item,
        policy);
    dynamic.delete(monitor.resource(), item.namespace(), item.name(),
        new Deletion(item.uid(), policy, null));
  }

  /** Whether every owner is in the caches, with its uid and not deleting in the foreground. */
  private boolean ownersSolidInCache(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    if (refs == null) {
      return true;
    }
    for (OwnerReference ref : refs) {
      Monitor owner = monitors.get(ref.getApiVersion() + "/" + ref.getKind());
      if (owner == null) {
        continue; // an unknown kind is never treated as gone
      }
      HasMetadata cached = owner.lister().get(owner.resource().namespaced()
          ? object.getMetadata().getNamespace() : "", ref.getName());
      if (cached == null || !ref.getUid().equals(cached.getMetadata().getUid())
          || (cached.getMetadata().getDeletionTimestamp() != null
              && hasFinalizer(cached, FOREGROUND))) {
        return false;
      }
    }
    return true;
  }

  private enum Owner { SOLID, DANGLING, WAITING }

  /** {@code classifyReferences}: a live read of one owner. */
  private Owner classify(OwnerReference ref, String dependentNamespace) {
    Monitor monitor = monitors.get(ref.getApiVersion() + "/" + ref.getKind());
    if (monitor == null) {
      LOG.debug("owner of unknown kind kept: kind={} apiVersion={}", ref.getKind(),
          ref.getApiVersion());
      return Owner.SOLID;
    }
    String namespace = monitor.resource().namespaced() ? dependentNamespace : "";
    if (monitor.resource().namespaced() && dependentNamespace.isEmpty()) {
      return Owner.SOLID; // a cluster-scoped object cannot be owned by a namespaced one
    }
    GenericKubernetesResource owner = dynamic.get(monitor.resource(), namespace, ref.getName());
    if (owner == null || !ref.getUid().equals(owner.getMetadata().getUid())) {
      return Owner.DANGLING;
    }
    if (owner.getMetadata().getDeletionTimestamp() != null && hasFinalizer(owner, FOREGROUND)) {
      return Owner.WAITING;
    }
    return Owner.SOLID;
  }

  /**
   * {@code processDeletingDependentsItem}: the owner's finalizer goes once no dependent blocks
   * it; meanwhile the blocking dependents are deleted.
   */
  private void processDeletingDependents(ApiResource resource, ObjectIdentity owner,
      GenericKubernetesResource latest) {
    List<ObjectIdentity> blocking = new ArrayList<>();
    for (Monitor monitor : monitors.values()) {
      for (HasMetadata dependent : monitor.lister().byIndex(OWNER_UID_INDEX, owner.uid())) {
        boolean blocks = dependent.getMetadata().getOwnerReferences().stream().anyMatch(r ->
            owner.uid().equals(r.getUid()) && Boolean.TRUE.equals(r.getBlockOwnerDeletion()));
        if (blocks) {
          blocking.add(ObjectIdentity.of(dependent, monitor.resource().apiVersion(),
              monitor.resource().kind()));
          if (dependent.getMetadata().getDeletionTimestamp() == null
              || !hasFinalizer(dependent, FOREGROUND)) {
            enqueue(DELETE + ObjectIdentity.of(dependent, monitor.resource().apiVersion(),
                monitor.resource().kind()).key());
          }
        }
      }
    }
    if (blocking.isEmpty()) {
      removeFinalizer(resource, latest, FOREGROUND);
    }
  }

  // ---- attemptToOrphanWorker ----

  private void attemptToOrphan(ObjectIdentity owner) {
    Monitor monitor = monitors.get(owner.apiVersion() + "/" + owner.kind());
    if (monitor == null) {
      return;
    }
    GenericKubernetesResource latest = dynamic.get(monitor.resource(), owner.namespace(),
        owner.name());
    if (latest == null || !owner.uid().equals(latest.getMetadata().getUid())
        || latest.getMetadata().getDeletionTimestamp() == null
        || !hasFinalizer(latest, ORPHAN)) {
      return;
    }
    for (Monitor dependents : monitors.values()) {
      for (HasMetadata dependent : dependents.lister().byIndex(OWNER_UID_INDEX, owner.uid())) {
        GenericKubernetesResource current = dynamic.get(dependents.resource(),
            ns(dependent), dependent.getMetadata().getName());
        if (current == null || current.getMetadata().getOwnerReferences() == null) {
          continue;
        }
        List<OwnerReference> kept = current.getMetadata().getOwnerReferences().stream()
            .filter(r -> !owner.uid().equals(r.getUid())).toList();
        if (kept.size() != current.getMetadata().getOwnerReferences().size()) {
          patchOwners(dependents.resource(), current, kept);
        }
      }
    }
    removeFinalizer(monitor.resource(), latest, ORPHAN);
  }

  private void patchOwners(ApiResource resource, HasMetadata object,
      List<OwnerReference> refs) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("ownerReferences", refs);
    metadata.put("uid", object.getMetadata().getUid());
    metadata.put("resourceVersion", object.getMetadata().getResourceVersion());
    dynamic.patch(resource, ns(object), object.getMetadata().getName(),
        Json.write(Map.of("metadata", metadata)));
  }

  private void removeFinalizer(ApiResource resource, HasMetadata object, String finalizer) {
    List<String> kept = object.getMetadata().getFinalizers().stream()
        .filter(f -> !f.equals(finalizer)).toList();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("finalizers", kept);
    metadata.put("uid", object.getMetadata().getUid());
    metadata.put("resourceVersion", object.getMetadata().getResourceVersion());
    try {
      dynamic.patch(resource, ns(object), object.getMetadata().getName(),
          Json.write(Map.of("metadata", metadata)));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private boolean hasDependents(String uid) {
    return monitors.values().stream()
        .anyMatch(m -> !m.lister().byIndex(OWNER_UID_INDEX, uid).isEmpty());
  }

  static boolean hasFinalizer(HasMetadata object, String finalizer) {
    List<String> finalizers = object.getMetadata().getFinalizers();
    return finalizers != null && finalizers.contains(finalizer);
  }

  private static String ns(HasMetadata object) {
    return object.getMetadata().getNamespace() == null ? ""
        : object.getMetadata().getNamespace();
  }

  // ---- the graph builder's part: what to look at when objects change ----

  private ResourceEventHandler<HasMetadata> handler(ApiResource resource) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(HasMetadata object) {
        changed(resource, null, object);
      }

      @Override
      public void onUpdate(HasMetadata old, HasMetadata object) {
        if (!Objects.equals(old.getMetadata().getResourceVersion(),
            object.getMetadata().getResourceVersion())) {
          changed(resource, old, object);
        }
      }

      @Override
      public void onDelete(HasMetadata object, boolean finalStateUnknown) {
        deleted(resource, object);
      }
    };
  }

  /** An object appeared or changed: queue what its change may decide. */
  void changed(ApiResource resource, HasMetadata old, HasMetadata object) {
    ObjectIdentity identity = ObjectIdentity.of(object, resource.apiVersion(), resource.kind());
    boolean deleting = object.getMetadata().getDeletionTimestamp() != null;
    if (deleting && hasFinalizer(object, ORPHAN)) {
      enqueue(ORPHANING + identity.key());
    }
    if (deleting && hasFinalizer(object, FOREGROUND)) {
      enqueue(DELETE + identity.key());
      if (old == null || old.getMetadata().getDeletionTimestamp() == null
          || !hasFinalizer(old, FOREGROUND)) {
        enqueueDependents(identity.uid());
      }
    } else if (!ownerUids(object).isEmpty()) {
      enqueue(DELETE + identity.key());
    }
    if (old != null && !Objects.equals(ownerUids(old), ownerUids(object))) {
      enqueueOwners(old); // an owner waiting for its dependents may be free now
    }
  }

  /** An object is gone: its dependents may be dangling, its owners may stop waiting. */
  void deleted(ApiResource resource, HasMetadata object) {
    enqueueDependents(object.getMetadata().getUid());
    enqueueOwners(object);
  }

  private void enqueueDependents(String uid) {
    for (Monitor monitor : monitors.values()) {
      for (HasMetadata dependent : monitor.lister().byIndex(OWNER_UID_INDEX, uid)) {
        enqueue(DELETE + ObjectIdentity.of(dependent, monitor.resource().apiVersion(),
            monitor.resource().kind()).key());
      }
    }
  }

  private void enqueueOwners(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    if (refs == null) {
      return;
    }
    for (OwnerReference ref : refs) {
      Monitor monitor = monitors.get(ref.getApiVersion() + "/" + ref.getKind());
      if (monitor != null) {
        String namespace = monitor.resource().namespaced() ? ns(object) : "";
        enqueue(DELETE + new ObjectIdentity(ref.getApiVersion(), ref.getKind(), namespace,
            ref.getName(), ref.getUid()).key());
      }
    }
  }

  @Override
  public void resync() {
    for (Monitor monitor : monitors.values()) {
      for (HasMetadata object : monitor.lister().list()) {
        changed(monitor.resource(), null, object);
      }
    }
  }

  int monitorCount() {
    return monitors.size();
  }
}
