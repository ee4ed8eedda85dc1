package io.kubee.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kubee.api.errors.ApiException;
import io.kubee.api.schema.PatchMeta;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random schemas, objects and patches (directives well formed and not, nulls, wrong types,
 * lists of lists, missing merge keys): whatever the patch, the engine answers with an object or
 * an {@link ApiException} of 400 or 422, never anything else, and never touches its inputs.
 * Seeds are fixed, so a failure names the seed that reproduces it.
 */
class StrategicMergePatchFuzzTest {
  private static final int SEEDS = 3000;
  private static final int PATCHES_PER_SCHEMA = 6;

  @Test
  @Timeout(120)
  void randomPatchesAnswerAnObjectOrA400Or422() {
    int applied = 0;
    Map<Integer, Integer> rejected = new java.util.TreeMap<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      RandomJson json = new RandomJson(random, true);
      PatchMeta schema = schemaFor(random, json);
      for (int i = 0; i < PATCHES_PER_SCHEMA; i++) {
        ObjectNode original = json.original(schema, 4);
        ObjectNode patch = json.patch(schema, 4);
        ObjectNode originalCopy = original.deepCopy();
        ObjectNode patchCopy = patch.deepCopy();
        try {
          ObjectNode result = StrategicMergePatch.apply(original, patch, schema);
          assertClean(result, "", seed, original, patch);
          applied++;
        } catch (ApiException e) {
          if (e.code() != 400 && e.code() != 422 || e.getMessage() == null
              || e.getMessage().isEmpty()) {
            fail("seed %d: %d %s for\noriginal %s\npatch %s", seed, e.code(), e.getMessage(),
                originalCopy, patchCopy);
          }
          rejected.merge(e.code(), 1, Integer::sum);
        } catch (RuntimeException | StackOverflowError e) {
          throw new AssertionError("seed " + seed + ": " + e + " for\noriginal " + originalCopy
              + "\npatch " + patchCopy, e);
        }
        assertThat(original).as("seed %d: original untouched", seed).isEqualTo(originalCopy);
        assertThat(patch).as("seed %d: patch untouched", seed).isEqualTo(patchCopy);
      }
    }
    // The generator must reach every outcome, or this test proves little.
    assertThat(applied).isGreaterThan(SEEDS * PATCHES_PER_SCHEMA / 4);
    assertThat(rejected).containsKeys(400, 422);
  }

  @Test
  @Timeout(120)
  void aPatchWithoutDirectivesAppliedTwiceGivesWhatItGaveOnce() {
    int checked = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      RandomJson json = new RandomJson(random, false);
      PatchMeta schema = schemaFor(random, json);
      for (int i = 0; i < PATCHES_PER_SCHEMA; i++) {
        ObjectNode original = json.original(schema, 4);
        ObjectNode patch = json.patch(schema, 4);
        if (hasDuplicates(patch)) {
          continue; // two elements for one key merge into one on the second pass
        }
        ObjectNode once;
        try {
          once = StrategicMergePatch.apply(original, patch, schema);
        } catch (ApiException e) {
          continue;
        }
        ObjectNode twice;
        try {
          twice = StrategicMergePatch.apply(once, patch, schema);
        } catch (ApiException e) {
          // A list a patch adds is taken as it is, as Kubernetes takes it; merging into it
          // later checks what adding it did not.
          assertThat(e.getMessage()).as("seed %d", seed).containsAnyOf(
              "lists of lists", "list element types", "does not contain declared merge key",
              "cannot merge lists without merge key");
          continue;
        }
        assertThat(twice).as("seed %d: original %s patch %s", seed, original, patch)
            .isEqualTo(once);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(SEEDS * PATCHES_PER_SCHEMA / 4);
  }

  @Test
  @Timeout(60)
  void anEmptyPatchGivesTheOriginalBack() {
    for (long seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      RandomJson json = new RandomJson(random, false);
      PatchMeta schema = schemaFor(random, json);
      ObjectNode original = json.original(schema, 4);

      assertThat(StrategicMergePatch.apply(original, JsonNodeFactory.instance.objectNode(),
          schema)).as("seed %d", seed).isEqualTo(original);
    }
  }

  private static PatchMeta schemaFor(Random random, RandomJson json) {
    switch (random.nextInt(6)) {
      case 0:
        return StrategicMergePatchTest.ITEM;
      case 1:
        return PatchMeta.UNKNOWN;
      default:
        return json.schema(3);
    }
  }

  /** No directive survives into a result, nor a null member (the originals have none). */
  private static void assertClean(JsonNode node, String path, long seed, JsonNode original,
      JsonNode patch) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        if (key.equals("$patch") || key.equals("$retainKeys")
            || key.startsWith("$setElementOrder") || key.startsWith("$deleteFromPrimitiveList")
            || field.getValue().isNull()) {
          fail("seed %d: %s.%s = %s left in the result of\noriginal %s\npatch %s", seed, path,
              key, field.getValue(), original, patch);
        }
        assertClean(field.getValue(), path + "." + key, seed, original, patch);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        assertClean(node.get(i), path + "[" + i + "]", seed, original, patch);
      }
    }
  }

  /** Whether a list of the patch names one element twice (by merge key, or as a value). */
  private static boolean hasDuplicates(JsonNode node) {
    if (node.isArray()) {
      Set<String> names = new HashSet<>();
      Set<String> values = new HashSet<>();
      for (JsonNode element : node) {
        for (String key : new String[] {"name", "k"}) {
          if (element.isObject() && element.get(key) != null
              && !names.add(key + Values.key(element.get(key)))) {
            return true;
          }
        }
        if (!values.add(Values.key(element))) {
          return true;
        }
      }
    }
    for (JsonNode child : node) {
      if (hasDuplicates(child)) {
        return true;
      }
    }
    return false;
  }
}
