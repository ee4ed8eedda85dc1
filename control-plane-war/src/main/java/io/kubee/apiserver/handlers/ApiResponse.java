package io.kubee.apiserver.handlers;

import io.kubee.api.codec.Format;
import io.kubee.storage.Watch;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the API answers: an object, a stream of watch events, a byte stream from elsewhere
 * (pods/log, proxy), or the target of a connection that needs a protocol upgrade (exec,
 * attach, portforward).
 */
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

  /**
   * Bytes produced elsewhere and copied to the client as they come (a container log from the
   * node agent, a proxied response): {@code body} writes them, flushing as it goes.
   *
   * @param headers extra response headers
   */
  record Stream(int status, String mediaType, Map<String, String> headers, Body body)
      implements ApiResponse {
    /** Writes the stream to the client; throws IOException when the client goes away. */
    @FunctionalInterface
    public interface Body {
      void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }
  }

  /**
   * A connection that only a protocol upgrade can carry (exec, attach, portforward over
   * WebSocket): the node agent URL to bridge to. Over plain HTTP it is a 400 "Upgrade request
   * required", as in Kubernetes.
   *
   * @param target    the node agent's {@code wss://} URL, query included
   * @param protocols the channel protocols the node agent speaks for it, preferred first
   */
  record Upgrade(java.net.URI target, java.util.List<String> protocols) implements ApiResponse {}

  /** The wire formats of a watch (DESIGN.md, "Watch wire formats"). */
  enum WatchEncoding {
    /** Kubernetes: chunked, one JSON WatchEvent per line. */
    JSON_LINES,
    /** Server-Sent Events: id = resourceVersion, event = type, data = object. */
    SSE
  }
}
