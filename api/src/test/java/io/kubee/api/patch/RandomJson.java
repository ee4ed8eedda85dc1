package io.kubee.api.patch;

import static io.kubee.api.patch.PatchMetas.list;
import static io.kubee.api.patch.PatchMetas.map;
import static io.kubee.api.patch.PatchMetas.object;
import static io.kubee.api.patch.PatchMetas.scalar;

import io.kubee.api.schema.PatchMeta;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random schemas, objects that mostly follow them, and patches full of directives, well formed
 * or not, for the fuzz tests. Deterministic for a given {@link Random}.
 */
final class RandomJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] FIELDS = {"name", "value", "spec", "items", "tags", "k", "map"};
  private static final String[] KEYS = {"name", "k"};
  private static final String[] STRATEGIES =
      {"", "", "merge", "merge", "merge,retainKeys", "replace", "retainKeys"};
  private static final String[] PATCH_VALUES = {"replace", "delete", "merge", "bogus", ""};

  private final Random random;
  /** Whether patches may contain directives and nulls. */
  private final boolean directives;

  RandomJson(Random random, boolean directives) {
    this.random = random;
    this.directives = directives;
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  /** A random object schema, up to {@code depth} levels of objects. */
  PatchMeta schema(int depth) {
    PatchMetas.Obj object = object();
    if (chance(0.15)) {
      object = object.retainKeys();
    }
    int fields = 1 + random.nextInt(5);
    for (int i = 0; i < fields; i++) {
      object = object.field(pick(FIELDS), position(depth));
    }
    return object;
  }

  private PatchMeta position(int depth) {
    int kind = random.nextInt(depth <= 0 ? 3 : 7);
    switch (kind) {
      case 0:
        return scalar();
      case 1:
        return PatchMeta.UNKNOWN;
      case 2:
        return map(chance(0.7) ? scalar() : PatchMeta.UNKNOWN);
      case 3:
        return schema(depth - 1);
      case 4:
        return list(pick(STRATEGIES), "", scalar());
      case 5:
        return list(pick(STRATEGIES), pick(KEYS), schema(depth - 1));
      default:
        return list(pick(STRATEGIES), chance(0.3) ? pick(KEYS) : "",
            chance(0.5) ? schema(depth - 1) : PatchMeta.UNKNOWN);
    }
  }

  JsonNode scalarValue() {
    switch (random.nextInt(9)) {
      case 0:
        return F.numberNode(random.nextInt(4));
      case 1:
        return F.numberNode(1.5);
      case 2:
        return F.numberNode(new BigDecimal("1.0"));
      case 3:
        return F.booleanNode(random.nextBoolean());
      case 4:
        return F.numberNode(Long.MAX_VALUE);
      default:
        return F.stringNode(String.valueOf((char) ('a' + random.nextInt(4))));
    }
  }

  /** Any JSON value, ignoring schemas. */
  JsonNode anyValue(int depth) {
    int kind = random.nextInt(depth <= 0 ? 2 : 5);
    switch (kind) {
      case 0:
        return scalarValue();
      case 1:
        return chance(0.3) ? F.nullNode() : scalarValue();
      case 2:
      case 3: {
        ObjectNode object = F.objectNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          object.set(pick(FIELDS), anyValue(depth - 1));
        }
        return object;
      }
      default: {
        ArrayNode array = F.arrayNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          array.add(anyValue(depth - 1));
        }
        return array;
      }
    }
  }

  /** An object that mostly follows {@code meta}, with no directives and no nulls. */
  ObjectNode original(PatchMeta meta, int depth) {
    return (ObjectNode) value(meta, depth, false, true);
  }

  /** A patch for an object of {@code meta}. */
  ObjectNode patch(PatchMeta meta, int depth) {
    return (ObjectNode) value(meta, depth, true, true);
  }

  private JsonNode value(PatchMeta meta, int depth, boolean patch, boolean root) {
    if (!root && chance(0.04)) {
      return free(depth, patch);
    }
    switch (root ? PatchMeta.Kind.OBJECT : meta.kind()) {
      case OBJECT:
      case MAP:
        return objectValue(meta, depth, patch);
      case LIST:
        return listValue(meta, depth, patch);
      case SCALAR:
        return scalarValue();
      default:
        return depth <= 0 ? scalarValue() : free(depth, patch);
    }
  }

  /** Any value; without nulls unless it is a patch that may carry them. */
  private JsonNode free(int depth, boolean patch) {
    JsonNode value = anyValue(depth);
    if (patch && directives) {
      return value;
    }
    return value.isNull() ? scalarValue() : strip(value);
  }

  private JsonNode strip(JsonNode value) {
    if (value instanceof ObjectNode object) {
      ObjectNode out = F.objectNode();
      object.properties().forEach(e -> {
        if (!e.getValue().isNull()) {
          out.set(e.getKey(), strip(e.getValue()));
        }
      });
      return out;
    }
    if (value instanceof ArrayNode array) {
      ArrayNode out = F.arrayNode();
      array.forEach(e -> out.add(e.isNull() ? scalarValue() : strip(e)));
      return out;
    }
    return value;
  }

  private ObjectNode objectValue(PatchMeta meta, int depth, boolean patch) {
    ObjectNode object = F.objectNode();
    List<String> lists = new ArrayList<>();
    int n = depth <= 0 ? random.nextInt(2) : 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      String field = meta.kind() == PatchMeta.Kind.MAP ? "m" + random.nextInt(3)
          : chance(0.1) ? "extra" + random.nextInt(2) : pick(FIELDS);
      PatchMeta child = meta.field(field);
      if (child.kind() == PatchMeta.Kind.LIST) {
        lists.add(field);
      }
      if (patch && directives && chance(0.12)) {
        object.putNull(field);
      } else {
        object.set(field, value(child, depth - 1, patch, false));
      }
    }
    if (patch && directives) {
      if (chance(0.08)) {
        object.put(StrategicMergePatch.PATCH, pick(PATCH_VALUES));
      } else if (chance(0.02)) {
        object.put(StrategicMergePatch.PATCH, 7);
      }
      if (chance(0.08)) {
        object.set(StrategicMergePatch.RETAIN_KEYS, retainKeys(object));
      }
      for (String list : lists) {
        if (chance(0.3)) {
          object.set(StrategicMergePatch.SET_ELEMENT_ORDER + "/" + list,
              elementOrder(meta.field(list), object.get(list)));
        }
        if (chance(0.15)) {
          object.set(StrategicMergePatch.DELETE_FROM_PRIMITIVE_LIST + "/" + list,
              chance(0.9) ? scalars() : anyValue(1));
        }
      }
      if (chance(0.02)) {
        object.set(chance(0.5) ? "$setElementOrder" : "$deleteFromPrimitiveList/", scalars());
      }
    }
    return object;
  }

  private JsonNode retainKeys(ObjectNode object) {
    if (chance(0.1)) {
      return anyValue(1);
    }
    ArrayNode names = F.arrayNode();
    object.propertyNames().forEach(name -> {
      if (!name.startsWith("$") && chance(0.9)) {
        names.add(name);
      }
    });
    if (chance(0.3)) {
      names.add(pick(FIELDS));
    }
    return names;
  }

  private JsonNode elementOrder(PatchMeta listMeta, JsonNode patchList) {
    if (chance(0.05)) {
      return anyValue(1);
    }
    String key = listMeta.patchMergeKey();
    ArrayNode order = F.arrayNode();
    if (patchList instanceof ArrayNode elements) {
      for (JsonNode element : elements) {
        if (chance(0.85)) {
          order.add(key.isEmpty() || !element.isObject() || element.get(key) == null ? element
              : F.objectNode().set(key, element.get(key)));
        }
      }
    }
    int extra = random.nextInt(3);
    for (int i = 0; i < extra; i++) {
      order.insert(random.nextInt(order.size() + 1),
          key.isEmpty() ? scalarValue() : F.objectNode().set(key, keyValue()));
    }
    return order;
  }

  private ArrayNode scalars() {
    ArrayNode values = F.arrayNode();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      values.add(scalarValue());
    }
    return values;
  }

  private JsonNode keyValue() {
    return chance(0.5) ? F.numberNode(random.nextInt(3))
        : F.stringNode(String.valueOf((char) ('a' + random.nextInt(3))));
  }

  private ArrayNode listValue(PatchMeta meta, int depth, boolean patch) {
    ArrayNode list = F.arrayNode();
    String key = meta.patchMergeKey();
    PatchMeta items = meta.items();
    int n = random.nextInt(depth <= 0 ? 2 : 4);
    for (int i = 0; i < n; i++) {
      if (!key.isEmpty()) {
        JsonNode element = value(items.kind() == PatchMeta.Kind.UNKNOWN ? object() : items,
            depth - 1, patch, false);
        if (element instanceof ObjectNode object && (chance(0.93) || !patch)) {
          object.set(key, keyValue());
        }
        list.add(element);
      } else {
        list.add(value(items, depth - 1, patch, false));
      }
    }
    if (patch && directives && !key.isEmpty()) {
      if (chance(0.15)) {
        ObjectNode deletion = F.objectNode().put(StrategicMergePatch.PATCH, "delete");
        if (chance(0.9)) {
          deletion.set(key, keyValue());
        }
        list.insert(random.nextInt(list.size() + 1), deletion);
      }
      if (chance(0.08)) {
        list.insert(random.nextInt(list.size() + 1),
            F.objectNode().put(StrategicMergePatch.PATCH, pick(PATCH_VALUES)));
      }
    }
    if (patch && directives && chance(0.03)) {
      list.add(chance(0.5) ? F.nullNode() : F.arrayNode().add(1));
    }
    return list;
  }
}
