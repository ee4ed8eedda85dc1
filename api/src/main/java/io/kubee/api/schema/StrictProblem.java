package io.kubee.api.schema;

/**
 * One strictness problem of a request body: an unknown or a duplicate field, at a path written
 * as Kubernetes writes it ({@code spec.containers[0].imagePullPolice}).
 *
 * @param duplicate whether the field appears twice in one object (else: it is unknown)
 * @param path      the field's path from the root of the body
 */
record StrictProblem(boolean duplicate, String path) {

  /** Kubernetes' wording: {@code unknown field "spec.x"} or {@code duplicate field "metadata.name"}. */
  String message() {
    return (duplicate ? "duplicate field " : "unknown field ") + GoStrings.quote(path);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String element(String path, int index) {
    return path + "[" + index + "]";
  }
}
