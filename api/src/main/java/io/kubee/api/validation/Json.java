package io.kubee.api.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Null-tolerant reads of an API object's JSON tree. A field that is absent and a field that is
 * JSON {@code null} read the same, as they decode to the same Go value.
 */
final class Json {
  private Json() {}

  /** The field's value, or {@code null} when absent or JSON null. */
  static JsonNode get(JsonNode parent, String name) {
    if (parent == null || !parent.isObject()) {
      return null;
    }
    JsonNode v = parent.get(name);
    return v == null || v.isNull() || v.isMissingNode() ? null : v;
  }

  static boolean has(JsonNode parent, String name) {
    return get(parent, name) != null;
  }

  /** A string field, "" when absent; a number or boolean reads as its text. */
  static String text(JsonNode parent, String name) {
    return text(get(parent, name));
  }

  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "";
    }
    if (node.isString()) {
      return node.asString();
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  /** An object field, or {@code null}. */
  static ObjectNode object(JsonNode parent, String name) {
    JsonNode v = get(parent, name);
    return v instanceof ObjectNode o ? o : null;
  }

  /** The elements of an array field; empty when absent. */
  static List<JsonNode> list(JsonNode parent, String name) {
    JsonNode v = get(parent, name);
    List<JsonNode> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      v.forEach(out::add);
    }
    return out;
  }

  static List<String> strings(JsonNode parent, String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : list(parent, name)) {
      out.add(text(n));
    }
    return out;
  }

  /** A string-to-string map field in document order; empty when absent. */
  static Map<String, String> map(JsonNode parent, String name) {
    JsonNode v = get(parent, name);
    Map<String, String> out = new LinkedHashMap<>();
    if (v != null && v.isObject()) {
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        out.put(e.getKey(), text(e.getValue()));
      }
    }
    return out;
  }

  /** An integer field, or {@code null} when absent (a pointer left nil). */
  static Long number(JsonNode parent, String name) {
    JsonNode v = get(parent, name);
    if (v == null) {
      return null;
    }
    if (v.isNumber()) {
      return v.isIntegralNumber() ? v.asLong(0) : (long) v.asDouble(0);
    }
    if (v.isString()) {
      try {
        return Long.parseLong(v.asString());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** An integer field, 0 when absent (a plain Go int). */
  static long longValue(JsonNode parent, String name) {
    Long v = number(parent, name);
    return v == null ? 0 : v;
  }

  static boolean bool(JsonNode parent, String name) {
    JsonNode v = get(parent, name);
    return v != null && v.isBoolean() && v.asBoolean(false);
  }

  /** Whether a node holds a Go zero value: absent, null, "", 0, false, [] or {}. */
  static boolean isZero(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return true;
    }
    if (node.isString()) {
      return node.asString().isEmpty();
    }
    if (node.isNumber()) {
      return node.decimalValue(BigDecimal.ONE).signum() == 0;
    }
    if (node.isBoolean()) {
      return !node.asBoolean(false);
    }
    if (node.isContainer()) {
      return node.isEmpty();
    }
    return false;
  }

  /**
   * Equality as Kubernetes' semantic DeepEqual sees two decoded values: zero values equal absent
   * fields, empty lists and maps equal missing ones, numbers compare by value.
   */
  static boolean semanticEquals(JsonNode a, JsonNode b) {
    return diff(a, b, "", null);
  }

  /** The differences between two trees, one "path: old -> new" line each, for messages. */
  static List<String> differences(JsonNode a, JsonNode b, String root) {
    List<String> out = new ArrayList<>();
    diff(a, b, root, out);
    return out;
  }

  private static boolean diff(JsonNode a, JsonNode b, String path, List<String> out) {
    boolean za = isZero(a);
    boolean zb = isZero(b);
    if (za && zb) {
      return true;
    }
    if (za != zb) {
      return record(out, path, a, b);
    }
    if (a.isObject() && b.isObject()) {
      boolean equal = true;
      Set<String> names = new HashSet<>(a.propertyNames());
      names.addAll(b.propertyNames());
      for (String name : sorted(names)) {
        if (!diff(a.get(name), b.get(name), path.isEmpty() ? name : path + "." + name, out)) {
          equal = false;
          if (out == null) {
            return false;
          }
        }
      }
      return equal;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return record(out, path, a, b);
      }
      boolean equal = true;
      for (int i = 0; i < a.size(); i++) {
        if (!diff(a.get(i), b.get(i), path + "[" + i + "]", out)) {
          equal = false;
          if (out == null) {
            return false;
          }
        }
      }
      return equal;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue(BigDecimal.ZERO).compareTo(b.decimalValue(BigDecimal.ZERO)) == 0
          || record(out, path, a, b);
    }
    return a.equals(b) || record(out, path, a, b);
  }

  private static List<String> sorted(Set<String> names) {
    List<String> list = new ArrayList<>(names);
    list.sort(null);
    return list;
  }

  private static boolean record(List<String> out, String path, JsonNode a, JsonNode b) {
    if (out != null) {
      out.add(path + ": " + io.kubee.api.validation.field.FieldErrors.render(a) + " -> "
          + io.kubee.api.validation.field.FieldErrors.render(b));
    }
    return false;
  }
}
