package io.kubee.api.apply;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes the fields of a set from an object (structured-merge-diff's
 * {@code TypedValue.RemoveItems}): a member is removed with everything below it; a path that
 * only leads to members is descended into. A map or list left empty becomes null, as in SMD.
 * The input is not modified.
 */
final class ItemRemoval {
  private ItemRemoval() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static JsonNode remove(JsonNode value, FieldSet toRemove, Shape declared) {
    if (value == null) {
      return null;
    }
    Shape shape = declared.deduce(value);
    if (!shape.accepts(value)) {
      return value.deepCopy();
    }
    return switch (shape.kind()) {
      case LIST -> list(value, toRemove, shape);
      case STRUCT, MAP -> map(value, toRemove, shape);
      default -> value.deepCopy();
    };
  }

  private static JsonNode list(JsonNode value, FieldSet toRemove, Shape shape) {
    if (!value.isArray() || value.isEmpty() || shape.atomic()) {
      return NODES.nullNode();
    }
    List<PathElement> elements = ListElements.ofAll(shape, value);
    if (elements == null) {
      return value.deepCopy();
    }
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < value.size(); i++) {
      PathElement element = elements.get(i);
      if (toRemove.members().contains(element)) {
        continue;
      }
      JsonNode item = value.get(i);
      FieldSet below = toRemove.withPrefix(element);
      out.add(below.isEmpty() ? item.deepCopy() : remove(item, below, shape.elements()));
    }
    return out.isEmpty() ? NODES.nullNode() : out;
  }

  private static JsonNode map(JsonNode value, FieldSet toRemove, Shape shape) {
    if (!value.isObject() || value.isEmpty() || shape.atomic()) {
      return NODES.nullNode();
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      PathElement element = PathElement.field(entry.getKey());
      if (toRemove.members().contains(element)) {
        continue;
      }
      FieldSet below = toRemove.withPrefix(element);
      if (below.isEmpty()) {
        out.set(entry.getKey(), entry.getValue().deepCopy());
      } else {
        Shape field = shape.field(entry.getKey());
        out.set(entry.getKey(),
            remove(entry.getValue(), below, field == null ? Shape.UNTYPED : field));
      }
    }
    return out.isEmpty() ? NODES.nullNode() : out;
  }
}
