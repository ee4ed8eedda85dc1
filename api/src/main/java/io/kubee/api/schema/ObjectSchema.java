package io.kubee.api.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object with a fixed set of fields: one fabric8 model class, named as Kubernetes names
 * the type in OpenAPI ({@code io.k8s.api.core.v1.Pod}). Built by {@link ModelSchema}, which
 * completes the fields before anyone else can see the instance; immutable afterwards.
 */
public final class ObjectSchema implements Schema {
  private final String definitionName;
  private final Class<?> modelClass;
  private final String description;
  private final List<String> required;
  private final String mapType;
  // Written once by the builder before the schema is published through ModelSchema's cache;
  // volatile so that a schema reached through a cycle is never seen half-built.
  private volatile Map<String, Field> fields = Map.of();

  ObjectSchema(String definitionName, Class<?> modelClass, String description,
      List<String> required, String mapType) {
    this.definitionName = Objects.requireNonNull(definitionName, "definitionName");
    this.modelClass = Objects.requireNonNull(modelClass, "modelClass");
    this.description = Objects.requireNonNull(description, "description");
    this.required = List.copyOf(required);
    this.mapType = Objects.requireNonNull(mapType, "mapType");
  }

  void complete(Map<String, Field> builtFields) {
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(builtFields));
  }

  @Override
  public String definitionName() {
    return definitionName;
  }

  /** The fabric8 class the schema was read from. */
  public Class<?> modelClass() {
    return modelClass;
  }

  /** Documentation of the type, "" when Kubee has none. */
  public String description() {
    return description;
  }

  /** Fields by JSON name, in the model's declaration order. */
  public Map<String, Field> fields() {
    return fields;
  }

  public Optional<Field> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** Fields Kubernetes declares required (OpenAPI {@code required}). */
  public List<String> required() {
    return required;
  }

  /**
   * "atomic" for structs Kubernetes replaces as a whole in server-side apply
   * ({@code +structType=atomic}, published as {@code x-kubernetes-map-type}), else "".
   */
  public String mapType() {
    return mapType;
  }

  @Override
  public String toString() {
    return definitionName;
  }
}
