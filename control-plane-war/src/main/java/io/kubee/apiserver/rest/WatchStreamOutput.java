package io.kubee.apiserver.rest;

import io.kubee.apiserver.handlers.ApiResponse;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes a watch to the client on the request's thread until the client leaves, the watch ends
 * or its timeout passes; events already queued are written together and flushed once.
 *
 * <p>Encodings (DESIGN.md): Kubernetes' JSON lines ({@code {"type":..,"object":..}\n}) or
 * Server-Sent Events ({@code id:} resourceVersion, {@code event:} type, {@code data:} object).
 * SSE streams carry a comment every {@value #SSE_HEARTBEAT_SECONDS} s when idle, so proxies
 * keep them open and a vanished client is noticed.
 */
final class WatchStreamOutput implements StreamingOutput {
  static final int SSE_HEARTBEAT_SECONDS = 15;
  private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OBJECT_PREFIX = "\",\"object\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LINE_END = "}\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SSE_HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

  private final ApiResponse.WatchStream stream;

  private WatchStreamOutput(ApiResponse.WatchStream stream) {
    this.stream = stream;
  }

  static Response response(ApiResponse.WatchStream stream) {
    boolean sse = stream.encoding() == ApiResponse.WatchEncoding.SSE;
    return Response.ok(new WatchStreamOutput(stream))
        .type(sse ? "text/event-stream" : "application/json")
        .header("Cache-Control", "no-cache, private")
        .header("X-Accel-Buffering", "no")
        .build();
  }

  @Override
  public void write(OutputStream out) throws IOException {
    boolean sse = stream.encoding() == ApiResponse.WatchEncoding.SSE;
    long deadline = System.nanoTime() + stream.timeout().toNanos();
    try (Watch watch = stream.watch()) {
      if (sse) {
        out.write(SSE_HEARTBEAT);
      }
      out.flush(); // commit the headers now: the client knows the watch is established
      while (true) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return;
        }
        Duration wait = Duration.ofNanos(Math.min(remaining,
            Duration.ofSeconds(SSE_HEARTBEAT_SECONDS).toNanos()));
        WatchEvent event = watch.next(wait);
        if (event == null) {
          if (watch.isDone()) {
            return;
          }
          if (sse) {
            out.write(SSE_HEARTBEAT);
            out.flush();
          }
          continue;
        }
        // write what is queued, then flush once
        do {
          write(out, event, sse);
          if (event.type() == WatchEvent.Type.ERROR) {
            out.flush();
            return;
          }
          event = watch.next(Duration.ZERO);
        } while (event != null);
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void write(OutputStream out, WatchEvent event, boolean sse) throws IOException {
    if (sse) {
      StringBuilder head = new StringBuilder(48);
      if (event.resourceVersion() > 0) {
        head.append("id: ").append(event.resourceVersion()).append('\n');
      }
      head.append("event: ").append(event.type().name()).append("\ndata: ");
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(event.objectJson());
      out.write('\n');
      out.write('\n');
    } else {
      out.write(TYPE_PREFIX);
      out.write(event.type().name().getBytes(StandardCharsets.US_ASCII));
      out.write(OBJECT_PREFIX);
      out.write(event.objectJson());
      out.write(LINE_END);
    }
  }
}
