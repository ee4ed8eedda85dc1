package io.kubee.apiserver.handlers;

import io.kubee.api.codec.Format;
import io.kubee.api.errors.Errors;
import java.util.Locale;

/**
 * Chooses the response encoding from the Accept header. JSON unless YAML is preferred; clients
 * that ask for protobuf first (kubectl, client-go) list JSON too and get it.
 */
public final class Negotiation {
  static final String EVENT_STREAM = "text/event-stream";

  private Negotiation() {}

  /** @throws io.kubee.api.errors.ApiException 406 when nothing acceptable is offered */
  public static Format responseFormat(String accept) {
    if (accept == null || accept.isBlank()) {
      return Format.JSON;
    }
    Format best = null;
    double bestQuality = -1;
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double quality = quality(parts);
      Format format = switch (type) {
        case "application/json", "application/*", "*/*", "application/json-seq",
            "application/vnd.kubernetes.protobuf", EVENT_STREAM -> Format.JSON;
        case "application/yaml", "application/x-yaml", "text/yaml" -> Format.YAML;
        default -> null;
      };
      if (format != null && quality > bestQuality && quality > 0) {
        best = format;
        bestQuality = quality;
      }
    }
    if (best == null) {
      throw Errors.notAcceptable("only the following media types are accepted: "
          + "application/json, application/yaml, application/vnd.kubernetes.protobuf");
    }
    return best;
  }

  /** Whether the client asks for Server-Sent Events. */
  public static boolean wantsEventStream(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM);
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
