package io.kubee.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The keys controllers queue and caches index objects by: {@code namespace/name}, or
 * {@code name} for cluster-scoped objects (client-go's {@code MetaNamespaceKeyFunc} and
 * {@code SplitMetaNamespaceKey}).
 */
public final class Keys {
  private Keys() {}

  public static String of(HasMetadata object) {
    return of(object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  /** {@code namespace} null or "" gives the cluster-scoped key {@code name}. */
  public static String of(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** The namespace of a key, "" for a cluster-scoped one. */
  public static String namespace(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }

  /** The name of a key. */
  public static String name(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? key : key.substring(slash + 1);
  }
}
