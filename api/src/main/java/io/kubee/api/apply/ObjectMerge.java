package io.kubee.api.apply;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges an applied configuration into the live object (structured-merge-diff's
 * {@code TypedValue.Merge} with the keep-the-right-hand-side rule): scalars and atomic values
 * take the configuration's value; structs and granular maps merge field by field; list-maps
 * merge element by element by their keys and sets by value, in the configuration's order with
 * live-only elements kept where they were. A null in the configuration replaces a scalar or
 * atomic value (and so removes it once the object is decoded). Inputs are not modified.
 */
final class ObjectMerge {
  private ObjectMerge() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * @param lhs the live object (possibly with duplicate list keys), or absent (Java null)
   * @param rhs the configuration, already checked against the schema
   * @return the merged value, or null when neither side gives one
   */
  static JsonNode merge(JsonNode lhs, JsonNode rhs, Shape declared) {
    if (lhs == null && rhs == null) {
      return null;
    }
    Shape shape = declared.deduce(rhs != null && !rhs.isNull() ? rhs : lhs);
    if (!shape.accepts(lhs) || !shape.accepts(rhs)) {
      return keepRight(lhs, rhs);
    }
    return switch (shape.kind()) {
      case LIST -> list(lhs, rhs, shape);
      case STRUCT, MAP -> map(lhs, rhs, shape);
      default -> keepRight(lhs, rhs);
    };
  }

  private static JsonNode keepRight(JsonNode lhs, JsonNode rhs) {
    JsonNode kept = rhs != null ? rhs : lhs;
    return kept == null ? null : kept.deepCopy();
  }

  private static JsonNode map(JsonNode lhs, JsonNode rhs, Shape shape) {
    JsonNode l = lhs == null || lhs.isNull() ? null : lhs;
    JsonNode r = rhs == null || rhs.isNull() ? null : rhs;
    boolean empty = (l == null || l.isEmpty()) && (r == null || r.isEmpty());
    if (shape.atomic() || empty) {
      return keepRight(lhs, rhs);
    }
    ObjectNode out = NODES.objectNode();
    Set<String> keys = new LinkedHashSet<>();
    if (l != null) {
      keys.addAll(l.propertyNames());
    }
    if (r != null) {
      keys.addAll(r.propertyNames());
    }
    for (String key : keys) {
      Shape field = shape.field(key);
      JsonNode merged = merge(l == null ? null : l.get(key), r == null ? null : r.get(key),
          field == null ? Shape.UNTYPED : field);
      if (merged != null) {
        out.set(key, merged);
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static JsonNode list(JsonNode lhs, JsonNode rhs, Shape shape) {
    JsonNode l = lhs == null || lhs.isNull() ? null : lhs;
    JsonNode r = rhs == null || rhs.isNull() ? null : rhs;
    boolean empty = (l == null || l.isEmpty()) && (r == null || r.isEmpty());
    if (shape.atomic() || empty) {
      return keepRight(lhs, rhs);
    }
    List<PathElement> lElements = l == null ? List.of() : ListElements.ofAll(shape, l);
    List<PathElement> rElements = r == null ? List.of() : ListElements.ofAll(shape, r);
    if (lElements == null || rElements == null) {
      return keepRight(lhs, rhs);
    }
    // live duplicates are not merged: the element then stands for a null live value
    Map<PathElement, JsonNode> observedL = new HashMap<>();
    Set<PathElement> duplicated = new HashSet<>();
    for (int i = 0; i < lElements.size(); i++) {
      if (observedL.putIfAbsent(lElements.get(i), l.get(i)) != null) {
        duplicated.add(lElements.get(i));
      }
    }
    duplicated.forEach(e -> observedL.put(e, NODES.nullNode()));
    Map<PathElement, JsonNode> observedR = new LinkedHashMap<>();
    for (int i = 0; i < rElements.size(); i++) {
      observedR.putIfAbsent(rElements.get(i), r.get(i));
    }

    // SMD's visitListItems: the configuration's order, live-only items where they were
    java.util.ArrayDeque<PathElement> sharedOrder = new java.util.ArrayDeque<>();
    for (PathElement e : rElements) {
      if (observedL.containsKey(e)) {
        sharedOrder.add(e);
      }
    }
    PathElement nextShared = sharedOrder.poll();
    Set<PathElement> mergedR = new HashSet<>();
    ArrayNode out = NODES.arrayNode();
    int lLen = lElements.size();
    int rLen = rElements.size();
    for (int li = 0, ri = 0; li < lLen || ri < rLen; ) {
      if (li < lLen && ri < rLen) {
        PathElement e = lElements.get(li);
        if (e.equals(rElements.get(ri))) {
          mergedR.add(e);
          add(out, merge(observedL.get(e), observedR.get(e), shape.elements()));
          li++;
          ri++;
          nextShared = sharedOrder.poll();
          continue;
        }
        if (observedR.containsKey(e) && nextShared != null && !nextShared.equals(e)) {
          li++;
          continue;
        }
      }
      if (li < lLen) {
        PathElement e = lElements.get(li);
        if (!observedR.containsKey(e)) {
          add(out, merge(l.get(li), null, shape.elements()));
          li++;
          continue;
        } else if (mergedR.contains(e)) {
          li++;
        }
      }
      if (ri < rLen) {
        PathElement e = rElements.get(ri);
        mergedR.add(e);
        add(out, merge(observedL.get(e), observedR.get(e), shape.elements()));
        ri++;
        if (nextShared != null && nextShared.equals(e)) {
          nextShared = sharedOrder.poll();
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static void add(ArrayNode out, JsonNode item) {
    if (item != null) {
      out.add(item);
    }
  }
}
