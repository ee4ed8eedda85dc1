package io.kubee.api.patch;

import io.kubee.api.errors.ApiException;
import io.kubee.api.patch.StrategicMergePatch.Directive;
import io.kubee.api.schema.PatchMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The list half of {@link StrategicMergePatch}: Kubernetes' {@code mergeSliceHandler},
 * {@code mergeSlice}, {@code mergeSliceWithSpecialElements} and the {@code $setElementOrder}
 * checks of {@code strategicpatch/patch.go}.
 */
final class ListMerge {
  private ListMerge() {}

  /** What a merging list holds, which decides how it merges. */
  private enum Elements { NONE, SCALARS, OBJECTS }

  /**
   * Merges {@code patch} into {@code original} (owned by the caller, its elements may be
   * modified) according to the list's patch strategy.
   */
  static ArrayNode merge(ArrayNode original, ArrayNode patch, PatchMeta meta, String path) {
    return merge(original, patch, meta, path, new ArrayList<>());
  }

  /**
   * As {@link #merge(ArrayNode, ArrayNode, PatchMeta, String)}, also filling {@code
   * working} with the list as merged before it is ordered: the live elements that survive
   * deletions, merged in place, then the new ones. Its first {@code original.size()} elements
   * are the live order a {@code $setElementOrder} interleaves the server's elements by: in
   * Kubernetes that is the live slice, whose backing array the merge has rewritten this way,
   * and its expected results (e.g. "add map and delete map from merging list") depend on it.
   */
  static ArrayNode merge(ArrayNode original, ArrayNode patch, PatchMeta meta, String path,
      List<JsonNode> working) {
    original.forEach(working::add);
    if (!Positions.strategy(meta).merge()) {
      return (ArrayNode) StrategicMergePatch.fresh(patch, meta, path, false);
    }
    switch (elements(original, patch, path)) {
      case NONE:
        return original;
      case SCALARS:
        return union(original, patch, working);
      case OBJECTS:
      default:
        return mergeByKey(original, patch, meta, path, working);
    }
  }

  /** Kubernetes' {@code sliceElementType}: one kind of element, and no lists of lists. */
  private static Elements elements(ArrayNode original, ArrayNode patch, String path) {
    Elements seen = Elements.NONE;
    for (ArrayNode list : List.of(original, patch)) {
      for (JsonNode element : list) {
        if (element.isArray()) {
          throw PatchErrors.invalidAt(path, "FieldValueInvalid",
              "lists of lists are not supported");
        }
        Elements kind = element.isObject() ? Elements.OBJECTS
            : element.isNull() ? Elements.NONE : Elements.SCALARS;
        if (kind == Elements.NONE || (seen != Elements.NONE && seen != kind)) {
          throw PatchErrors.invalidAt(path, "FieldValueInvalid",
              "list element types are not identical: [" + Values.go(original) + " "
                  + Values.go(patch) + "]");
        }
        seen = kind;
      }
    }
    return seen;
  }

  /** A list of scalars merged as a set: no duplicates, the patch's values in its order. */
  private static ArrayNode union(ArrayNode original, ArrayNode patch, List<JsonNode> working) {
    Map<String, JsonNode> distinct = new LinkedHashMap<>();
    for (ArrayNode list : List.of(original, patch)) {
      list.forEach(element -> distinct.putIfAbsent(Values.key(element), element));
    }
    working.clear();
    working.addAll(distinct.values());
    Function<JsonNode, String> id = Values::key;
    return array(ElementOrder.apply(new ArrayList<>(distinct.values()),
        ElementOrder.indexes(patch, id), ElementOrder.indexes(original, id), id));
  }

  /** A list of objects merged by the value of its merge key. */
  private static ArrayNode mergeByKey(ArrayNode original, ArrayNode patch, PatchMeta meta,
      String path, List<JsonNode> result) {
    String key = Positions.mergeKey(meta);
    if (key.isEmpty()) {
      throw PatchErrors.invalidAt(path, "FieldValueInvalid",
          "cannot merge lists without merge key for " + path);
    }
    PatchMeta items = Positions.items(meta);
    List<JsonNode> working = new ArrayList<>();
    original.forEach(working::add);
    List<ObjectNode> plain = new ArrayList<>();
    List<String> plainPaths = new ArrayList<>();
    boolean replace = false;
    for (int i = 0; i < patch.size(); i++) {
      ObjectNode element = (ObjectNode) patch.get(i);
      JsonNode marker = element.get(StrategicMergePatch.PATCH);
      if (marker == null
          || StrategicMergePatch.directive(marker, element) == Directive.MERGE
              && element.size() > 1) {
        plain.add(element);
        plainPaths.add(StrategicMergePatch.index(path, i));
        continue;
      }
      switch (StrategicMergePatch.directive(marker, element)) {
        case DELETE:
          JsonNode value = element.get(key);
          if (value == null) {
            throw noMergeKey(element, key, StrategicMergePatch.index(path, i));
          }
          String gone = Values.key(value);
          working.removeIf(e -> e.get(key) != null && Values.key(e.get(key)).equals(gone));
          break;
        case REPLACE:
          replace = true;
          break;
        case MERGE:
        default:
          break;
      }
    }
    if (replace) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode(plain.size());
      for (int i = 0; i < plain.size(); i++) {
        requireKey(plain.get(i), key, plainPaths.get(i));
        out.add(StrategicMergePatch.fresh(plain.get(i), items, plainPaths.get(i), false));
      }
      return out;
    }
    Function<JsonNode, String> id = element -> Values.key(requireKey(element, key, path));
    Map<String, Integer> live = ElementOrder.indexes(working, id);
    Map<String, Integer> positions = new HashMap<>(live);
    Map<String, Integer> wanted = new HashMap<>();
    for (int i = 0; i < plain.size(); i++) {
      ObjectNode element = plain.get(i);
      String elementPath = plainPaths.get(i);
      String identity = Values.key(requireKey(element, key, elementPath));
      wanted.putIfAbsent(identity, i);
      Integer at = positions.get(identity);
      if (at != null) {
        working.set(at, StrategicMergePatch.mergeObject((ObjectNode) working.get(at), element,
            items, elementPath));
      } else {
        working.add(StrategicMergePatch.fresh(element, items, elementPath, false));
        positions.put(identity, working.size() - 1);
      }
    }
    result.clear();
    result.addAll(working);
    return array(ElementOrder.apply(working, wanted, live, id));
  }

  /**
   * Kubernetes' {@code validatePatchWithSetOrderList}: the patch's elements (deletions aside)
   * must appear in the {@code $setElementOrder} list, in the same relative order.
   */
  static void validateOrder(ArrayNode patchList, ArrayNode order, PatchMeta meta, String path) {
    if (patchList == null || patchList.isEmpty() || order.isEmpty()) {
      return;
    }
    String key = Positions.mergeKey(meta);
    List<JsonNode> kept = new ArrayList<>();
    for (JsonNode element : patchList) {
      if (!key.isEmpty()) {
        if (!element.isObject()) {
          throw Positions.wrongType(path, element, "object");
        }
        JsonNode marker = element.get(StrategicMergePatch.PATCH);
        if (marker != null && marker.isString() && marker.asString().equals("delete")) {
          continue;
        }
      }
      kept.add(element);
    }
    int p = 0;
    int o = 0;
    while (p < kept.size() && o < order.size()) {
      JsonNode element = kept.get(p);
      if (element.isObject() && element.has(StrategicMergePatch.PATCH)) {
        p++;
        continue;
      }
      if (sameElement(element, order.get(o), key, path)) {
        p++;
      }
      o++;
    }
    if (p < kept.size()) {
      throw PatchErrors.badRequest("The order in patch list:\n" + Values.go(patchList)
          + "\n doesn't match " + StrategicMergePatch.SET_ELEMENT_ORDER + " list:\n"
          + Values.go(order) + "\n");
    }
  }

  private static boolean sameElement(JsonNode element, JsonNode ordered, String key,
      String path) {
    if (key.isEmpty()) {
      return Values.equal(element, ordered);
    }
    return Values.equal(requireKey(element, key, path), orderKey(ordered, key, path));
  }

  /** Where the live list has each element, by identity; elements without one are skipped. */
  static Map<String, Integer> liveOrder(List<JsonNode> live, PatchMeta meta) {
    Map<String, Integer> out = new HashMap<>();
    String key = Positions.mergeKey(meta);
    for (int i = 0; i < live.size(); i++) {
      JsonNode element = live.get(i);
      if (key.isEmpty()) {
        out.putIfAbsent(Values.key(element), i);
      } else if (element.get(key) != null) {
        out.putIfAbsent(Values.key(element.get(key)), i);
      }
    }
    return out;
  }

  /** Orders a merged list by its {@code $setElementOrder} list. */
  static ArrayNode order(ArrayNode merged, ArrayNode order, Map<String, Integer> live,
      PatchMeta meta, String path) {
    if (merged.isEmpty()) {
      return merged;
    }
    String key = Positions.mergeKey(meta);
    Function<JsonNode, String> id = key.isEmpty()
        ? Values::key
        : element -> Values.key(requireKey(element, key, path));
    Map<String, Integer> wanted = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      JsonNode ordered = order.get(i);
      wanted.putIfAbsent(key.isEmpty() ? Values.key(ordered)
          : Values.key(orderKey(ordered, key, path)), i);
    }
    List<JsonNode> elements = new ArrayList<>();
    merged.forEach(elements::add);
    return array(ElementOrder.apply(elements, wanted, live, id));
  }

  private static JsonNode orderKey(JsonNode ordered, String key, String path) {
    if (!ordered.isObject()) {
      throw PatchErrors.badRequest(StrategicMergePatch.BAD_SET_ELEMENT_ORDER);
    }
    return requireKey(ordered, key, path);
  }

  /** The merge-key value of an element of a keyed list; its absence is 422. */
  private static JsonNode requireKey(JsonNode element, String key, String path) {
    if (!element.isObject()) {
      throw Positions.wrongType(path, element, "object");
    }
    JsonNode value = element.get(key);
    if (value == null) {
      throw noMergeKey((ObjectNode) element, key, path);
    }
    return value;
  }

  /**
   * Kubernetes' {@code ErrNoMergeKey}. Its apiserver answers it with a 500 (a plain error);
   * it is the client's patch that lacks the key, so we answer 422.
   */
  static ApiException noMergeKey(ObjectNode element, String key, String path) {
    return PatchErrors.invalidAt(path, "FieldValueRequired",
        "map: " + Values.go(element) + " does not contain declared merge key: " + key);
  }

  private static ArrayNode array(List<JsonNode> elements) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode(elements.size());
    elements.forEach(out::add);
    return out;
  }
}
