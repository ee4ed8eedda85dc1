package io.kubee.apiserver.printers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of an API object held as a JSON tree with Go's zero values for what is absent,
 * so that the printers can follow Kubernetes' Go code line by line: a missing string is "", a
 * missing number 0, a missing boolean false, a missing list empty. Never throws on odd input.
 */
final class Fields {
  private Fields() {}

  /** The object at {@code field}, or null when absent or not an object (Go's nil pointer). */
  static JsonNode object(JsonNode parent, String field) {
    JsonNode value = parent == null ? null : parent.get(field);
    return value != null && value.isObject() ? value : null;
  }

  /** Follows a path of object fields; null as soon as one is missing. */
  static JsonNode object(JsonNode parent, String... path) {
    JsonNode node = parent;
    for (String field : path) {
      node = object(node, field);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  static String text(JsonNode parent, String field) {
    JsonNode value = parent == null ? null : parent.get(field);
    return value != null && value.isString() ? value.asString() : "";
  }

  static long integer(JsonNode parent, String field) {
    JsonNode value = parent == null ? null : parent.get(field);
    return value != null && value.isNumber() ? value.asLong(0) : 0;
  }

  static boolean bool(JsonNode parent, String field) {
    JsonNode value = parent == null ? null : parent.get(field);
    return value != null && value.isBoolean() && value.asBoolean(false);
  }

  /** Whether {@code field} is present and not JSON null (Go: the pointer is not nil). */
  static boolean has(JsonNode parent, String field) {
    JsonNode value = parent == null ? null : parent.get(field);
    return value != null && !value.isNull() && !value.isMissingNode();
  }

  /** The elements of the array at {@code field}; empty when absent or not an array. */
  static List<JsonNode> list(JsonNode parent, String field) {
    JsonNode value = parent == null ? null : parent.get(field);
    if (value == null || !value.isArray() || value.isEmpty()) {
      return Collections.emptyList();
    }
    List<JsonNode> result = new ArrayList<>(value.size());
    value.forEach(result::add);
    return result;
  }

  /** The string elements of the array at {@code field}, non-strings skipped. */
  static List<String> strings(JsonNode parent, String field) {
    List<String> result = new ArrayList<>();
    for (JsonNode value : list(parent, field)) {
      if (value.isString()) {
        result.add(value.asString());
      }
    }
    return result;
  }

  /** The string map at {@code field}, sorted by key (as Go's label formatting sorts). */
  static Map<String, String> stringMap(JsonNode parent, String field) {
    JsonNode value = parent == null ? null : parent.get(field);
    if (value == null || !value.isObject() || value.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> result = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      result.put(entry.getKey(), entry.getValue().isString() ? entry.getValue().asString() : "");
    }
    return result;
  }

  /** The number of entries of the map or elements of the list at {@code field}. */
  static int size(JsonNode parent, String field) {
    JsonNode value = parent == null ? null : parent.get(field);
    return value != null && (value.isObject() || value.isArray()) ? value.size() : 0;
  }
}
