package io.kubee.api.patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The order of a merged list: the elements the patch names in the patch's order (or the
 * {@code $setElementOrder} list's), the elements only the server has in the live order,
 * interleaved where the live list relates them. Mirrors {@code normalizeElementOrder} and
 * {@code mergeSortedSlice} of Kubernetes' {@code strategicpatch/patch.go}, and the design in
 * "preserve-order-in-strategic-merge-patch.md": $setElementOrder, then patch order, then live
 * order.
 */
final class ElementOrder {
  private ElementOrder() {}

  /**
   * Orders {@code merged}: elements whose identity is in {@code wanted} follow {@code wanted};
   * the others keep their order in {@code live} and are placed before the first wanted element
   * that comes after them in {@code live}.
   *
   * @param id the identity of an element (its merge-key value, or the value itself)
   */
  static List<JsonNode> apply(List<JsonNode> merged, Map<String, Integer> wanted,
      Map<String, Integer> live, Function<JsonNode, String> id) {
    List<Item> fromPatch = new ArrayList<>();
    List<Item> serverOnly = new ArrayList<>();
    for (JsonNode element : merged) {
      Item item = new Item(element, id.apply(element));
      (wanted.containsKey(item.id) ? fromPatch : serverOnly).add(item);
    }
    sort(fromPatch, wanted);
    sort(serverOnly, live);
    return interleave(serverOnly, fromPatch, live);
  }

  /** The first index of every identity in {@code elements}. */
  static Map<String, Integer> indexes(Iterable<JsonNode> elements, Function<JsonNode, String> id) {
    Map<String, Integer> out = new HashMap<>();
    int i = 0;
    for (JsonNode element : elements) {
      out.putIfAbsent(id.apply(element), i++);
    }
    return out;
  }

  /** Stable sort by position in {@code order}; identities it lacks go last, as they were. */
  private static void sort(List<Item> items, Map<String, Integer> order) {
    items.sort(Comparator.comparingInt(item -> order.getOrDefault(item.id, Integer.MAX_VALUE)));
  }

  /** Kubernetes' {@code mergeSortedSlice}: both inputs keep their relative order. */
  private static List<JsonNode> interleave(List<Item> left, List<Item> right,
      Map<String, Integer> live) {
    List<JsonNode> out = new ArrayList<>(left.size() + right.size());
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        out.add(right.get(j++).node);
      } else if (j >= right.size()) {
        out.add(left.get(i++).node);
      } else {
        Integer l = live.get(left.get(i).id);
        Integer r = live.get(right.get(j).id);
        if (l != null && r != null && l < r) {
          out.add(left.get(i++).node);
        } else {
          out.add(right.get(j++).node);
        }
      }
    }
    return out;
  }

  private record Item(JsonNode node, String id) {}
}
