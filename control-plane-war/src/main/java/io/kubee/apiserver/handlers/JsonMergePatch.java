package io.kubee.apiserver.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** RFC 7386 JSON merge patch ({@code application/merge-patch+json}). */
final class JsonMergePatch {
  private JsonMergePatch() {}

  /** Applies {@code patch} to {@code target} in place and returns the result. */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target instanceof ObjectNode object ? object
        : ((ObjectNode) patch).objectNode();
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    patch.properties().forEach(fields::add);
    for (Map.Entry<String, JsonNode> field : fields) {
      JsonNode value = field.getValue();
      if (value.isNull()) {
        result.remove(field.getKey());
      } else {
        JsonNode current = result.get(field.getKey());
        result.set(field.getKey(), apply(current == null ? null : current, value));
      }
    }
    return result;
  }
}
