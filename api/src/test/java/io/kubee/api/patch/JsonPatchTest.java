package io.kubee.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubee.api.codec.Codec;
import io.kubee.api.errors.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902's examples (its appendix A), json-patch v4's leniencies that Kubernetes clients
 * meet, and the answers kube-apiserver gives to patches that fail. JSON is written with single
 * quotes for readability.
 */
class JsonPatchTest {

  static JsonNode json(String text) {
    return Codec.INSTANCE.json().readTree(text.replace('\'', '"'));
  }

  static ObjectNode object(String text) {
    return (ObjectNode) json(text);
  }

  record Case(String name, String document, String patch, String result) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> rfc6902() {
    return Stream.of(
        new Case("add an object member", "{'foo':'bar'}",
            "[{'op':'add','path':'/baz','value':'qux'}]", "{'baz':'qux','foo':'bar'}"),
        new Case("add an array element before an index", "{'foo':['bar','baz']}",
            "[{'op':'add','path':'/foo/1','value':'qux'}]", "{'foo':['bar','qux','baz']}"),
        new Case("remove an object member", "{'baz':'qux','foo':'bar'}",
            "[{'op':'remove','path':'/baz'}]", "{'foo':'bar'}"),
        new Case("remove an array element", "{'foo':['bar','qux','baz']}",
            "[{'op':'remove','path':'/foo/1'}]", "{'foo':['bar','baz']}"),
        new Case("replace a value", "{'baz':'qux','foo':'bar'}",
            "[{'op':'replace','path':'/baz','value':'boo'}]", "{'baz':'boo','foo':'bar'}"),
        new Case("move a value between objects",
            "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
            "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]",
            "{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"),
        new Case("move an array element", "{'foo':['all','grass','cows','eat']}",
            "[{'op':'move','from':'/foo/1','path':'/foo/3'}]",
            "{'foo':['all','cows','eat','grass']}"),
        new Case("successful tests change nothing", "{'baz':'qux','foo':['a',2,'c']}",
            "[{'op':'test','path':'/baz','value':'qux'},"
                + "{'op':'test','path':'/foo/1','value':2}]",
            "{'baz':'qux','foo':['a',2,'c']}"),
        new Case("add a nested member object", "{'foo':'bar'}",
            "[{'op':'add','path':'/child','value':{'grandchild':{}}}]",
            "{'foo':'bar','child':{'grandchild':{}}}"),
        new Case("unrecognized operation members are ignored", "{'foo':'bar'}",
            "[{'op':'add','path':'/baz','value':'qux','xyz':123}]",
            "{'foo':'bar','baz':'qux'}"),
        new Case("~01 is decoded to ~1, not to /", "{'/':9,'~1':10}",
            "[{'op':'test','path':'/~01','value':10}]", "{'/':9,'~1':10}"),
        new Case("~1 is decoded to /", "{'/':9,'~1':10}",
            "[{'op':'replace','path':'/~1','value':8}]", "{'/':8,'~1':10}"),
        new Case("an array value is added as one element", "{'foo':['bar']}",
            "[{'op':'add','path':'/foo/-','value':['abc','def']}]",
            "{'foo':['bar',['abc','def']]}"));
  }

  static Stream<Case> kubernetes() {
    return Stream.of(
        new Case("dash appends to an array", "{'spec':{'finalizers':['a']}}",
            "[{'op':'add','path':'/spec/finalizers/-','value':'b'}]",
            "{'spec':{'finalizers':['a','b']}}"),
        new Case("an index equal to the length appends", "{'l':['a']}",
            "[{'op':'add','path':'/l/1','value':'b'}]", "{'l':['a','b']}"),
        new Case("add replaces an existing member", "{'spec':{'replicas':1}}",
            "[{'op':'add','path':'/spec/replicas','value':3}]", "{'spec':{'replicas':3}}"),
        new Case("an escaped slash addresses an annotation key",
            "{'metadata':{'annotations':{}}}",
            "[{'op':'add','path':'/metadata/annotations/example.com~1owner','value':'me'}]",
            "{'metadata':{'annotations':{'example.com/owner':'me'}}}"),
        new Case("an escaped tilde addresses a key with a tilde", "{'m':{}}",
            "[{'op':'add','path':'/m/a~0b','value':1}]", "{'m':{'a~b':1}}"),
        new Case("an unknown escape stays as written", "{'m':{}}",
            "[{'op':'add','path':'/m/a~2b','value':1}]", "{'m':{'a~2b':1}}"),
        new Case("a negative index counts from the end", "{'l':['a','b','c']}",
            "[{'op':'remove','path':'/l/-1'},{'op':'replace','path':'/l/-2','value':'z'}]",
            "{'l':['z','b']}"),
        new Case("adding at -1 inserts before the position past the end", "{'l':['a','b']}",
            "[{'op':'add','path':'/l/-1','value':'c'}]", "{'l':['a','b','c']}"),
        new Case("replace of an absent member adds it, as json-patch v4 does", "{'a':1}",
            "[{'op':'replace','path':'/b','value':2}]", "{'a':1,'b':2}"),
        new Case("a missing value reads as null", "{'a':1}",
            "[{'op':'add','path':'/b'}]", "{'a':1,'b':null}"),
        new Case("replace of the whole document with an object", "{'a':1}",
            "[{'op':'replace','path':'','value':{'b':2}}]", "{'b':2}"),
        new Case("copy duplicates a subtree", "{'a':{'x':[1,2]}}",
            "[{'op':'copy','from':'/a','path':'/b'},{'op':'add','path':'/b/x/-','value':3}]",
            "{'a':{'x':[1,2]},'b':{'x':[1,2,3]}}"),
        new Case("move to the same place changes nothing", "{'a':1}",
            "[{'op':'move','from':'/a','path':'/a'}]", "{'a':1}"),
        new Case("an empty member name is a key like any other", "{'a':1}",
            "[{'op':'add','path':'/','value':2}]", "{'a':1,'':2}"),
        new Case("a test of an absent member against null passes", "{'a':1}",
            "[{'op':'test','path':'/b','value':null},{'op':'test','path':'/c'}]", "{'a':1}"),
        new Case("a test of a null member against null passes", "{'a':null}",
            "[{'op':'test','path':'/a','value':null}]", "{'a':null}"),
        new Case("numbers are equal by value in a test", "{'a':1,'b':[1.0]}",
            "[{'op':'test','path':'/a','value':1.0},{'op':'test','path':'/b','value':[1]}]",
            "{'a':1,'b':[1.0]}"),
        new Case("objects are equal whatever their member order", "{'a':{'x':1,'y':[true]}}",
            "[{'op':'test','path':'/a','value':{'y':[true],'x':1}}]",
            "{'a':{'x':1,'y':[true]}}"),
        new Case("a test of the whole document", "{'a':1}",
            "[{'op':'test','path':'','value':{'a':1}}]", "{'a':1}"),
        new Case("an empty patch changes nothing", "{'a':1}", "[]", "{'a':1}"),
        new Case("a null patch changes nothing, as in Kubernetes", "{'a':1}", "null",
            "{'a':1}"),
        new Case("a replace of the resourceVersion ends up in the result, as a precondition",
            "{'metadata':{'name':'web','resourceVersion':'42'},'spec':{'replicas':1}}",
            "[{'op':'replace','path':'/metadata/resourceVersion','value':'41'},"
                + "{'op':'replace','path':'/spec/replicas','value':3}]",
            "{'metadata':{'name':'web','resourceVersion':'41'},'spec':{'replicas':3}}"),
        new Case("fabric8's add of the resourceVersion it read ends up in the result",
            "{'metadata':{'name':'web','resourceVersion':'42'},'spec':{'replicas':1}}",
            "[{'op':'add','path':'/metadata/resourceVersion','value':'40'},"
                + "{'op':'replace','path':'/spec/replicas','value':2}]",
            "{'metadata':{'name':'web','resourceVersion':'40'},'spec':{'replicas':2}}"),
        new Case("a test of the current resourceVersion passes",
            "{'metadata':{'name':'web','resourceVersion':'42'},'spec':{'replicas':1}}",
            "[{'op':'test','path':'/metadata/resourceVersion','value':'42'},"
                + "{'op':'replace','path':'/spec/replicas','value':3}]",
            "{'metadata':{'name':'web','resourceVersion':'42'},'spec':{'replicas':3}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"rfc6902", "kubernetes"})
  void applies(Case c) {
    ObjectNode document = object(c.document());
    JsonNode patch = json(c.patch());
    ObjectNode documentCopy = document.deepCopy();
    JsonNode patchCopy = patch.deepCopy();

    ObjectNode result = JsonPatch.apply(document, patch);

    assertThat(result).isEqualTo(json(c.result()));
    assertThat(document).as("document untouched").isEqualTo(documentCopy);
    assertThat(patch).as("patch untouched").isEqualTo(patchCopy);
  }

  record Failure(String name, String document, String patch, int code, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Failure> failures() {
    return Stream.of(
        new Failure("a failed test", "{'baz':'qux','foo':['a',2,'c']}",
            "[{'op':'test','path':'/baz','value':'bar'}]", 422,
            "testing value /baz failed: test failed"),
        new Failure("a string is not the number it spells", "{'/':9,'~1':10}",
            "[{'op':'test','path':'/~01','value':'10'}]", 422,
            "testing value /~01 failed: test failed"),
        new Failure("a test of a stale resourceVersion, as fabric8 could send",
            "{'metadata':{'resourceVersion':'42'}}",
            "[{'op':'test','path':'/metadata/resourceVersion','value':'41'}]", 422,
            "testing value /metadata/resourceVersion failed: test failed"),
        new Failure("a test of an absent member against a value", "{'a':1}",
            "[{'op':'test','path':'/b','value':1}]", 422, "testing value /b failed: test failed"),
        new Failure("a test of a present member against null", "{'a':1}",
            "[{'op':'test','path':'/a','value':null}]", 422,
            "testing value /a failed: test failed"),
        new Failure("a test out of the array", "{'a':[1]}",
            "[{'op':'test','path':'/a/3','value':1}]", 422,
            "error in test for path: '/a/3': Unable to access invalid index: 3: invalid index"
                + " referenced"),
        new Failure("adding below a member that does not exist", "{'foo':'bar'}",
            "[{'op':'add','path':'/baz/bat','value':'qux'}]", 422,
            "add operation does not apply: doc is missing path: \"/baz/bat\": missing value"),
        new Failure("adding below a scalar", "{'foo':'bar'}",
            "[{'op':'add','path':'/foo/bat','value':'qux'}]", 422,
            "add operation does not apply: doc is missing path: \"/foo/bat\": missing value"),
        new Failure("adding to the document root", "{'foo':'bar'}",
            "[{'op':'add','path':'','value':{}}]", 422,
            "add operation does not apply: doc is missing path: \"\": missing value"),
        new Failure("a path without its leading slash", "{'foo':'bar'}",
            "[{'op':'add','path':'foo','value':1}]", 422,
            "add operation does not apply: doc is missing path: \"foo\": missing value"),
        new Failure("adding past the end of an array", "{'foo':['a']}",
            "[{'op':'add','path':'/foo/5','value':'b'}]", 422,
            "error in add for path: '/foo/5': Unable to access invalid index: 5: invalid index"
                + " referenced"),
        new Failure("adding at an index that is not a number", "{'foo':['a']}",
            "[{'op':'add','path':'/foo/x','value':'b'}]", 422,
            "error in add for path: '/foo/x': value was not a proper array index: 'x':"
                + " strconv.Atoi: parsing \"x\": invalid syntax"),
        new Failure("removing a member that does not exist", "{'a':1}",
            "[{'op':'remove','path':'/b'}]", 422,
            "error in remove for path: '/b': Unable to remove nonexistent key: b: missing"
                + " value"),
        new Failure("removing past the end of an array", "{'a':[1]}",
            "[{'op':'remove','path':'/a/1'}]", 422,
            "error in remove for path: '/a/1': Unable to access invalid index: 1: invalid"
                + " index referenced"),
        new Failure("removing the dash of an array", "{'a':[1]}",
            "[{'op':'remove','path':'/a/-'}]", 422,
            "error in remove for path: '/a/-': strconv.Atoi: parsing \"-\": invalid syntax"),
        new Failure("replacing past the end of an array", "{'a':[1]}",
            "[{'op':'replace','path':'/a/3','value':2}]", 422,
            "replace operation does not apply: doc is missing key: /a/3: missing value"),
        new Failure("replacing the document with a scalar", "{'a':1}",
            "[{'op':'replace','path':'','value':1}]", 422,
            "replace operation value must be object or array"),
        new Failure("moving from a member that does not exist", "{'a':1}",
            "[{'op':'move','from':'/b','path':'/c'}]", 422,
            "error in move for path: 'b': Unable to remove nonexistent key: b: missing value"),
        new Failure("moving a value into itself", "{'a':{'b':1}}",
            "[{'op':'move','from':'/a','path':'/a/c'}]", 422,
            "move operation does not apply: doc is missing destination path: /a/c: missing"
                + " value"),
        new Failure("moving without a from", "{'a':1}", "[{'op':'move','path':'/c'}]", 422,
            "move operation failed to decode from: operation, missing from field: missing"
                + " value"),
        new Failure("copying from a member that does not exist", "{'a':1}",
            "[{'op':'copy','from':'/b','path':'/c'}]", 422,
            "copy operation does not apply: doc is missing from path: /b: missing value"),
        new Failure("an operation without a path", "{'a':1}", "[{'op':'add','value':1}]", 422,
            "add operation failed to decode path: missing value"),
        new Failure("a path that is not a string", "{'a':1}",
            "[{'op':'remove','path':1}]", 422,
            "remove operation failed to decode path: missing value"),
        new Failure("an unknown operation", "{'a':1}",
            "[{'op':'frobnicate','path':'/a'}]", 422, "Unexpected kind: frobnicate"),
        new Failure("an operation without op", "{'a':1}", "[{'path':'/a'}]", 422,
            "Unexpected kind: unknown"),
        new Failure("a null operation", "{'a':1}", "[null]", 422, "Unexpected kind: unknown"),
        new Failure("a replace that leaves an array", "{'a':1}",
            "[{'op':'replace','path':'','value':[1]}]", 422,
            "patch: Invalid value: \"array\": the patched document must be a JSON object"),
        new Failure("a patch that is an object, not an array", "{'a':1}",
            "{'op':'add','path':'/b','value':1}", 400,
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
        new Failure("a patch that is a string", "{'a':1}", "'add'", 400,
            "json: cannot unmarshal string into Go value of type jsonpatch.Patch"),
        new Failure("a patch whose operations are not objects", "{'a':1}", "[true]", 400,
            "json: cannot unmarshal bool into Go value of type jsonpatch.Operation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void fails(Failure c) {
    ObjectNode document = object(c.document());
    ObjectNode documentCopy = document.deepCopy();

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> JsonPatch.apply(document, json(c.patch())));

    assertThat(e).as("an ApiException").isNotNull();
    assertThat(e.code()).isEqualTo(c.code());
    assertThat(e.reason()).isEqualTo(c.code() == 400 ? "BadRequest" : "Invalid");
    assertThat(e.getMessage()).isEqualTo(c.message());
    assertThat(document).as("document untouched").isEqualTo(documentCopy);
  }

  @Test
  void aFailingOperationLeavesNothingOfTheEarlierOnes() {
    ObjectNode document = object("{'a':1}");

    catchThrowableOfType(ApiException.class, () -> JsonPatch.apply(document,
        json("[{'op':'add','path':'/b','value':2},{'op':'remove','path':'/zzz'}]")));

    assertThat(document).isEqualTo(json("{'a':1}"));
  }

  @Test
  void moreOperationsThanKubernetesAllowsIsTooLarge() {
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
      ops.add(json("{'op':'test','path':'/a','value':1}"));
    }

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> JsonPatch.apply(object("{'a':1}"), ops));

    assertThat(e.code()).isEqualTo(413);
    assertThat(e.getMessage())
        .isEqualTo("The allowed maximum operations in a JSON patch is 10000, got 10001");
  }

  @Test
  void copiesAreLimitedInTotalSize() {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("big", "x".repeat(1024 * 1024));
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < 4; i++) {
      ops.add(json("{'op':'copy','from':'/big','path':'/copy" + i + "'}"));
    }

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> JsonPatch.apply(document, ops));

    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage()).startsWith(
        "Unable to complete the copy, the accumulated size increase of copy is ");
    assertThat(e.getMessage()).endsWith("exceeding the limit 3145728");
  }

  @Test
  void aResultDeeperThanStorageCanReadBackIsRejected() {
    ObjectNode deep = JsonNodeFactory.instance.objectNode();
    ObjectNode inner = deep;
    for (int i = 0; i < 120; i++) {
      inner = inner.putObject("n");
    }
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.set("deep", deep);
    // A copy of the subtree below its own deepest leaf nests about twice as deep.
    JsonNode ops = json("[{'op':'copy','from':'/deep','path':'/deep" + "/n".repeat(120)
        + "/again'}]");

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> JsonPatch.apply(document, ops));

    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage())
        .isEqualTo("patch: Invalid value: \"object\": the patched object nests deeper than"
            + " 200 levels");
  }

  @Test
  void aMissingPatchIsABadRequest() {
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> JsonPatch.apply(object("{'a':1}"), null));

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("invalid JSON patch");
  }
}
