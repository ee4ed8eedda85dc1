package io.kubee.api.schema;

import java.util.List;

/**
 * {@link PatchMeta} over a {@link Schema}: a position in an object together with the merge
 * metadata of the field that leads to it, as {@code strategicpatch.PatchMetaFromOpenAPI} pairs
 * a schema with the patch metadata of its field. Immutable.
 */
final class SchemaPatchMeta implements PatchMeta {
  private final Schema schema;
  private final String patchStrategy;
  private final String patchMergeKey;
  private final String listType;
  private final List<String> listMapKeys;

  private SchemaPatchMeta(Schema schema, String patchStrategy, String patchMergeKey,
      String listType, List<String> listMapKeys) {
    this.schema = schema;
    this.patchStrategy = patchStrategy;
    this.patchMergeKey = patchMergeKey;
    this.listType = listType;
    this.listMapKeys = listMapKeys;
  }

  static PatchMeta root(ObjectSchema schema) {
    return new SchemaPatchMeta(schema, "", "", "", List.of());
  }

  private static PatchMeta at(Schema schema, String strategy, String mergeKey, String listType,
      List<String> mapKeys) {
    if (schema instanceof FreeFormSchema) {
      return UNKNOWN;
    }
    if (schema instanceof ArraySchema) {
      // a list Kubernetes declares nothing about is replaced, and atomic for server-side apply
      return new SchemaPatchMeta(schema, strategy, mergeKey,
          listType.isEmpty() ? "atomic" : listType, mapKeys);
    }
    return new SchemaPatchMeta(schema, strategy, "", "", List.of());
  }

  @Override
  public Kind kind() {
    if (schema instanceof ObjectSchema) {
      return Kind.OBJECT;
    }
    if (schema instanceof MapSchema) {
      return Kind.MAP;
    }
    if (schema instanceof ArraySchema) {
      return Kind.LIST;
    }
    return Kind.SCALAR;
  }

  @Override
  public PatchMeta field(String name) {
    if (schema instanceof ObjectSchema object) {
      Field field = object.fields().get(name);
      if (field == null) {
        return UNKNOWN;
      }
      return at(field.schema(), field.patchStrategy(), field.patchMergeKey(), field.listType(),
          field.listMapKeys());
    }
    if (schema instanceof MapSchema map) {
      return at(map.values(), "", "", "", List.of());
    }
    return UNKNOWN;
  }

  @Override
  public PatchMeta items() {
    if (!(schema instanceof ArraySchema array)) {
      return UNKNOWN;
    }
    // The elements of a "merge,retainKeys" list (volumes) are unions a patch may clear members
    // of, as Kubernetes adds $retainKeys to each element of such a list.
    String elementStrategy = patchStrategy.contains("retainKeys")
        && array.items() instanceof ObjectSchema ? "retainKeys" : "";
    return at(array.items(), elementStrategy, "", "", List.of());
  }

  @Override
  public String patchStrategy() {
    return patchStrategy;
  }

  @Override
  public String patchMergeKey() {
    return patchMergeKey;
  }

  @Override
  public String listType() {
    return listType;
  }

  @Override
  public List<String> listMapKeys() {
    return listMapKeys;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(kind().name());
    if (!schema.definitionName().isEmpty()) {
      text.append(' ').append(schema.definitionName());
    }
    if (!patchStrategy.isEmpty()) {
      text.append(" strategy=").append(patchStrategy);
    }
    if (!patchMergeKey.isEmpty()) {
      text.append(" key=").append(patchMergeKey);
    }
    if (!listType.isEmpty()) {
      text.append(" listType=").append(listType);
    }
    if (!listMapKeys.isEmpty()) {
      text.append(" mapKeys=").append(listMapKeys);
    }
    return text.toString();
  }
}
