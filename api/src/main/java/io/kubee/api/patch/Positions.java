package io.kubee.api.patch;

import io.kubee.api.errors.ApiException;
import io.kubee.api.schema.PatchMeta;
import tools.jackson.databind.JsonNode;

/**
 * Null-safe reads of a {@link PatchMeta} (an implementation answering {@code null} reads as
 * {@link PatchMeta#UNKNOWN}), and the check that a patch value has the shape its position
 * requires.
 */
final class Positions {
  private Positions() {}

  /** How a list (or an object) merges, from its comma-separated {@code patchStrategy}. */
  record Strategy(boolean merge, boolean replace, boolean retainKeys) {}

  static PatchMeta of(PatchMeta meta) {
    return meta == null ? PatchMeta.UNKNOWN : meta;
  }

  static PatchMeta.Kind kind(PatchMeta meta) {
    PatchMeta.Kind kind = meta.kind();
    return kind == null ? PatchMeta.Kind.UNKNOWN : kind;
  }

  static PatchMeta field(PatchMeta meta, String name) {
    return of(meta.field(name));
  }

  static PatchMeta items(PatchMeta meta) {
    return of(meta.items());
  }

  static String mergeKey(PatchMeta meta) {
    String key = meta.patchMergeKey();
    return key == null ? "" : key;
  }

  static Strategy strategy(PatchMeta meta) {
    String strategies = meta.patchStrategy();
    boolean merge = false;
    boolean replace = false;
    boolean retainKeys = false;
    if (strategies != null) {
      for (String strategy : strategies.split(",")) {
        switch (strategy.trim()) {
          case "merge":
            merge = true;
            break;
          case "replace":
            replace = true;
            break;
          case "retainKeys":
            retainKeys = true;
            break;
          default:
            break;
        }
      }
    }
    return new Strategy(merge, replace, retainKeys);
  }

  /**
   * Rejects a value whose shape the schema contradicts: an object where a list belongs, a list
   * where a scalar belongs... Kubernetes finds these when it decodes the patched object
   * (422); unknown positions take anything. {@code null} always passes.
   */
  static void checkType(JsonNode value, PatchMeta meta, String path) {
    if (value == null || value.isNull()) {
      return;
    }
    switch (kind(meta)) {
      case OBJECT:
      case MAP:
        if (!value.isObject()) {
          throw wrongType(path, value, "object");
        }
        break;
      case LIST:
        if (!value.isArray()) {
          throw wrongType(path, value, "array");
        }
        break;
      case SCALAR:
        if (value.isContainer()) {
          throw wrongType(path, value, "string, number or boolean");
        }
        break;
      default:
        break;
    }
  }

  /** The 422 of a value of the wrong JSON type, in the words of Kubernetes' schema checks. */
  static ApiException wrongType(String path, JsonNode value, String expected) {
    String field = path.isEmpty() ? "<root>" : path;
    String type = Values.typeName(value);
    return PatchErrors.invalidAt(field, "FieldValueTypeInvalid",
        "Invalid value: \"" + type + "\": " + field + " in body must be of type " + expected
            + ": \"" + type + "\"");
  }
}
