package io.kubee.controllers.api;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link KubeApi} and {@link DynamicApi} over the fabric8 client. DELETE with preconditions, on
 * collections, and {@code namespaces/finalize} go through the client's own HTTP client (the DSL
 * has no uid precondition), with its authentication and user agent.
 */
public final class Fabric8Api implements KubeApi, DynamicApi {
  private final KubernetesClient client;

  public Fabric8Api(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public <T extends HasMetadata> T create(T object) {
    return client.resource(object).create();
  }

  @Override
  public <T extends HasMetadata> T update(T object) {
    return client.resource(object).update();
  }

  @Override
  public <T extends HasMetadata> T updateStatus(T object) {
    return client.resource(object).updateStatus();
  }

  @Override
  public <T extends HasMetadata> T patch(Class<T> type, String namespace, String name,
      String mergePatch) {
    Resource<T> resource = scoped(client.resources(type), namespace).withName(name);
    try {
      return resource.patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
    return scoped(client.resources(type), namespace).withName(name).get();
  }

  @Override
  public boolean delete(Class<? extends HasMetadata> type, String namespace, String name,
      Deletion deletion) {
    ApiResource resource = new ApiResource(HasMetadata.getGroup(type),
        HasMetadata.getVersion(type), HasMetadata.getKind(type), HasMetadata.getPlural(type),
        namespace != null && !namespace.isEmpty(), java.util.Set.of());
    return delete(resource, namespace, name, deletion);
  }

  @Override
  public List<ApiResource> discover() {
    List<ApiResource> resources = new ArrayList<>();
    resources.addAll(resources("", "v1"));
    for (APIGroup group : client.getApiGroups().getGroups()) {
      String version = group.getPreferredVersion() != null
          ? group.getPreferredVersion().getVersion() : group.getVersions().get(0).getVersion();
      resources.addAll(resources(group.getName(), version));
    }
    return resources;
  }

  private List<ApiResource> resources(String group, String version) {
    APIResourceList list = client.getApiResources(group.isEmpty() ? version
        : group + "/" + version);
    List<ApiResource> result = new ArrayList<>();
    if (list == null) {
      return result;
    }
    for (APIResource r : list.getResources()) {
      if (!r.getName().contains("/")) {
        result.add(new ApiResource(group, version, r.getKind(), r.getName(),
            Boolean.TRUE.equals(r.getNamespaced()), new HashSet<>(r.getVerbs())));
      }
    }
    return result;
  }

  @Override
  public GenericKubernetesResource get(ApiResource resource, String namespace, String name) {
    return scoped(generic(resource), namespace).withName(name).get();
  }

  @Override
  public List<GenericKubernetesResource> list(ApiResource resource, String namespace) {
    return scoped(generic(resource), namespace).list().getItems();
  }

  @Override
  public GenericKubernetesResource patch(ApiResource resource, String namespace, String name,
      String mergePatch) {
    try {
      return scoped(generic(resource), namespace).withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public boolean delete(ApiResource resource, String namespace, String name, Deletion deletion) {
    int code = send("DELETE", resource.objectPath(namespace, name), deleteOptions(deletion));
    return code != 404;
  }

  @Override
  public void deleteCollection(ApiResource resource, String namespace, Deletion deletion) {
    send("DELETE", resource.collectionPath(namespace), deleteOptions(deletion));
  }

  @Override
  public void put(String path, String body) {
    send("PUT", path, body);
  }

  @Override
  public String get(String path) {
    HttpResponse<String> response = exchange("GET", path, null);
    return response.code() == 404 ? null : response.body();
  }

  private String deleteOptions(Deletion deletion) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("apiVersion", "v1");
    options.put("kind", "DeleteOptions");
    if (!deletion.uid().isEmpty()) {
      options.put("preconditions", Map.of("uid", deletion.uid()));
    }
    if (!deletion.propagationPolicy().isEmpty()) {
      options.put("propagationPolicy", deletion.propagationPolicy());
    }
    if (deletion.gracePeriodSeconds() != null) {
      options.put("gracePeriodSeconds", deletion.gracePeriodSeconds());
    }
    return client.getKubernetesSerialization().asJson(options);
  }

  /** Sends one request; returns its code, 404 included; throws on any other failure. */
  private int send(String method, String path, String body) {
    return exchange(method, path, body).code();
  }

  private HttpResponse<String> exchange(String method, String path, String body) {
    String base = client.getMasterUrl().toString().replaceAll("/+$", "");
    HttpRequest.Builder builder = client.getHttpClient().newHttpRequestBuilder()
        .uri(base + path);
    HttpRequest request = body == null ? builder.header("Accept", "application/json").build()
        : builder.method(method, "application/json", body).build();
    HttpResponse<String> response;
    try {
      response = client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted: " + method + " " + path, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KubernetesClientException(method + " " + path + " failed: " + e, e);
    }
    if (response.isSuccessful() || response.code() == 404) {
      return response;
    }
    Status status = null;
    try {
      status = client.getKubernetesSerialization().unmarshal(response.body(), Status.class);
    } catch (RuntimeException notAStatus) {
      // keep the code alone
    }
    throw new KubernetesClientException(status != null && status.getMessage() != null
        ? status.getMessage() : method + " " + path + ": HTTP " + response.code(),
        response.code(), status);
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> generic(ApiResource resource) {
    return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup(resource.group()).withVersion(resource.version())
        .withKind(resource.kind()).withPlural(resource.plural())
        .withNamespaced(resource.namespaced()).build());
  }

  private static <T, L> io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<T, L,
      Resource<T>> scoped(MixedOperation<T, L, Resource<T>> operation, String namespace) {
    return namespace == null || namespace.isEmpty() ? operation : operation.inNamespace(namespace);
  }
}
