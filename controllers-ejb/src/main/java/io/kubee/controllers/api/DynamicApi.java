package io.kubee.controllers.api;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/**
 * Reads and writes of any served resource, found through discovery (client-go's dynamic and
 * metadata clients): what the garbage collector and the namespace controller use, since they
 * handle every kind. Failures are {@code KubernetesClientException}s.
 */
public interface DynamicApi {

  /** The resources served now, in the preferred version of each group, without subresources. */
  List<ApiResource> discover();

  /** A fresh read; null when the object does not exist. */
  GenericKubernetesResource get(ApiResource resource, String namespace, String name);

  List<GenericKubernetesResource> list(ApiResource resource, String namespace);

  /** A JSON merge patch (a resourceVersion or uid in it is a precondition); null when missing. */
  GenericKubernetesResource patch(ApiResource resource, String namespace, String name,
      String mergePatch);

  /** False when the object did not exist. */
  boolean delete(ApiResource resource, String namespace, String name, Deletion deletion);

  /** DELETE on the collection of {@code namespace} (the resource serves deletecollection). */
  void deleteCollection(ApiResource resource, String namespace, Deletion deletion);

  /** PUT {@code body} (JSON) to {@code path} (namespaces/finalize, a scale subresource). */
  void put(String path, String body);

  /** GET {@code path} as JSON (a scale subresource, the metrics API); null on 404. */
  String get(String path);
}
