package io.kubee.apiserver.request;

/**
 * What an API request addresses, resolved from its method and path alone (Kubernetes'
 * {@code request.RequestInfo}, k8s.io/apiserver/pkg/endpoints/request/requestinfo.go).
 *
 * @param resourceRequest whether the path names a resource (false for discovery: /api, /apis,
 *                        /api/v1, /apis/apps, /apis/apps/v1)
 * @param verb            get, list, watch, create, update, patch, delete, deletecollection
 *                        (for non-resource requests: the lowercase HTTP method)
 * @param group           "" for the core group
 * @param version         "" when the path stops before the version
 * @param namespace       "" when not addressed
 * @param resource        plural resource name, "" for discovery
 * @param name            "" when the request addresses a collection
 * @param subresource     "" or e.g. "status", "scale", "log"
 */
public record RequestInfo(
    boolean resourceRequest,
    String path,
    String verb,
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource) {

  public boolean isCollection() {
    return name.isEmpty();
  }
}
