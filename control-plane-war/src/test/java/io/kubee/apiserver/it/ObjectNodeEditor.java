package io.kubee.apiserver.it;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Edits a copy of a JSON object by JSON pointer, for building update bodies in tests. */
final class ObjectNodeEditor {
  private final ObjectNode object;

  ObjectNodeEditor(JsonNode source) {
    this.object = (ObjectNode) source.deepCopy();
  }

  ObjectNodeEditor set(String pointer, Object value) {
    int slash = pointer.lastIndexOf('/');
    String parentPointer = pointer.substring(0, slash);
    String field = pointer.substring(slash + 1);
    JsonNode parent = parentPointer.isEmpty() ? object : object.at(parentPointer);
    ObjectNode target;
    if (parent instanceof ObjectNode existing) {
      target = existing;
    } else if (parent.isArray()) {
      throw new IllegalArgumentException("arrays are not editable here: " + pointer);
    } else {
      ObjectNode created = object.objectNode();
      new ObjectNodeEditor(object).setNode(parentPointer, created, object);
      target = created;
    }
    if (value == null) {
      target.remove(field);
    } else if (value instanceof Integer i) {
      target.put(field, i);
    } else if (value instanceof Boolean b) {
      target.put(field, b);
    } else {
      target.put(field, value.toString());
    }
    return this;
  }

  private void setNode(String pointer, ObjectNode node, ObjectNode root) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    ((ObjectNode) parent).set(pointer.substring(slash + 1), node);
  }

  String json() {
    return object.toString();
  }
}
