package io.kubee.controllers.api;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The writes and live reads controllers make with typed objects (the part of client-go's
 * clientset they use). Failures are {@code KubernetesClientException}s carrying the HTTP code
 * (409 on a conflict); controllers let them propagate and their key is retried with backoff.
 */
public interface KubeApi {

  /** POSTs {@code object} to its namespace; a generateName is completed by the server. */
  <T extends HasMetadata> T create(T object);

  /** PUTs {@code object}; its resourceVersion is a precondition. */
  <T extends HasMetadata> T update(T object);

  /** PUTs {@code object}'s status subresource; its resourceVersion is a precondition. */
  <T extends HasMetadata> T updateStatus(T object);

  /**
   * Applies a JSON merge patch; a {@code metadata.resourceVersion} or {@code metadata.uid} in
   * it is a precondition. Null when the object does not exist.
   *
   * @param namespace "" for cluster-scoped kinds
   */
  <T extends HasMetadata> T patch(Class<T> type, String namespace, String name, String mergePatch);

  /** A fresh read from the apiserver, bypassing caches; null when the object does not exist. */
  <T extends HasMetadata> T get(Class<T> type, String namespace, String name);

  /** DELETEs the object; false when it did not exist. */
  boolean delete(Class<? extends HasMetadata> type, String namespace, String name,
      Deletion deletion);
}
