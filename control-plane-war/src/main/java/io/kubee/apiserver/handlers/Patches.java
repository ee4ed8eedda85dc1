package io.kubee.apiserver.handlers;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.errors.Errors;
import io.kubee.api.patch.JsonPatch;
import io.kubee.api.patch.StrategicMergePatch;
import io.kubee.api.schema.PatchMeta;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PATCH media types and how each applies to an object (Kubernetes'
 * {@code handlers/patch.go}): JSON merge patch (RFC 7386), strategic merge patch (by the kind's
 * merge keys), JSON patch (RFC 6902).
 */
final class Patches {
  static final String MERGE = "application/merge-patch+json";
  static final String STRATEGIC = "application/strategic-merge-patch+json";
  static final String JSON = "application/json-patch+json";

  private Patches() {}

  /** A parsed patch that can be applied to successive versions of an object. */
  interface Patch {
    /** The patched copy; {@code current} is not changed. */
    ObjectNode applyTo(ObjectNode current);

    /** Whether it is an RFC 6902 JSON patch (field validation words its findings otherwise). */
    default boolean isJsonPatch() {
      return false;
    }
  }

  /**
   * Parses the request's patch.
   *
   * @param schema where a strategic merge patch finds its merge keys ({@link PatchMeta#UNKNOWN}
   *               merges like a JSON merge patch)
   * @throws io.kubee.api.errors.ApiException 415 for a media type that is not a patch type, 400
   *     for a body that does not parse
   */
  static Patch parse(String contentType, byte[] body, PatchMeta schema) {
    String type = contentType == null ? ""
        : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    switch (type) {
      case MERGE -> {
        ObjectNode patch = Codec.INSTANCE.parseObject(body, Format.JSON);
        return current -> {
          JsonNode patched = JsonMergePatch.apply(current.deepCopy(), patch);
          if (!(patched instanceof ObjectNode object)) {
            throw Errors.badRequest("the patch does not produce an object");
          }
          return object;
        };
      }
      case STRATEGIC -> {
        ObjectNode patch = Codec.INSTANCE.parseObject(body, Format.JSON);
        return current -> StrategicMergePatch.apply(current, patch, schema);
      }
      case JSON -> {
        JsonNode operations;
        try {
          operations = Codec.INSTANCE.json().readTree(body);
        } catch (JacksonException e) {
          throw Errors.badRequest("the JSON patch is not valid JSON: " + e.getOriginalMessage());
        }
        return new Patch() {
          @Override
          public ObjectNode applyTo(ObjectNode current) {
            return JsonPatch.apply(current, operations);
          }

          @Override
          public boolean isJsonPatch() {
            return true;
          }
        };
      }
      default -> throw Errors.unsupportedMediaType(contentType, STRATEGIC, MERGE, JSON);
    }
  }
}
