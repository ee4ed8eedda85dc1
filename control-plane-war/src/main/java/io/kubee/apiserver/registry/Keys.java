package io.kubee.apiserver.registry;

import io.kubee.api.registry.ResourceType;

/**
 * Where objects live in etcd (DESIGN.md): {@code /registry/<group>/<plural>/<namespace>/<name>},
 * without the group segment for the core group and without the namespace for cluster-scoped
 * resources.
 */
public final class Keys {
  public static final String ROOT = "/registry/";

  private Keys() {}

  /** All objects of a type: "/registry/pods/". */
  public static String resourcePrefix(ResourceType type) {
    return type.group().isEmpty()
        ? ROOT + type.plural() + "/"
        : ROOT + type.group() + "/" + type.plural() + "/";
  }

  /** Objects of a type in one namespace, or all of them when namespace is "". */
  public static String collectionPrefix(ResourceType type, String namespace) {
    return type.namespaced() && !namespace.isEmpty()
        ? resourcePrefix(type) + namespace + "/"
        : resourcePrefix(type);
  }

  public static String key(ResourceType type, String namespace, String name) {
    return type.namespaced()
        ? resourcePrefix(type) + namespace + "/" + name
        : resourcePrefix(type) + name;
  }
}
