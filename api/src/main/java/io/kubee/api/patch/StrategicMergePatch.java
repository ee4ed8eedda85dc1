package io.kubee.api.patch;

import io.kubee.api.errors.ApiException;
import io.kubee.api.schema.PatchMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}, the
 * default of {@code kubectl patch}, {@code apply}, {@code label}, {@code annotate}, {@code
 * cordon}). Mirrors {@code StrategicMergeMapPatchUsingLookupPatchMeta} of
 * {@code k8s.io/apimachinery/pkg/util/strategicpatch/patch.go}, with the schema given as a
 * {@link PatchMeta} tree.
 *
 * <p>Semantics:
 * <ul>
 *   <li>objects and maps merge recursively; a {@code null} value deletes the field; a field
 *       the original lacks takes the patch's value, without its {@code null}s and directives;
 *   <li>a list whose {@link PatchMeta#patchStrategy()} includes "merge" merges: with a
 *       {@link PatchMeta#patchMergeKey()}, elements with the same key value merge recursively
 *       and new ones are added; without one, a list of scalars becomes the union. The patch's
 *       elements come in the patch's order, the server's others keep their live order and go
 *       before the first patch element they preceded; where that says nothing (a new element)
 *       the patch's element goes first, which is why {@code kubectl patch} adding a container
 *       puts it first. Every other list, and every position the schema does not know ({@link
 *       PatchMeta#UNKNOWN}, custom resources), is replaced, as in a JSON merge patch;
 *   <li>{@code "$patch": "replace"} in an object replaces it with the rest of the patch object;
 *       as an element of a merging list it replaces the list with the patch's other elements;
 *   <li>{@code "$patch": "delete"} in an object empties it (Kubernetes leaves {@code {}});
 *       as an element of a keyed list it deletes the elements with its merge-key value;
 *   <li>{@code "$patch": "merge"} asks for the default merge and is accepted for it, in an
 *       object, an element of a keyed list, or alone as an element of a list (Kubernetes'
 *       engine rejects it as an unknown patch type despite documenting it);
 *   <li>{@code "$retainKeys": [...]} clears the fields of the original object that the list
 *       does not name (unions such as a volume source or a deployment strategy); every field
 *       the patch sets must be named;
 *   <li>{@code "$setElementOrder/<list>": [...]} orders the merged list: the listed elements
 *       in that order, the server's others kept where the live list places them;
 *   <li>{@code "$deleteFromPrimitiveList/<list>": [...]} removes those values from a list.
 * </ul>
 *
 * <p>Errors are {@link ApiException}s, never anything else: 400 BadRequest for a malformed
 * directive (Kubernetes' {@code ErrBadPatchFormat*}: a {@code $retainKeys},
 * {@code $setElementOrder} or {@code $deleteFromPrimitiveList} of the wrong shape, an unknown
 * {@code $patch} value, a patch list out of the $setElementOrder order); 422 Invalid when the
 * patch does not fit the object (an element of a keyed list without its merge key, lists of
 * lists, mixed element types, a value of the wrong type for the schema). Kubernetes answers
 * several of the latter with a 500 (the engine's plain Go errors are not Status errors); we
 * answer 422, as the apiserver does for the same patch failing its decoding.
 *
 * <p>Where we knowingly differ from Kubernetes: {@code $patch: merge} is accepted (see above);
 * an object marked {@code $patch: replace} that the original lacks is added with its fields
 * (Kubernetes' {@code removeDirectives} drops it, and the fields the patch plainly sets with
 * it); a {@code $deleteFromPrimitiveList} that is not a list is a 400 (Kubernetes ignores it,
 * or deletes the list for {@code null}); a value whose JSON type contradicts the schema is a
 * 422 here rather than when the result is decoded; directives at {@link PatchMeta#UNKNOWN}
 * positions are honoured (Kubernetes refuses strategic merge patches of custom resources
 * outright with 415, which is the apiserver's decision, not the engine's).
 *
 * <p>Thread-safe and stateless.
 */
public final class StrategicMergePatch {
  static final String PATCH = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

  /**
   * Deeper than any body the codec parses (200); checked up front, it bounds the recursion of
   * the merge on trees built in code.
   */
  static final int MAX_DEPTH = 500;

  static final String BAD_RETAIN_KEYS = "invalid patch format of retainKeys";
  static final String BAD_SET_ELEMENT_ORDER = "invalid patch format of setElementOrder list";
  static final String BAD_PRIMITIVE_LIST = "invalid patch format of primitive list";

  private StrategicMergePatch() {}

  /**
   * Applies {@code patch} to {@code original}.
   *
   * @param original the current object; not modified ({@code null} reads as {@code {}})
   * @param patch the patch object; not modified
   * @param schema the position of the object's kind; {@code null} reads as {@link
   *     PatchMeta#UNKNOWN}
   * @return a new object; it shares no container node with the inputs
   * @throws ApiException 400 or 422 as described above
   */
  public static ObjectNode apply(ObjectNode original, ObjectNode patch, PatchMeta schema) {
    Objects.requireNonNull(patch, "patch");
    // Iteratively, before anything recurses: built trees can be deeper than parsed ones.
    if (Values.depth(patch) > MAX_DEPTH) {
      throw PatchErrors.badRequest("the patch nests deeper than " + MAX_DEPTH + " levels");
    }
    if (original != null && Values.depth(original) > MAX_DEPTH) {
      throw PatchErrors.invalid("the object nests deeper than " + MAX_DEPTH + " levels");
    }
    ObjectNode target = original == null
        ? JsonNodeFactory.instance.objectNode()
        : original.deepCopy();
    return mergeObject(target, patch, Positions.of(schema), "");
  }

  /** What a {@code $patch} value asks for. */
  enum Directive { REPLACE, DELETE, MERGE }

  static Directive directive(JsonNode value, JsonNode container) {
    if (value != null && value.isString()) {
      switch (value.asString()) {
        case "replace":
          return Directive.REPLACE;
        case "delete":
          return Directive.DELETE;
        case "merge":
          return Directive.MERGE;
        default:
          break;
      }
    }
    throw PatchErrors.badRequest(
        "unknown patch type: " + Values.go(value) + " in map: " + Values.go(container));
  }

  /**
   * Merges {@code patch} into {@code original}, which this call owns and may modify.
   *
   * @return the merged object: {@code original} itself, or a new object for a {@code $patch}
   */
  static ObjectNode mergeObject(ObjectNode original, ObjectNode patch, PatchMeta meta,
      String path) {
    JsonNode marker = patch.get(PATCH);
    if (marker != null) {
      switch (directive(marker, patch)) {
        case REPLACE:
          return freshObject(patch, meta, path);
        case DELETE:
          return JsonNodeFactory.instance.objectNode();
        case MERGE:
        default:
          break;
      }
    }
    ObjectNode target = original == null ? JsonNodeFactory.instance.objectNode() : original;
    retainKeys(target, patch);
    Set<String> ordered = setElementOrders(target, patch, meta, path);
    List<Map.Entry<String, JsonNode>> deletions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String key = field.getKey();
      if (key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER)
          || ordered.contains(key)) {
        continue;
      }
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        deletions.add(field);
        continue;
      }
      mergeField(target, key, field.getValue(), Positions.field(meta, key), child(path, key));
    }
    // After the list's own merge, so that a patch adding and removing values of one list
    // gives the same result whatever the order of its fields.
    for (Map.Entry<String, JsonNode> deletion : deletions) {
      deleteFromPrimitiveList(target, deletion.getKey(), deletion.getValue());
    }
    return target;
  }

  private static void mergeField(ObjectNode target, String key, JsonNode value, PatchMeta meta,
      String path) {
    if (value.isNull()) {
      target.remove(key);
      return;
    }
    Positions.checkType(value, meta, path);
    JsonNode current = target.get(key);
    JsonNode merged;
    if (current instanceof ObjectNode object && value instanceof ObjectNode patchObject
        && !Positions.strategy(meta).replace()) {
      merged = mergeObject(object, patchObject, meta, path);
    } else if (current instanceof ArrayNode list && value instanceof ArrayNode patchList) {
      merged = ListMerge.merge(list, patchList, meta, path);
    } else {
      merged = fresh(value, meta, path, false);
    }
    if (merged == null) {
      target.remove(key);
    } else {
      target.set(key, merged);
    }
  }

  /**
   * A patch value for a position the original does not have (or replaces): a copy without
   * {@code null} fields and without directives. An object carrying {@code "$patch": "delete"},
   * and a list element carrying a {@code $patch} (a deletion or a list directive), is dropped
   * ({@code null} is returned), as Kubernetes' {@code removeDirectives} does; an object
   * carrying {@code "$patch": "replace"}, or an element with {@code "$patch": "merge"} and
   * other fields, keeps its fields (Kubernetes drops them, losing what the patch plainly sets).
   * {@code null} elements of lists are kept, as Kubernetes keeps them.
   */
  static JsonNode fresh(JsonNode value, PatchMeta meta, String path, boolean listElement) {
    Positions.checkType(value, meta, path);
    if (value instanceof ObjectNode object) {
      JsonNode marker = object.get(PATCH);
      if (marker != null) {
        Directive directive = directive(marker, object);
        if (directive == Directive.DELETE
            || listElement && (directive == Directive.REPLACE || object.size() == 1)) {
          return null;
        }
      }
      return freshObject(object, meta, path);
    }
    if (value instanceof ArrayNode list) {
      PatchMeta items = Positions.items(meta);
      ArrayNode out = JsonNodeFactory.instance.arrayNode(list.size());
      for (int i = 0; i < list.size(); i++) {
        JsonNode element = list.get(i);
        if (element.isNull()) {
          out.add(element);
          continue;
        }
        JsonNode copy = fresh(element, items, index(path, i), true);
        if (copy != null) {
          out.add(copy);
        }
      }
      return out;
    }
    return value;
  }

  /** The fields of a patch object, minus directives and nulls, as a new object. */
  static ObjectNode freshObject(ObjectNode patch, PatchMeta meta, String path) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String key = field.getKey();
      if (isDirective(key) || field.getValue().isNull()) {
        continue;
      }
      JsonNode copy =
          fresh(field.getValue(), Positions.field(meta, key), child(path, key), false);
      if (copy != null) {
        out.set(key, copy);
      }
    }
    return out;
  }

  private static boolean isDirective(String key) {
    return key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER)
        || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
  }

  /** Kubernetes' {@code applyRetainKeysDirective}. */
  private static void retainKeys(ObjectNode target, ObjectNode patch) {
    JsonNode retain = patch.get(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw PatchErrors.badRequest(BAD_RETAIN_KEYS);
    }
    Set<String> keep = new HashSet<>();
    for (JsonNode name : retain) {
      if (name.isString()) {
        keep.add(name.asString());
      }
    }
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String key = field.getKey();
      if (key.equals(RETAIN_KEYS) || key.equals(PATCH) || field.getValue().isNull()
          || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (!keep.contains(key)) {
        throw PatchErrors.badRequest(BAD_RETAIN_KEYS);
      }
    }
    target.retain(keep);
  }

  /**
   * Kubernetes' {@code mergePatchIntoOriginal}: merges each list that has a {@code
   * $setElementOrder} and orders it.
   *
   * @return the fields merged here, which the caller must not merge again
   */
  private static Set<String> setElementOrders(ObjectNode target, ObjectNode patch,
      PatchMeta meta, String path) {
    Set<String> done = new HashSet<>();
    for (Map.Entry<String, JsonNode> directive : patch.properties()) {
      if (!directive.getKey().startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      String key = listKey(directive.getKey(), SET_ELEMENT_ORDER, BAD_SET_ELEMENT_ORDER);
      if (!(directive.getValue() instanceof ArrayNode order)) {
        throw PatchErrors.badRequest(BAD_SET_ELEMENT_ORDER);
      }
      PatchMeta listMeta = Positions.field(meta, key);
      String listPath = child(path, key);
      JsonNode patchValue = patch.get(key);
      if (patchValue != null && patchValue.isNull()) {
        continue; // the list is deleted: nothing to order
      }
      ArrayNode patchList = null;
      if (patchValue != null) {
        Positions.checkType(patchValue, listMeta, listPath);
        if (!(patchValue instanceof ArrayNode list)) {
          throw Positions.wrongType(listPath, patchValue, "array");
        }
        patchList = list;
      }
      ArrayNode live = target.get(key) instanceof ArrayNode list ? list : null;
      if (live == null && patchList == null) {
        continue;
      }
      ListMerge.validateOrder(patchList, order, listMeta, listPath);
      List<JsonNode> working = new ArrayList<>();
      ArrayNode merged;
      if (patchList == null) {
        merged = live;
        live.forEach(working::add);
      } else if (live == null) {
        merged = (ArrayNode) fresh(patchList, listMeta, listPath, false);
      } else {
        merged = ListMerge.merge(live, patchList, listMeta, listPath, working);
      }
      int liveSize = live == null ? 0 : live.size();
      Map<String, Integer> liveOrder = ListMerge.liveOrder(
          working.subList(0, Math.min(liveSize, working.size())), listMeta);
      target.set(key, ListMerge.order(merged, order, liveOrder, listMeta, listPath));
      done.add(key);
    }
    return done;
  }

  private static void deleteFromPrimitiveList(ObjectNode target, String directive,
      JsonNode values) {
    String key = listKey(directive, DELETE_FROM_PRIMITIVE_LIST, BAD_PRIMITIVE_LIST);
    if (!values.isArray()) {
      throw PatchErrors.badRequest(BAD_PRIMITIVE_LIST);
    }
    if (!(target.get(key) instanceof ArrayNode list) || list.isEmpty()) {
      return;
    }
    Set<String> gone = new HashSet<>();
    values.forEach(value -> gone.add(Values.key(value)));
    ArrayNode kept = JsonNodeFactory.instance.arrayNode(list.size());
    for (JsonNode element : list) {
      if (!gone.contains(Values.key(element))) {
        kept.add(element);
      }
    }
    target.set(key, kept);
  }

  /** The list a {@code $prefix/<list>} directive names; a malformed name is 400. */
  private static String listKey(String directive, String prefix, String error) {
    if (directive.length() <= prefix.length() || directive.charAt(prefix.length()) != '/') {
      throw PatchErrors.badRequest(error);
    }
    return directive.substring(prefix.length() + 1);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }
}
