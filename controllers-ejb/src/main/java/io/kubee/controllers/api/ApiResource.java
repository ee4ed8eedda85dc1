package io.kubee.controllers.api;

import java.util.Set;

/**
 * One served resource as discovery describes it ({@code metav1.APIResource} with its group
 * version).
 *
 * @param group      "" for the core group
 * @param plural     the resource name in URLs ("replicasets")
 * @param namespaced whether its objects live in namespaces
 * @param verbs      the verbs it serves ("list", "watch", "delete", "deletecollection", ...)
 */
public record ApiResource(String group, String version, String kind, String plural,
    boolean namespaced, Set<String> verbs) {

  public ApiResource {
    verbs = Set.copyOf(verbs);
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The API path of the collection in {@code namespace} (ignored when cluster-scoped). */
  public String collectionPath(String namespace) {
    String root = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return namespaced && namespace != null && !namespace.isEmpty()
        ? root + "/namespaces/" + namespace + "/" + plural : root + "/" + plural;
  }

  public String objectPath(String namespace, String name) {
    return collectionPath(namespace) + "/" + name;
  }

  /** "deployments.apps", as Kubernetes names a group resource in messages. */
  public String groupResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}
