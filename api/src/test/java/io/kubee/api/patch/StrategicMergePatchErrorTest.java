package io.kubee.api.patch;

import static io.kubee.api.patch.PatchMetas.list;
import static io.kubee.api.patch.PatchMetas.object;
import static io.kubee.api.patch.PatchMetas.scalar;
import static io.kubee.api.patch.StrategicMergePatchTest.ITEM;
import static io.kubee.api.testing.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubee.api.errors.ApiException;
import io.kubee.api.schema.PatchMeta;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Patches that cannot be applied: 400 BadRequest for malformed directives (kube-apiserver's
 * {@code interpretStrategicMergePatchError} maps {@code ErrBadPatchFormat*} to 400), 422
 * Invalid for patches that do not fit the object.
 */
class StrategicMergePatchErrorTest {

  /** A list declared mergeable without a merge key, which only scalar lists can be. */
  static final PatchMeta KEYLESS = object()
      .field("items", list("merge", "", object().field("name", scalar())));

  record Failure(String name, String original, String patch, int code, String reason,
      String field, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Failure> malformedDirectives() {
    return Stream.of(
        new Failure("an unknown $patch value in a map", "{simpleMap: {a: 1}}",
            "{simpleMap: {$patch: foo, b: 2}}", 400, "BadRequest", null,
            "unknown patch type: foo in map: map[$patch:foo b:2]"),
        new Failure("a $patch that is not a string", "{}", "{$patch: 1}", 400, "BadRequest",
            null, "unknown patch type: 1 in map: map[$patch:1]"),
        new Failure("an unknown $patch value in an element of a merging list",
            "{mergingList: [{name: a}]}", "{mergingList: [{name: a, $patch: remove}]}", 400,
            "BadRequest", null, "unknown patch type: remove in map: map[$patch:remove name:a]"),
        new Failure("an unknown $patch value in a new value", "{}",
            "{simpleMap: {$patch: bogus}}", 400, "BadRequest", null,
            "unknown patch type: bogus in map: map[$patch:bogus]"),
        new Failure("a $retainKeys that is not a list", "{retainKeysMap: {name: a}}",
            "{retainKeysMap: {$retainKeys: name}}", 400, "BadRequest", null,
            "invalid patch format of retainKeys"),
        new Failure("a $retainKeys that is null", "{retainKeysMap: {name: a}}",
            "{retainKeysMap: {$retainKeys: null}}", 400, "BadRequest", null,
            "invalid patch format of retainKeys"),
        new Failure("a $retainKeys that omits a field the patch sets",
            "{retainKeysMap: {name: a}}",
            "{retainKeysMap: {$retainKeys: [name], value: x}}", 400, "BadRequest", null,
            "invalid patch format of retainKeys"),
        new Failure("a $setElementOrder that is not a list", "{mergingList: [{name: a}]}",
            "{$setElementOrder/mergingList: {name: a}}", 400, "BadRequest", null,
            "invalid patch format of setElementOrder list"),
        new Failure("a $setElementOrder without a list name", "{}",
            "{$setElementOrder: [{name: a}]}", 400, "BadRequest", null,
            "invalid patch format of setElementOrder list"),
        new Failure("a $setElementOrder with a misspelt prefix", "{}",
            "{$setElementOrders/mergingList: [{name: a}]}", 400, "BadRequest", null,
            "invalid patch format of setElementOrder list"),
        new Failure("a $setElementOrder of scalars for a keyed list",
            "{mergingList: [{name: a}]}",
            "{$setElementOrder/mergingList: [a], mergingList: [{name: a, value: 1}]}", 400,
            "BadRequest", null, "invalid patch format of setElementOrder list"),
        new Failure("a patch list out of its $setElementOrder order",
            "{mergingList: [{name: 1}, {name: 3}, {name: 2}]}",
            "{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}],"
                + " mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}",
            400, "BadRequest", null,
            "The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n"
                + " doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n"),
        new Failure("a set patched out of its $setElementOrder order",
            "{mergingIntList: [1, 3, 2]}",
            "{$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3, 1]}", 400,
            "BadRequest", null,
            "The order in patch list:\n[3 1]\n doesn't match $setElementOrder list:\n[1 2 3]\n"),
        new Failure("a $deleteFromPrimitiveList that is not a list", "{mergingIntList: [1]}",
            "{$deleteFromPrimitiveList/mergingIntList: 1}", 400, "BadRequest", null,
            "invalid patch format of primitive list"),
        new Failure("a $deleteFromPrimitiveList without a list name", "{mergingIntList: [1]}",
            "{$deleteFromPrimitiveList: [1]}", 400, "BadRequest", null,
            "invalid patch format of primitive list"));
  }

  static Stream<Failure> patchesThatDoNotFit() {
    return Stream.of(
        new Failure("an element of a keyed list without its merge key",
            "{mergingList: [{name: 1, value: a}]}", "{mergingList: [{value: b}]}", 422,
            "Invalid", "mergingList[0]",
            "map: map[value:b] does not contain declared merge key: name"),
        new Failure("a deletion without the merge key",
            "{mergingList: [{name: 1}]}", "{mergingList: [{$patch: delete, value: 1}]}", 422,
            "Invalid", "mergingList[0]",
            "map: map[$patch:delete value:1] does not contain declared merge key: name"),
        new Failure("a replacing list with an element without the merge key",
            "{mergingList: [{name: 1}]}", "{mergingList: [{$patch: replace}, {value: 1}]}",
            422, "Invalid", "mergingList[1]",
            "map: map[value:1] does not contain declared merge key: name"),
        new Failure("a live element without the merge key",
            "{mergingList: [{value: 1}]}", "{mergingList: [{name: a}]}", 422, "Invalid",
            "mergingList", "map: map[value:1] does not contain declared merge key: name"),
        new Failure("a $setElementOrder element without the merge key",
            "{mergingList: [{name: a}]}", "{$setElementOrder/mergingList: [{value: a}]}", 422,
            "Invalid", "mergingList",
            "map: map[value:a] does not contain declared merge key: name"),
        new Failure("a list of lists merged as a set", "{mergingIntList: [1]}",
            "{mergingIntList: [[2]]}", 422, "Invalid", "mergingIntList",
            "lists of lists are not supported"),
        new Failure("a set given an object", "{mergingIntList: [1]}",
            "{mergingIntList: [{a: 1}]}", 422, "Invalid", "mergingIntList",
            "list element types are not identical: [[1] [map[a:1]]]"),
        new Failure("a null in a merging list", "{mergingIntList: [1]}",
            "{mergingIntList: [null]}", 422, "Invalid", "mergingIntList",
            "list element types are not identical: [[1] [<nil>]]"),
        new Failure("a string where a list belongs", "{mergingList: [{name: a}]}",
            "{mergingList: x}", 422, "Invalid", "mergingList",
            "Invalid value: \"string\": mergingList in body must be of type array:"
                + " \"string\""),
        new Failure("a list where a map belongs", "{}", "{simpleMap: [1]}", 422, "Invalid",
            "simpleMap",
            "Invalid value: \"array\": simpleMap in body must be of type object: \"array\""),
        new Failure("an object where a scalar belongs", "{name: a}", "{name: {first: a}}",
            422, "Invalid", "name", "Invalid value: \"object\": name in body must be of type"
                + " string, number or boolean: \"object\""),
        new Failure("a wrong type deep inside a new element", "{}",
            "{mergingList: [{name: a, simpleMap: 3}]}", 422, "Invalid",
            "mergingList[0].simpleMap", "Invalid value: \"number\": mergingList[0].simpleMap"
                + " in body must be of type object: \"number\""),
        new Failure("a map value of the wrong type", "{simpleMap: {a: b}}",
            "{simpleMap: {a: [b]}}", 422, "Invalid", "simpleMap.a",
            "Invalid value: \"array\": simpleMap.a in body must be of type string, number or"
                + " boolean: \"array\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"malformedDirectives", "patchesThatDoNotFit"})
  void fails(Failure c) {
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> StrategicMergePatch.apply(yaml(c.original()), yaml(c.patch()), ITEM));

    assertThat(e).as("an ApiException").isNotNull();
    assertThat(e.code()).isEqualTo(c.code());
    assertThat(e.reason()).isEqualTo(c.reason());
    if (c.field() == null) {
      assertThat(e.getMessage()).isEqualTo(c.message());
    } else {
      assertThat(e.getMessage()).isEqualTo(c.field() + ": " + c.message());
      assertThat(e.status().getDetails().getCauses()).singleElement()
          .satisfies(cause -> {
            assertThat(cause.getField()).isEqualTo(c.field());
            assertThat(cause.getMessage()).isEqualTo(c.message());
          });
    }
  }

  @Test
  void aMergeStrategyWithoutMergeKeyCannotMergeObjects() {
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> StrategicMergePatch.apply(yaml("{items: [{name: a}]}"),
            yaml("{items: [{name: b}]}"), KEYLESS));

    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage()).isEqualTo("items: cannot merge lists without merge key for items");
  }

  @Test
  void aPatchNestedDeeperThanAnyParserAllowsIsRejected() {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode inner = patch;
    for (int i = 0; i < 10_000; i++) {
      inner = inner.putObject("a");
    }

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> StrategicMergePatch.apply(JsonNodeFactory.instance.objectNode(), patch,
            PatchMeta.UNKNOWN));

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).startsWith("the patch nests deeper than 500 levels");
  }
}
