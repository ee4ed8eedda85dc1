package io.kubee.api.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds and removes the fields of a tree its schema does not know. Finding walks object keys in
 * sorted order, as Kubernetes meets them in JSON it produced itself (converted YAML, a patched
 * object): Go writes map keys sorted. Maps, free-form values and the values of unknown fields
 * hold no unknown fields.
 */
final class UnknownFields {
  private UnknownFields() {}

  /** Go's sort order of map keys: by UTF-8 bytes, which is code point order. */
  private static final Comparator<String> GO_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  /** The paths of the unknown fields of a tree, depth first with sorted keys. */
  static List<String> find(JsonNode tree, Schema schema) {
    List<String> found = new ArrayList<>();
    find(tree, schema, "", found);
    return found;
  }

  private static void find(JsonNode node, Schema schema, String path, List<String> found) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>(node.propertyNames());
      keys.sort(GO_ORDER);
      for (String key : keys) {
        JsonNode value = node.get(key);
        String child = StrictProblem.child(path, key);
        if (schema instanceof ObjectSchema object) {
          Field field = object.fields().get(key);
          if (field == null) {
            found.add(child);
          } else {
            find(value, field.schema(), child, found);
          }
        } else if (schema instanceof MapSchema map) {
          find(value, map.values(), child, found);
        }
      }
    } else if (node.isArray() && schema instanceof ArraySchema array) {
      for (int i = 0; i < node.size(); i++) {
        find(node.get(i), array.items(), StrictProblem.element(path, i), found);
      }
    }
  }

  /** Removes the unknown fields of a tree in place; answers how many it removed. */
  static int prune(JsonNode node, Schema schema) {
    int removed = 0;
    if (node instanceof ObjectNode object) {
      if (schema instanceof ObjectSchema objectSchema) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
          Field field = objectSchema.fields().get(entry.getKey());
          if (field == null) {
            unknown.add(entry.getKey());
          } else {
            removed += prune(entry.getValue(), field.schema());
          }
        }
        object.remove(unknown);
        removed += unknown.size();
      } else if (schema instanceof MapSchema map) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
          removed += prune(entry.getValue(), map.values());
        }
      }
    } else if (node.isArray() && schema instanceof ArraySchema array) {
      for (JsonNode element : node) {
        removed += prune(element, array.items());
      }
    }
    return removed;
  }
}
