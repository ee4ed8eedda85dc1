package io.kubee.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * An object as the garbage collector names it ({@code objectReference} in graph.go): kind,
 * namespace, name and uid, so that a namesake created later is never mistaken for it. Encoded
 * as a queue key.
 *
 * @param namespace "" for cluster-scoped objects
 */
record ObjectIdentity(String apiVersion, String kind, String namespace, String name,
    String uid) {

  static ObjectIdentity of(HasMetadata object, String apiVersion, String kind) {
    String namespace = object.getMetadata().getNamespace();
    return new ObjectIdentity(apiVersion, kind, namespace == null ? "" : namespace,
        object.getMetadata().getName(), object.getMetadata().getUid());
  }

  String key() {
    return String.join("|", apiVersion, kind, namespace, name, uid);
  }

  static ObjectIdentity parse(String key) {
    String[] parts = key.split("\\|", -1);
    if (parts.length != 5) {
      throw new IllegalArgumentException("not an object identity: " + key);
    }
    return new ObjectIdentity(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }

  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " (uid " + uid
        + ")";
  }
}
