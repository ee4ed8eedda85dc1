package io.kubee.apiserver.handlers;

import io.kubee.api.codec.Format;
import io.kubee.storage.Watch;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the API answers: an object, or a stream of watch events. */
public sealed interface ApiResponse {

  /**
   * @param mediaType the Content-Type
   * @param headers   extra response headers (e.g. Warning)
   */
  record Entity(int status, JsonNode body, Format format, String mediaType,
      Map<String, String> headers) implements ApiResponse {
    public Entity(int status, JsonNode body, Format format) {
      this(status, body, format, format.mediaType(), Map.of());
    }

    /** The same answer with another Content-Type (aggregated discovery needs its own). */
    public Entity withMediaType(String type) {
      return new Entity(status, body, format, type, headers);
    }

    /** The same answer with one more header. */
    public Entity withHeader(String name, String value) {
      Map<String, String> all = new java.util.LinkedHashMap<>(headers);
      all.merge(name, value, (a, b) -> a + ", " + b);
      return new Entity(status, body, format, mediaType, all);
    }
  }

  /**
   * @param encoding how events go on the wire
   * @param timeout  when the server ends the stream
   */
  record WatchStream(Watch watch, WatchEncoding encoding, Duration timeout) implements ApiResponse {}

  /** The wire formats of a watch (DESIGN.md, "Watch wire formats"). */
  enum WatchEncoding {
    /** Kubernetes: chunked, one JSON WatchEvent per line. */
    JSON_LINES,
    /** Server-Sent Events: id = resourceVersion, event = type, data = object. */
    SSE
  }
}
