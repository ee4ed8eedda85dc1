package io.kubee.apiserver.handlers;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.errors.Errors;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PATCH media types and how each applies to an object (Kubernetes'
 * {@code handlers/patch.go}): JSON merge patch (RFC 7386).
 */
final class Patches {
  static final String MERGE = "application/merge-patch+json";

  private Patches() {}

  /** A parsed patch that can be applied to successive versions of an object. */
  interface Patch {
    ObjectNode applyTo(ObjectNode current);

    /** Whether it is an RFC 6902 JSON patch (field validation words its findings otherwise). */
    default boolean isJsonPatch() {
      return false;
    }
  }

  /**
   * Parses the request's patch.
   *
   * @throws io.kubee.api.errors.ApiException 415 for a media type that is not a patch type, 400
   *     for a body that does not parse
   */
  static Patch parse(String contentType, byte[] body) {
    String type = contentType == null ? ""
        : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals(MERGE)) {
      throw Errors.unsupportedMediaType(contentType, MERGE);
    }
    ObjectNode patch = Codec.INSTANCE.parseObject(body, Format.JSON);
    return current -> {
      JsonNode patched = JsonMergePatch.apply(current, patch);
      if (!(patched instanceof ObjectNode object)) {
        throw Errors.badRequest("the patch does not produce an object");
      }
      return object;
    };
  }
}
