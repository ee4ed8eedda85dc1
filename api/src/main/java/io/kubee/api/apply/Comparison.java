package io.kubee.api.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two versions of an object (structured-merge-diff's
 * {@code TypedValue.Compare}): leaves whose value differs are modified; paths present only in
 * the new version are added (a whole new list element or map also as itself, which is why an
 * element a manager created is owned with {@code "."}); paths present only in the old version
 * are removed. Empty and null lists and maps count as leaves, so that {@code {}} is kept apart
 * from absence. Immutable.
 */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

  /** Compares {@code lhs} (the old object) with {@code rhs} (the new one). Never fails. */
  static Comparison of(JsonNode lhs, JsonNode rhs, Shape shape) {
    Walk walk = new Walk(FieldSet.builder(), FieldSet.builder(), FieldSet.builder());
    walk.compare(Path.ROOT, lhs, rhs, shape);
    return new Comparison(walk.added.build(), walk.modified.build(), walk.removed.build());
  }

  /** The comparison seen through a filter (the fields a write may not change). */
  Comparison filter(ResetFields filter) {
    return new Comparison(filter.apply(added), filter.apply(modified), filter.apply(removed));
  }

  private record Walk(FieldSet.Builder added, FieldSet.Builder modified,
      FieldSet.Builder removed) {

    /** @param lhs absent (Java null), JSON null or a value; likewise {@code rhs} */
    void compare(Path path, JsonNode lhs, JsonNode rhs, Shape declared) {
      Shape shape = declared.deduce(rhs != null && !rhs.isNull() ? rhs : lhs);
      boolean leaf;
      if (!shape.accepts(lhs) || !shape.accepts(rhs)) {
        leaf(path, lhs, rhs);
        leaf = true;
      } else {
        leaf = switch (shape.kind()) {
          case LIST -> list(path, lhs, rhs, shape);
          case STRUCT, MAP -> map(path, lhs, rhs, shape);
          default -> {
            leaf(path, lhs, rhs);
            yield true;
          }
        };
      }
      if (!leaf && !path.isEmpty()) {
        if (lhs == null) {
          added.insert(path);
        } else if (rhs == null) {
          removed.insert(path);
        }
      }
    }

    private void leaf(Path path, JsonNode lhs, JsonNode rhs) {
      if (path.isEmpty()) {
        return;
      }
      if (lhs == null) {
        added.insert(path);
      } else if (rhs == null) {
        removed.insert(path);
      } else if (!JsonValues.equal(lhs, rhs)) {
        modified.insert(path);
      }
    }

    /** @return whether the list was compared as a leaf */
    private boolean list(Path path, JsonNode lhs, JsonNode rhs, Shape shape) {
      JsonNode l = lhs == null || lhs.isNull() ? null : lhs;
      JsonNode r = rhs == null || rhs.isNull() ? null : rhs;
      boolean empty = (l == null || l.isEmpty()) && (r == null || r.isEmpty());
      if (shape.atomic() || empty) {
        leaf(path, lhs, rhs);
        return true;
      }
      List<PathElement> lElements = l == null ? List.of() : ListElements.ofAll(shape, l);
      List<PathElement> rElements = r == null ? List.of() : ListElements.ofAll(shape, r);
      if (lElements == null || rElements == null) {
        leaf(path, lhs, rhs);
        return true;
      }
      // every element once, with the items that carry it on each side (several: duplicates)
      Map<PathElement, List<JsonNode>> lItems = index(lElements, l);
      Map<PathElement, List<JsonNode>> rItems = index(rElements, r);
      Set<PathElement> all = new TreeSet<>(lItems.keySet());
      all.addAll(rItems.keySet());
      for (PathElement element : all) {
        List<JsonNode> left = lItems.getOrDefault(element, List.of());
        List<JsonNode> right = rItems.getOrDefault(element, List.of());
        Path itemPath = path.append(element);
        if (left.size() <= 1 && right.size() <= 1) {
          compare(itemPath, left.isEmpty() ? null : left.get(0),
              right.isEmpty() ? null : right.get(0), shape.elements());
        } else if (left.size() >= 2 && right.size() >= 2) {
          if (!sameItems(left, right)) {
            modified.insert(itemPath);
          }
        } else if (left.size() >= 2) {
          if (!right.isEmpty()) {
            compare(itemPath, null, right.get(0), shape.elements());
          }
          removed.insert(itemPath);
        } else {
          if (!left.isEmpty()) {
            compare(itemPath, left.get(0), null, shape.elements());
          }
          added.insert(itemPath);
        }
      }
      return false;
    }

    /** @return whether the map was compared as a leaf */
    private boolean map(Path path, JsonNode lhs, JsonNode rhs, Shape shape) {
      JsonNode l = lhs == null || lhs.isNull() ? null : lhs;
      JsonNode r = rhs == null || rhs.isNull() ? null : rhs;
      boolean empty = (l == null || l.isEmpty()) && (r == null || r.isEmpty());
      if (shape.atomic() || empty) {
        leaf(path, lhs, rhs);
        return true;
      }
      Set<String> keys = new TreeSet<>(JsonValues::compareStrings);
      if (l != null) {
        keys.addAll(l.propertyNames());
      }
      if (r != null) {
        keys.addAll(r.propertyNames());
      }
      for (String key : keys) {
        Shape field = shape.field(key);
        compare(path.append(PathElement.field(key)), l == null ? null : l.get(key),
            r == null ? null : r.get(key), field == null ? Shape.UNTYPED : field);
      }
      return false;
    }

    private static Map<PathElement, List<JsonNode>> index(List<PathElement> elements,
        JsonNode items) {
      Map<PathElement, List<JsonNode>> index = new LinkedHashMap<>();
      for (int i = 0; i < elements.size(); i++) {
        index.computeIfAbsent(elements.get(i), k -> new ArrayList<>()).add(items.get(i));
      }
      return index;
    }

    private static boolean sameItems(List<JsonNode> a, List<JsonNode> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!JsonValues.equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
