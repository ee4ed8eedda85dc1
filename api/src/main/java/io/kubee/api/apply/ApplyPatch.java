package io.kubee.api.apply;

import io.kubee.api.errors.Errors;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The body of a server-side apply: {@code PATCH} with {@code application/apply-patch+yaml}, a
 * partial object in YAML or JSON (JSON is YAML). Reads it as Kubernetes' apply patcher does
 * ({@code yaml.Unmarshal} into an unstructured object), leaving every check of its content to
 * {@link ServerSideApply}. Thread-safe.
 */
public final class ApplyPatch {
  private ApplyPatch() {}

  /** The media type of an apply patch. */
  public static final String CONTENT_TYPE = "application/apply-patch+yaml";

  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
      .build()).build();

  /** Whether a Content-Type (parameters allowed) is the apply patch type. */
  public static boolean isApplyPatch(String contentType) {
    return contentType != null && contentType.split(";", 2)[0].trim()
        .toLowerCase(Locale.ROOT).equals(CONTENT_TYPE);
  }

  /**
   * The applied configuration. An empty body or a null document is an empty object, which the
   * apply then refuses for its missing apiVersion and kind, as Kubernetes does.
   *
   * @throws io.kubee.api.errors.ApiException 400 "error decoding YAML: ..." for a body that is
   *     not YAML or not an object
   */
  public static ObjectNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(body);
    } catch (JacksonException e) {
      throw Errors.badRequest("error decoding YAML: " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!(tree instanceof ObjectNode object)) {
      throw Errors.badRequest("error decoding YAML: error unmarshaling JSON: json: cannot "
          + "unmarshal " + (tree.isArray() ? "array" : tree.isString() ? "string"
              : tree.isNumber() ? "number" : "bool")
          + " into Go value of type map[string]interface {}");
    }
    return object;
  }
}
