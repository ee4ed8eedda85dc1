package io.kubee.api.schema;

import java.util.List;
import java.util.Objects;

/**
 * One field of an {@link ObjectSchema}, with the merge metadata Kubernetes declares on it (the
 * {@code patchStrategy}/{@code patchMergeKey} struct tags and the {@code +listType},
 * {@code +listMapKey}, {@code +mapType} markers). Values that were not declared are "".
 *
 * @param name          the JSON property name
 * @param schema        the shape of the value
 * @param description   documentation for OpenAPI, "" when none
 * @param patchStrategy "merge", "retainKeys", "merge,retainKeys" or ""
 * @param patchMergeKey the element key of a list merged by key, or ""
 * @param listType      "atomic", "set", "map", or "" when Kubernetes declares none
 * @param listMapKeys   the keys of a "map" list
 * @param mapType       "atomic" or "granular" for maps and structs that declare it, else ""
 */
public record Field(
    String name,
    Schema schema,
    String description,
    String patchStrategy,
    String patchMergeKey,
    String listType,
    List<String> listMapKeys,
    String mapType) {

  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    listMapKeys = List.copyOf(listMapKeys);
  }
}
