package io.kubee.api.schema;

/**
 * The shape of one position of an API object, as the fabric8 model class behind it and
 * Kubernetes' patch metadata describe it: an object with named fields, a map, a list, a scalar,
 * or a free-form value the schema does not look into. Built by {@link ModelSchema}; immutable and
 * thread-safe.
 */
public sealed interface Schema
    permits ObjectSchema, MapSchema, ArraySchema, ScalarSchema, FreeFormSchema {

  /**
   * The Kubernetes OpenAPI definition this position refers to
   * ({@code io.k8s.api.core.v1.PodSpec}, {@code io.k8s.apimachinery.pkg.api.resource.Quantity}),
   * or "" for anonymous shapes (strings, maps, lists).
   */
  String definitionName();
}
