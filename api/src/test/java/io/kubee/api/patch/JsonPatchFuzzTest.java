package io.kubee.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kubee.api.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random documents and random operation lists (real paths and broken ones, every op and some
 * that are not, members missing or of the wrong type): the engine answers an object or an
 * {@link ApiException} of 400 or 422, and leaves its inputs alone. Fixed seeds.
 */
class JsonPatchFuzzTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] OPS =
      {"add", "remove", "replace", "move", "copy", "test", "add", "replace", "frob"};
  private static final int SEEDS = 20_000;

  @Test
  @Timeout(120)
  void randomPatchesAnswerAnObjectOrA400Or422() {
    int applied = 0;
    Map<Integer, Integer> rejected = new TreeMap<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      RandomJson json = new RandomJson(random, true);
      ObjectNode document = document(json);
      JsonNode patch = patch(random, json, document);
      ObjectNode documentCopy = document.deepCopy();
      JsonNode patchCopy = patch.deepCopy();
      try {
        assertThat(JsonPatch.apply(document, patch)).isInstanceOf(ObjectNode.class);
        applied++;
      } catch (ApiException e) {
        if (e.code() != 400 && e.code() != 422 || e.getMessage() == null) {
          fail("seed %d: %d %s for\ndocument %s\npatch %s", seed, e.code(), e.getMessage(),
              documentCopy, patchCopy);
        }
        rejected.merge(e.code(), 1, Integer::sum);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + ": " + e + " for\ndocument " + documentCopy
            + "\npatch " + patchCopy, e);
      }
      assertThat(document).as("seed %d: document untouched", seed).isEqualTo(documentCopy);
      assertThat(patch).as("seed %d: patch untouched", seed).isEqualTo(patchCopy);
    }
    assertThat(applied).isGreaterThan(SEEDS / 10);
    assertThat(rejected).containsKeys(400, 422);
  }

  @Test
  @Timeout(60)
  void everyValueTestsEqualToItselfAndCopiesWhole() {
    for (long seed = 0; seed < SEEDS / 4; seed++) {
      Random random = new Random(seed);
      ObjectNode document = document(new RandomJson(random, false));
      List<String> paths = new ArrayList<>();
      List<JsonNode> values = new ArrayList<>();
      collect(document, "", paths, values);
      int i = 1 + random.nextInt(paths.size() - 1); // not the root, which copy cannot read
      ArrayNode ops = F.arrayNode();
      ops.addObject().put("op", "test").put("path", paths.get(i)).set("value", values.get(i));
      ops.addObject().put("op", "copy").put("from", paths.get(i)).put("path", "/copied");

      ObjectNode result = JsonPatch.apply(document, ops);

      assertThat(Values.equal(result.get("copied"), values.get(i)))
          .as("seed %d: %s", seed, paths.get(i)).isTrue();
    }
  }

  private static ObjectNode document(RandomJson json) {
    ObjectNode document = F.objectNode();
    int n = 1 + json.pick(new Integer[] {0, 1, 2, 3});
    for (int i = 0; i < n; i++) {
      document.set(json.pick(new String[] {"a", "b", "c", "a~b", "x/y"}), json.anyValue(3));
    }
    return document;
  }

  private static JsonNode patch(Random random, RandomJson json, ObjectNode document) {
    if (json.chance(0.03)) {
      return json.anyValue(2);
    }
    List<String> paths = new ArrayList<>();
    collect(document, "", paths, new ArrayList<>());
    ArrayNode ops = F.arrayNode();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (json.chance(0.02)) {
        ops.add(json.anyValue(1));
        continue;
      }
      ObjectNode op = ops.addObject();
      if (json.chance(0.97)) {
        op.put("op", json.pick(OPS));
      }
      if (json.chance(0.95)) {
        op.set("path", json.chance(0.97) ? F.stringNode(path(random, json, paths))
            : json.anyValue(1));
      }
      if (json.chance(0.9)) {
        op.set("from", F.stringNode(path(random, json, paths)));
      }
      if (json.chance(0.9)) {
        op.set("value", json.anyValue(2));
      }
    }
    return ops;
  }

  private static String path(Random random, RandomJson json, List<String> paths) {
    String path = paths.get(random.nextInt(paths.size()));
    switch (random.nextInt(8)) {
      case 0:
        return path + "/-";
      case 1:
        return path + "/" + json.pick(new String[] {"0", "1", "-1", "9", "x", "", "01", "+1"});
      case 2:
        return path.isEmpty() ? "nope" : path.substring(1);
      case 3:
        return path + "/new~1key~0";
      default:
        return path;
    }
  }

  /** Every pointer in {@code node} with the value it points to. */
  private static void collect(JsonNode node, String pointer, List<String> paths,
      List<JsonNode> values) {
    paths.add(pointer);
    values.add(node);
    if (node.isObject()) {
      node.properties().forEach(e -> collect(e.getValue(),
          pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), paths, values));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i, paths, values);
      }
    }
  }
}
