package io.kubee.apiserver.openapi;

/** The two OpenAPI versions Kubernetes serves, and where each keeps its schemas. */
enum Dialect {
  /** Swagger 2.0: {@code /openapi/v2}, schemas under {@code definitions}. */
  V2("#/definitions/"),
  /** OpenAPI 3.0: {@code /openapi/v3/<group-version>}, schemas under {@code components.schemas}. */
  V3("#/components/schemas/");

  private final String refPrefix;

  Dialect(String refPrefix) {
    this.refPrefix = refPrefix;
  }

  String ref(String definitionName) {
    return refPrefix + definitionName;
  }
}
