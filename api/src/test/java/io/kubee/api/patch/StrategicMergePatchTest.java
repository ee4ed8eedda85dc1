package io.kubee.api.patch;

import static io.kubee.api.patch.PatchMetas.list;
import static io.kubee.api.patch.PatchMetas.map;
import static io.kubee.api.patch.PatchMetas.mergeList;
import static io.kubee.api.patch.PatchMetas.object;
import static io.kubee.api.patch.PatchMetas.recursive;
import static io.kubee.api.patch.PatchMetas.scalar;
import static io.kubee.api.patch.PatchMetas.set;
import static io.kubee.api.testing.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.schema.PatchMeta;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scenarios of Kubernetes' {@code strategicpatch/patch_test.go}, as applications of a patch
 * to an object: its two-way cases (original + patch = modified) and three-way cases (live +
 * patch = result), over a schema shaped like its test type {@code MergeItem}.
 */
class StrategicMergePatchTest {

  /** Kubernetes' {@code MergeItem}: every kind of list and map, nested in itself. */
  static final PatchMeta ITEM = recursive(self -> object()
      .field("name", scalar())
      .field("value", scalar())
      .field("other", scalar())
      .field("mergingList", mergeList("name", self))
      .field("nonMergingList", list(self))
      .field("mergingIntList", set())
      .field("nonMergingIntList", list(scalar()))
      .field("mergeItemPtr", mergeList("name", self))
      .field("simpleMap", map(scalar()))
      .field("replacingItem", object().replaced())
      .field("retainKeysMap", object().retainKeys()
          .field("name", scalar())
          .field("value", scalar())
          .field("other", scalar())
          .field("simpleMap", map(scalar()))
          .field("mergingIntList", set())
          .field("mergingList", mergeList("name", self))
          .field("nonMergingList", list(self)))
      .field("retainKeysMergingList", list("merge,retainKeys", "name", self)));

  record Case(String name, String original, String patch, String result) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> maps() {
    return Stream.of(
        new Case("a patch on an empty object adds its fields",
            "{}", "{name: 1, value: 1}", "{name: 1, value: 1}"),
        new Case("an empty patch changes nothing",
            "{name: 1}", "{}", "{name: 1}"),
        new Case("a new field joins the live ones",
            "{name: 1, other: a}", "{value: 1}", "{name: 1, value: 1, other: a}"),
        new Case("a patched field takes the patch's value and the others stay",
            "{name: a, other: a}", "{name: 1, value: 1}", "{name: 1, value: 1, other: a}"),
        new Case("null deletes a field while another is added",
            "{name: 1, other: a}", "{name: null, value: 1}", "{value: 1, other: a}"),
        new Case("null deletes a key of a nested map and keeps the live keys",
            "{simpleMap: {key1: 1, key2: 1, other: a}}", "{simpleMap: {key2: null}}",
            "{simpleMap: {key1: 1, other: a}}"),
        new Case("nulls for every patched field leave only what the patch did not name",
            "{name: 1, value: a, other: a}", "{name: null, value: null}", "{other: a}"),
        new Case("nulls and a new value together",
            "{name: 1, value: 1, other: b}", "{name: null, value: null, other: a}",
            "{other: a}"),
        new Case("null for a field the object lacks is ignored",
            "{name: 2}", "{name: 1, value: 1, other: null}", "{name: 1, value: 1}"),
        new Case("null removes a live field the patch's author never saw",
            "{name: original-name, value: original-value, other: current-other}",
            "{name: modified-name, value: null}",
            "{name: modified-name, other: current-other}"),
        new Case("nulls inside a new map are dropped",
            "{name: foo}", "{jsonItem: {key: {keep: value, drop: null}}}",
            "{name: foo, jsonItem: {key: {keep: value}}}"),
        new Case("a new map of nulls becomes empty",
            "{}", "{jsonItem: {nested: null}}", "{jsonItem: {}}"),
        new Case("nulls inside the maps of a new list are dropped",
            "{}", "{jsonItem: [{inner: {one: foo, two: null}}]}",
            "{jsonItem: [{inner: {one: foo}}]}"),
        new Case("null elements of a new list are kept",
            "{}", "{jsonItem: [key1, null, key2]}", "{jsonItem: [key1, null, key2]}"),
        new Case("nulls already in the object are kept",
            "{complex: {key: null}, thing: null}", "{nested: {value: 5}}",
            "{complex: {key: null}, thing: null, nested: {value: 5}}"),
        new Case("an empty new list is added as empty",
            "{name: foo}", "{jsonItem: []}", "{name: foo, jsonItem: []}"),
        new Case("$patch delete on a nested map empties it",
            "{simpleMap: {key1: 1, key2: 1}}", "{simpleMap: {$patch: delete}}",
            "{simpleMap: {}}"),
        new Case("$patch replace on the object drops every field",
            "{name: 1, value: 1}", "{$patch: replace}", "{}"),
        new Case("$patch replace on the object keeps what the patch sets",
            "{name: 1, value: 1}", "{other: a, $patch: replace}", "{other: a}"),
        new Case("$patch replace on a nested map replaces only that map",
            "{name: n, simpleMap: {a: 1, b: 2}}", "{simpleMap: {c: 3, $patch: replace}}",
            "{name: n, simpleMap: {c: 3}}"),
        new Case("$patch delete on the whole object leaves it empty",
            "{name: 1, value: 1}", "{$patch: delete}", "{}"),
        new Case("$patch merge asks for the default merge",
            "{simpleMap: {a: 1}}", "{simpleMap: {b: 2, $patch: merge}}",
            "{simpleMap: {a: 1, b: 2}}"),
        new Case("a field whose strategy is replace is replaced whole",
            "{replacingItem: {Some: Generic, Yaml: Inside}}",
            "{replacingItem: {Newly: Modified}}", "{replacingItem: {Newly: Modified}}"),
        new Case("a field the schema does not know merges like JSON merge patch",
            "{jsonItem: {nested: {nested2: {nested3: {}}}}, name: foo}",
            "{jsonItem: {nested: {nested2: {nested3: {a: b}}}}}",
            "{jsonItem: {nested: {nested2: {nested3: {a: b}}}}, name: foo}"),
        new Case("a list the schema does not know is replaced",
            "{jsonItem: [{name: a}, {name: b}]}", "{jsonItem: [{name: c}]}",
            "{jsonItem: [{name: c}]}"),
        new Case("a scalar replaces a map",
            "{jsonItem: {a: 1}}", "{jsonItem: 7}", "{jsonItem: 7}"),
        new Case("directives inside a new value are dropped, not stored",
            "{}", "{retainKeysMap: {$retainKeys: [name], name: x,"
                + " $setElementOrder/mergingList: [{name: a}], mergingList: [{name: a}],"
                + " $deleteFromPrimitiveList/mergingIntList: [1]}}",
            "{retainKeysMap: {name: x, mergingList: [{name: a}]}}"),
        new Case("a new map marked $patch delete is not added",
            "{}", "{simpleMap: {$patch: delete, a: b}}", "{}"),
        new Case("a new map marked $patch replace is added with its fields",
            "{}", "{simpleMap: {$patch: replace, a: b}}", "{simpleMap: {a: b}}"),
        new Case("keys with dollar signs that are no directives are ordinary fields",
            "{}", "{jsonItem: {$ref: x}}", "{jsonItem: {$ref: x}}"));
  }

  static Stream<Case> lists() {
    return Stream.of(
        new Case("a list without a merge strategy is replaced",
            "{nonMergingIntList: [1, 4]}", "{nonMergingIntList: [2, 3]}",
            "{nonMergingIntList: [2, 3]}"),
        new Case("a list of objects without a merge strategy is replaced",
            "{nonMergingList: [{name: a, value: 1}]}", "{nonMergingList: [{name: a}]}",
            "{nonMergingList: [{name: a}]}"),
        new Case("merging a list of scalars gives their union without duplicates",
            "{mergingIntList: [1, 2]}", "{mergingIntList: [2, 3]}",
            "{mergingIntList: [1, 2, 3]}"),
        new Case("a scalar set in the patch's order where the patch names them all",
            "{mergingIntList: [1, 2, 3]}", "{mergingIntList: [3, 1, 2]}",
            "{mergingIntList: [3, 1, 2]}"),
        new Case("a live value the patch omits keeps its place before the patch's next",
            "{mergingIntList: [1, 2, 3]}", "{mergingIntList: [3, 1]}",
            "{mergingIntList: [2, 3, 1]}"),
        new Case("elements merge by key and a new one comes before the live ones it cannot place",
            "{mergingList: [{name: 1, other: a}, {name: 2, value: 2}]}",
            "{mergingList: [{name: 1, value: 1}, {name: 3, value: 3}]}",
            "{mergingList: [{name: 1, value: 1, other: a}, {name: 3, value: 3},"
                + " {name: 2, value: 2}]}"),
        new Case("a new element of a keyed list goes first, as kubectl patch documents it",
            "{mergingList: [{name: patch-demo-ctr, value: nginx}]}",
            "{mergingList: [{name: patch-demo-ctr-2, value: redis}]}",
            "{mergingList: [{name: patch-demo-ctr-2, value: redis},"
                + " {name: patch-demo-ctr, value: nginx}]}"),
        new Case("the patch's order wins for the elements it names",
            "{mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]}",
            "{mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, other: x}]}",
            "{mergingList: [{name: 3, value: c}, {name: 1, value: a},"
                + " {name: 2, value: b, other: x}]}"),
        new Case("an element the patch omits stays before the next element it had after it",
            "{mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]}",
            "{mergingList: [{name: 3, value: c}, {name: 1, value: a}]}",
            "{mergingList: [{name: 2, value: b}, {name: 3, value: c}, {name: 1, value: a}]}"),
        new Case("null deletes a field of an element found by key",
            "{mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2}]}",
            "{mergingList: [{name: 1, value: null}]}",
            "{mergingList: [{name: 1, other: a}, {name: 2, value: 2}]}"),
        new Case("a nested non-merging list inside a merged element is replaced",
            "{mergingList: [{name: 1, other: a, nonMergingList: [{name: 1}, {name: 2}]},"
                + " {name: 2}]}",
            "{mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}]}",
            "{mergingList: [{name: 1, other: a, nonMergingList: [{name: 1, value: 1}]},"
                + " {name: 2}]}"),
        new Case("a merging list nested in a merged element merges too",
            "{mergingList: [{name: 1, other: a, mergingList: [{name: 1, other: c},"
                + " {name: 2, value: b}]}, {name: 2}]}",
            "{mergingList: [{name: 1, mergingList: [{name: 1, value: 1}]}]}",
            "{mergingList: [{name: 1, other: a, mergingList: [{name: 1, value: 1, other: c},"
                + " {name: 2, value: b}]}, {name: 2}]}"),
        new Case("$patch delete removes the element with that key",
            "{mergingList: [{name: 1}, {name: 2, other: b}]}",
            "{mergingList: [{name: 1, $patch: delete}]}",
            "{mergingList: [{name: 2, other: b}]}"),
        new Case("$patch delete removes every element with that key",
            "{mergingList: [{name: 1}, {name: 1}, {name: 2, value: a}, {name: 3},"
                + " {name: 3}]}",
            "{mergingList: [{name: 1, $patch: delete}, {name: 3, $patch: delete}]}",
            "{mergingList: [{name: 2, value: a}]}"),
        new Case("deleting every element leaves an empty list",
            "{mergingList: [{name: 1, other: a}, {name: 2, other: b}]}",
            "{mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}",
            "{mergingList: []}"),
        new Case("deleting an element the list no longer has is a no-op",
            "{mergingList: [{name: 2, other: b}]}",
            "{mergingList: [{name: 1, $patch: delete}]}",
            "{mergingList: [{name: 2, other: b}]}"),
        new Case("deletions from an empty list leave it empty",
            "{mergingList: []}",
            "{mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}",
            "{mergingList: []}"),
        new Case("an element is added and another deleted in one patch",
            "{mergingList: [{name: 1}, {name: 2, other: b}]}",
            "{mergingList: [{name: 3}, {name: 1, $patch: delete}]}",
            "{mergingList: [{name: 3}, {name: 2, other: b}]}"),
        new Case("a lone $patch replace element empties a merging list",
            "{mergingList: [{name: 1}, {name: 2}]}", "{mergingList: [{$patch: replace}]}",
            "{mergingList: []}"),
        new Case("$patch replace in a merging list keeps only the patch's elements",
            "{mergingList: [{name: 1, value: a}, {name: 2}]}",
            "{mergingList: [{name: 3, value: 3}, {$patch: replace}, {name: 1}]}",
            "{mergingList: [{name: 3, value: 3}, {name: 1}]}"),
        new Case("an element marked $patch merge merges like any other",
            "{mergingList: [{name: a, value: 1}]}",
            "{mergingList: [{name: a, other: x, $patch: merge}]}",
            "{mergingList: [{name: a, value: 1, other: x}]}"),
        new Case("a lone $patch merge element leaves the list as it is",
            "{mergingList: [{name: a}, {name: b}]}", "{mergingList: [{$patch: merge}]}",
            "{mergingList: [{name: a}, {name: b}]}"),
        new Case("a new list keeps an element marked $patch merge",
            "{}", "{mergingList: [{name: a, $patch: merge}, {$patch: merge}]}",
            "{mergingList: [{name: a}]}"),
        new Case("an empty merging list merged into an empty one stays empty",
            "{mergingList: []}", "{mergingList: []}", "{mergingList: []}"),
        new Case("a new merging list drops its deletions",
            "{name: hi}",
            "{mergingList: [{name: hello}, {$patch: delete, name: doesntexist}]}",
            "{name: hi, mergingList: [{name: hello}]}"),
        new Case("a list of objects reached through a pointer merges by key",
            "{mergeItemPtr: [{name: 1, other: a}, {name: 3}]}",
            "{mergeItemPtr: [{name: 2}]}",
            "{mergeItemPtr: [{name: 2}, {name: 1, other: a}, {name: 3}]}"),
        new Case("a union list without a retainKeys directive merges normally",
            "{retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}",
            "{retainKeysMergingList: [{name: foo, value: b}]}",
            "{retainKeysMergingList: [{name: bar}, {name: foo, value: b}]}"),
        new Case("a union list deletes a field of an element without a directive",
            "{retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}",
            "{retainKeysMergingList: [{name: foo, value: null}]}",
            "{retainKeysMergingList: [{name: bar}, {name: foo}]}"),
        new Case("$deleteFromPrimitiveList removes the value from a set",
            "{mergingIntList: [1, 2, 3]}", "{$deleteFromPrimitiveList/mergingIntList: [2]}",
            "{mergingIntList: [1, 3]}"),
        new Case("$deleteFromPrimitiveList removes the value from a replaced list",
            "{nonMergingIntList: [1, 2, 3]}",
            "{$deleteFromPrimitiveList/nonMergingIntList: [2]}",
            "{nonMergingIntList: [1, 3]}"),
        new Case("$deleteFromPrimitiveList of a value the list lacks adds nothing",
            "{mergingIntList: [1, 2]}", "{$deleteFromPrimitiveList/mergingIntList: [3]}",
            "{mergingIntList: [1, 2]}"),
        new Case("$deleteFromPrimitiveList on a null list leaves it null",
            "{mergingIntList: null}", "{$deleteFromPrimitiveList/mergingIntList: [3]}",
            "{mergingIntList: null}"),
        new Case("$deleteFromPrimitiveList on an absent list does not create it",
            "{foo: [bar]}", "{$deleteFromPrimitiveList/mergingIntList: [3]}",
            "{foo: [bar]}"),
        new Case("$deleteFromPrimitiveList removes every duplicate",
            "{mergingIntList: [1, 3, 2, 3]}", "{$deleteFromPrimitiveList/mergingIntList: [3]}",
            "{mergingIntList: [1, 2]}"));
  }

  static Stream<Case> elementOrder() {
    return Stream.of(
        new Case("$setElementOrder alone reorders a live list",
            "{mergingList: [{name: 1, other: a}, {name: 3, value: 3}, {name: 4, value: 4},"
                + " {name: 2, value: 2}]}",
            "{$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]}",
            "{mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3},"
                + " {name: 1, other: a}]}"),
        new Case("server-only elements after the last ordered one stay last",
            "{mergingList: [{name: 1}, {name: 3}, {name: 4}, {name: 2}, {name: 9}]}",
            "{$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]}",
            "{mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}, {name: 9}]}"),
        new Case("a server-only element keeps its place between ordered ones",
            "{mergingList: [{name: 1}, {name: 2}, {name: 9}, {name: 3}, {name: 4}]}",
            "{$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}",
            "{mergingList: [{name: 2}, {name: 1}, {name: 9}, {name: 4}, {name: 3}]}"),
        new Case("a run of server-only elements keeps its place and order",
            "{mergingList: [{name: 1}, {name: 2}, {name: 7}, {name: 9}, {name: 8},"
                + " {name: 3}, {name: 4}]}",
            "{$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]}",
            "{mergingList: [{name: 2}, {name: 1}, {name: 7}, {name: 9}, {name: 8},"
                + " {name: 4}, {name: 3}]}"),
        new Case("new elements land where $setElementOrder puts them",
            "{mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}",
            "{$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}],"
                + " mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]}",
            "{mergingList: [{name: 4, value: 4}, {name: 1, other: a},"
                + " {name: 2, value: 2, other: b}, {name: 3, value: 3}]}"),
        new Case("a new element first, as ordered",
            "{mergingList: [{name: 1, other: a}, {name: 2, value: 2}]}",
            "{$setElementOrder/mergingList: [{name: 3}, {name: 1}, {name: 2}],"
                + " mergingList: [{name: 3, value: 3}]}",
            "{mergingList: [{name: 3, value: 3}, {name: 1, other: a}, {name: 2, value: 2}]}"),
        new Case("new elements between live ones, as ordered",
            "{mergingList: [{name: 1, other: a}, {name: 2, value: 2}]}",
            "{$setElementOrder/mergingList: [{name: 1}, {name: 4}, {name: 2}, {name: 3}],"
                + " mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]}",
            "{mergingList: [{name: 1, other: a}, {name: 4, value: 4}, {name: 2, value: 2},"
                + " {name: 3, value: 3}]}"),
        new Case("an ordered merge keeps a server-only element the patch never saw",
            "{mergingList: [{name: 1, other: a}, {name: 3, value: 2, other: b}]}",
            "{$setElementOrder/mergingList: [{name: 1}, {name: 2}],"
                + " mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}",
            "{mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2},"
                + " {name: 3, value: 2, other: b}]}"),
        new Case("a deleted element leaves the order to the others",
            "{mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b},"
                + " {name: 3, value: 3}]}",
            "{$setElementOrder/mergingList: [{name: 2}, {name: 1}],"
                + " mergingList: [{name: 3, $patch: delete}]}",
            "{mergingList: [{name: 2, value: 2, other: b}, {name: 1, other: a}]}"),
        new Case("a changed element moves to its ordered place",
            "{mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b},"
                + " {name: 3, value: 3}]}",
            "{$setElementOrder/mergingList: [{name: 2}, {name: 3}, {name: 1}],"
                + " mergingList: [{name: 3, value: x}]}",
            "{mergingList: [{name: 2, value: 2, other: b}, {name: 3, value: x},"
                + " {name: 1, other: a}]}"),
        new Case("an element added and another deleted, in order",
            "{mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b},"
                + " {name: 3, value: 3}]}",
            "{$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}],"
                + " mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]}",
            "{mergingList: [{name: 4, value: 4}, {name: 2, value: 2, other: b},"
                + " {name: 1, other: a}]}"),
        new Case("a server-only element stays before the new element it preceded",
            "{mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]}",
            "{$setElementOrder/mergingList: [{name: 2}, {name: 3}],"
                + " mergingList: [{name: 3}, {name: 1, $patch: delete}]}",
            "{mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]}"),
        new Case("a server-only element goes first when the live list had it first",
            "{mergingList: [{name: 1, other: a}, {name: 4, other: c}]}",
            "{$setElementOrder/mergingList: [{name: 2}, {name: 3}],"
                + " mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]}",
            "{mergingList: [{name: 4, other: c}, {name: 2}, {name: 3}]}"),
        new Case("an element the patch adds comes before a server-only one it cannot place",
            "{mergingList: [{name: 3, other: a}]}",
            "{$setElementOrder/mergingList: [{name: 2}],"
                + " mergingList: [{name: 2}, {name: 1, $patch: delete}]}",
            "{mergingList: [{name: 2}, {name: 3, other: a}]}"),
        new Case("an ordered patch on a live list the patch's author never saw",
            "{name: hi, mergingList: [{name: hello2}]}",
            "{$setElementOrder/mergingList: [{name: hello}, {name: doesntexist}],"
                + " mergingList: [{name: hello}]}",
            "{name: hi, mergingList: [{name: hello}, {name: hello2}]}"),
        new Case("an element named in $setElementOrder that no list has is ignored",
            "{mergingList: [{name: 1}, {name: 3}]}",
            "{$setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}],"
                + " mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}",
            "{mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}"),
        new Case("$setElementOrder on a list the object lacks adds the patch's elements",
            "{}",
            "{$setElementOrder/mergingList: [{name: b}, {name: a}],"
                + " mergingList: [{name: b}, {name: a}]}",
            "{mergingList: [{name: b}, {name: a}]}"),
        new Case("$setElementOrder for a list neither side has does nothing",
            "{name: a}", "{$setElementOrder/mergingList: [{name: b}]}", "{name: a}"),
        new Case("$setElementOrder next to a null list lets the null delete it",
            "{mergingList: [{name: a}]}",
            "{$setElementOrder/mergingList: [{name: a}], mergingList: null}", "{}"),
        new Case("duplicates share the place of their key",
            "{mergingList: [{name: 1}, {name: 2, value: dup1}, {name: 3},"
                + " {name: 2, value: dup2}, {name: 4}]}",
            "{$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3},"
                + " {name: 2}]}",
            "{mergingList: [{name: 2, value: dup1}, {name: 2, value: dup2}, {name: 1},"
                + " {name: 4}, {name: 3}]}"),
        new Case("one patch deletes and reorders in one list and reorders another",
            "{mergingList: [{name: a, value: a}, {name: b, value: b}],"
                + " mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]}",
            "{$setElementOrder/mergingList: [{name: b}],"
                + " $setElementOrder/mergeItemPtr: [{name: d}, {name: c}],"
                + " mergingList: [{$patch: delete, name: a}]}",
            "{mergingList: [{name: b, value: b}],"
                + " mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]}"),
        new Case("a nested $setElementOrder orders the nested list",
            "{mergingList: [{name: 1, other: a, mergingList: [{name: 2, value: 2, other: d}]},"
                + " {name: 2, other: b}]}",
            "{$setElementOrder/mergingList: [{name: 1}, {name: 2}],"
                + " mergingList: [{$setElementOrder/mergingList: [{name: 2}, {name: 1}],"
                + " name: 1, mergingList: [{name: 1, value: 1}]}]}",
            "{mergingList: [{name: 1, other: a, mergingList: [{name: 2, value: 2, other: d},"
                + " {name: 1, value: 1}]}, {name: 2, other: b}]}"),
        new Case("$setElementOrder orders a set",
            "{mergingIntList: [1, 3, 4, 2]}", "{$setElementOrder/mergingIntList: [4, 2, 3, 1]}",
            "{mergingIntList: [4, 2, 3, 1]}"),
        new Case("a server-only value of a set stays last",
            "{mergingIntList: [1, 3, 4, 2, 9]}",
            "{$setElementOrder/mergingIntList: [4, 2, 3, 1]}",
            "{mergingIntList: [4, 2, 3, 1, 9]}"),
        new Case("a server-only value of a set keeps its place",
            "{mergingIntList: [1, 2, 9, 3, 4]}",
            "{$setElementOrder/mergingIntList: [2, 1, 4, 3]}",
            "{mergingIntList: [2, 1, 9, 4, 3]}"),
        new Case("a value added to a set lands where ordered",
            "{mergingIntList: [1, 4, 2]}",
            "{$setElementOrder/mergingIntList: [3, 1, 2], mergingIntList: [3]}",
            "{mergingIntList: [3, 1, 4, 2]}"),
        new Case("values added to a set between live ones",
            "{mergingIntList: [1, 2]}",
            "{$setElementOrder/mergingIntList: [1, 4, 2, 3], mergingIntList: [4, 3]}",
            "{mergingIntList: [1, 4, 2, 3]}"),
        new Case("a value added to a set before a server-only one",
            "{mergingIntList: [1, 2, 4]}",
            "{$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3]}",
            "{mergingIntList: [1, 2, 3, 4]}"),
        new Case("ordering and deleting a value of a set",
            "{mergingIntList: [1, 2, 3, 4]}",
            "{$setElementOrder/mergingIntList: [1, 2],"
                + " $deleteFromPrimitiveList/mergingIntList: [3]}",
            "{mergingIntList: [1, 2, 4]}"),
        new Case("ordering and deleting a duplicated value of a set",
            "{mergingIntList: [1, 2, 3, 3, 4]}",
            "{$setElementOrder/mergingIntList: [1, 2],"
                + " $deleteFromPrimitiveList/mergingIntList: [3]}",
            "{mergingIntList: [1, 2, 4]}"),
        new Case("adding, deleting and ordering values of a set in one patch",
            "{mergingIntList: [1, 3, 2]}",
            "{$setElementOrder/mergingIntList: [4, 2, 1], mergingIntList: [4],"
                + " $deleteFromPrimitiveList/mergingIntList: [3]}",
            "{mergingIntList: [4, 2, 1]}"),
        new Case("a value named in $setElementOrder that the set lacks is ignored",
            "{mergingIntList: [1, 3]}", "{$setElementOrder/mergingIntList: [3, 2, 1]}",
            "{mergingIntList: [3, 1]}"),
        new Case("duplicate values of a set share their place",
            "{mergingIntList: [1, 2, 3, 2, 4]}",
            "{$setElementOrder/mergingIntList: [2, 1, 4, 3, 2]}",
            "{mergingIntList: [2, 2, 1, 4, 3]}"));
  }

  static Stream<Case> retainKeys() {
    return Stream.of(
        new Case("$retainKeys clears a defaulted member of a union",
            "{retainKeysMap: {value: foo}}",
            "{retainKeysMap: {$retainKeys: [other], other: bar}}",
            "{retainKeysMap: {other: bar}}"),
        new Case("$retainKeys switches a discriminated union",
            "{retainKeysMap: {name: type1, value: foo}}",
            "{retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}}",
            "{retainKeysMap: {name: type2, other: bar}}"),
        new Case("$retainKeys keeps the named fields the patch does not set",
            "{retainKeysMap: {name: foo, other: a}}",
            "{retainKeysMap: {$retainKeys: [name, value], value: bar}}",
            "{retainKeysMap: {name: foo, value: bar}}"),
        new Case("$retainKeys with a null deletes that field and clears the unnamed",
            "{retainKeysMap: {name: foo, value: bar, other: a}}",
            "{retainKeysMap: {$retainKeys: [name], value: null}}",
            "{retainKeysMap: {name: foo}}"),
        new Case("$retainKeys alone clears the unnamed fields",
            "{retainKeysMap: {name: foo, value: bar, other: a}}",
            "{retainKeysMap: {$retainKeys: [name, value]}}",
            "{retainKeysMap: {name: foo, value: bar}}"),
        new Case("$retainKeys keeps a named nested map and merges into it",
            "{retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key3: c}}}",
            "{retainKeysMap: {$retainKeys: [name, simpleMap, value],"
                + " simpleMap: {key2: b}}}",
            "{retainKeysMap: {name: foo, value: bar,"
                + " simpleMap: {key1: a, key2: b, key3: c}}}"),
        new Case("$retainKeys next to a null in a nested map",
            "{retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b,"
                + " key3: c}}}",
            "{retainKeysMap: {$retainKeys: [name, simpleMap, value],"
                + " simpleMap: {key2: null}}}",
            "{retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key3: c}}}"),
        new Case("$retainKeys with a replaced list",
            "{retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a},"
                + " {name: b}]}}",
            "{retainKeysMap: {$retainKeys: [name, nonMergingList, value],"
                + " nonMergingList: [{name: a}, {name: c}, {name: b}]}}",
            "{retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a},"
                + " {name: c}, {name: b}]}}"),
        new Case("$retainKeys drops a list it does not name",
            "{retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}]}}",
            "{retainKeysMap: {$retainKeys: [name, value], value: bar,"
                + " nonMergingList: null}}",
            "{retainKeysMap: {name: foo, value: bar}}"),
        new Case("$retainKeys with an ordered set",
            "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}",
            "{retainKeysMap: {$retainKeys: [mergingIntList, name, value],"
                + " $setElementOrder/mergingIntList: [1, 2], value: bar}}",
            "{retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2, 3]}}"),
        new Case("$retainKeys with a value added to a set",
            "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}",
            "{retainKeysMap: {$setElementOrder/mergingIntList: [1, 2, 4],"
                + " $retainKeys: [mergingIntList, name], mergingIntList: [4]}}",
            "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 4, 3]}}"),
        new Case("$retainKeys with a value deleted from a set",
            "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 3, 4]}}",
            "{retainKeysMap: {$retainKeys: [mergingIntList, name],"
                + " $deleteFromPrimitiveList/mergingIntList: [2],"
                + " $setElementOrder/mergingIntList: [1, 3]}}",
            "{retainKeysMap: {name: foo, mergingIntList: [1, 3, 4]}}"),
        new Case("$retainKeys with a value added and another deleted",
            "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 3, 4]}}",
            "{retainKeysMap: {$retainKeys: [mergingIntList, name], mergingIntList: [5],"
                + " $deleteFromPrimitiveList/mergingIntList: [2],"
                + " $setElementOrder/mergingIntList: [1, 3, 5]}}",
            "{retainKeysMap: {name: foo, mergingIntList: [1, 3, 5, 4]}}"),
        new Case("$retainKeys with an element added to a keyed list",
            "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}}",
            "{retainKeysMap: {$retainKeys: [mergingList, name],"
                + " $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}],"
                + " mergingList: [{name: c}]}}",
            "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c},"
                + " {name: x}]}}"),
        new Case("$retainKeys with an element deleted from a keyed list",
            "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}}",
            "{retainKeysMap: {$retainKeys: [mergingList, name],"
                + " $setElementOrder/mergingList: [{name: a}],"
                + " mergingList: [{name: b, $patch: delete}]}}",
            "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: x}]}}"),
        new Case("$retainKeys inside an element of a keyed list",
            "{retainKeysMergingList: [{name: bar}, {name: foo, value: new, other: x}]}",
            "{$setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}],"
                + " retainKeysMergingList: [{$retainKeys: [name, value], name: foo,"
                + " value: modified}]}",
            "{retainKeysMergingList: [{name: bar}, {name: foo, value: modified}]}"),
        new Case("$retainKeys in an element also honours nulls",
            "{retainKeysMergingList: [{name: bar}, {name: foo, value: a, other: x}]}",
            "{$setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}],"
                + " retainKeysMergingList: [{$retainKeys: [name], name: foo, value: null}]}",
            "{retainKeysMergingList: [{name: bar}, {name: foo}]}"),
        new Case("a union map without $retainKeys merges normally",
            "{retainKeysMap: {name: foo, value: a}}", "{retainKeysMap: {value: b}}",
            "{retainKeysMap: {name: foo, value: b}}"),
        new Case("an empty patch of a union map leaves it",
            "{retainKeysMap: {name: foo, value: a}}", "{retainKeysMap: {}}",
            "{retainKeysMap: {name: foo, value: a}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"maps", "lists", "elementOrder", "retainKeys"})
  void applies(Case c) {
    ObjectNode original = yaml(c.original());
    ObjectNode patch = yaml(c.patch());
    ObjectNode originalCopy = original.deepCopy();
    ObjectNode patchCopy = patch.deepCopy();

    ObjectNode result = StrategicMergePatch.apply(original, patch, ITEM);

    assertThat(result).isEqualTo(yaml(c.result()));
    assertThat(original).as("original untouched").isEqualTo(originalCopy);
    assertThat(patch).as("patch untouched").isEqualTo(patchCopy);
  }

  @Test
  void theResultSharesNoNodeWithTheInputs() {
    ObjectNode original = yaml("{mergingList: [{name: a, simpleMap: {k: v}}], jsonItem: {x: 1}}");
    ObjectNode patch = yaml("{mergingList: [{name: b, simpleMap: {k: w}}], newMap: {y: 2}}");

    ObjectNode result = StrategicMergePatch.apply(original, patch, ITEM);
    ((ObjectNode) result.get("newMap")).put("y", 3);
    ((ObjectNode) result.get("jsonItem")).put("x", 2);
    ((ObjectNode) result.get("mergingList").get(1).get("simpleMap")).put("k", "z");

    assertThat(original).isEqualTo(
        yaml("{mergingList: [{name: a, simpleMap: {k: v}}], jsonItem: {x: 1}}"));
    assertThat(patch).isEqualTo(
        yaml("{mergingList: [{name: b, simpleMap: {k: w}}], newMap: {y: 2}}"));
  }

  @Test
  void aNullOriginalReadsAsAnEmptyObjectAndANullSchemaAsUnknown() {
    assertThat(StrategicMergePatch.apply(null, yaml("{a: {b: 1}, l: [1]}"), null))
        .isEqualTo(yaml("{a: {b: 1}, l: [1]}"));
  }
}
