package io.kubee.api.defaults;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Null-tolerant reads and conditional writes on JSON trees, for the defaulters. */
final class Nodes {
  private Nodes() {}

  /** Present and not JSON null. */
  static boolean has(JsonNode parent, String field) {
    if (parent == null) {
      return false;
    }
    JsonNode v = parent.get(field);
    return v != null && !v.isNull() && !v.isMissingNode();
  }

  static String text(JsonNode parent, String field) {
    if (!has(parent, field)) {
      return "";
    }
    JsonNode v = parent.get(field);
    return v.isString() ? v.asString() : v.isValueNode() ? v.asString() : v.toString();
  }

  static long longValue(JsonNode parent, String field) {
    if (!has(parent, field)) {
      return 0;
    }
    JsonNode v = parent.get(field);
    return v.isNumber() ? v.asLong(0) : 0;
  }

  static boolean bool(JsonNode parent, String field) {
    return has(parent, field) && parent.get(field).asBoolean(false);
  }

  /** Sets a string field when it is absent, null or "". */
  static void putIfAbsent(ObjectNode node, String field, String value) {
    if (text(node, field).isEmpty() && !(value.isEmpty() && has(node, field))) {
      node.put(field, value);
    }
  }

  static ObjectNode object(JsonNode parent, String field) {
    if (!has(parent, field)) {
      return null;
    }
    return parent.get(field) instanceof ObjectNode o ? o : null;
  }

  /** The object elements of an array field. */
  static List<ObjectNode> objects(JsonNode parent, String field) {
    List<ObjectNode> out = new ArrayList<>();
    if (has(parent, field) && parent.get(field).isArray()) {
      for (JsonNode n : parent.get(field)) {
        if (n instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /** The object at {@code field}, created when absent. */
  static ObjectNode ensureObject(ObjectNode parent, String field) {
    ObjectNode existing = object(parent, field);
    return existing != null ? existing : parent.putObject(field);
  }
}
