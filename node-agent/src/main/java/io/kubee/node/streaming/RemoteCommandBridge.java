package io.kubee.node.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Joins a client's exec or attach WebSocket ({@code v4.channel.k8s.io} or
 * {@code v5.channel.k8s.io}) to a SPDY session with the runtime's streaming server (protocol
 * v4): stdin (channel 0) and resize (4) go up, stdout (1) and stderr (2) come down, and the
 * command's Status from the error stream goes out on channel 3 before the WebSocket closes
 * with 1000. A v5 client's close-stdin signal ({@code [255, 0]}) half-closes the stdin stream,
 * so {@code echo hi | kubectl exec -i pod -- cat} ends as it should (kubelet's
 * {@code remotecommand} server).
 */
public final class RemoteCommandBridge {
  static final int STDIN = 0;
  static final int STDOUT = 1;
  static final int STDERR = 2;
  static final int ERROR = 3;
  static final int RESIZE = 4;
  static final int CLOSE = 255;
  static final String NO_STATUS = "{\"metadata\":{},\"status\":\"Failure\",\"message\":"
      + "\"the container runtime's stream ended without the command's exit status\","
      + "\"reason\":\"InternalError\",\"code\":500}";

  private final WsSession ws;
  private final StreamOptions options;
  private final CompositeByteBuf status = Unpooled.compositeBuffer();
  private final AtomicBoolean finished = new AtomicBoolean();
  /** Streams the server has yet to close: error, and stdout/stderr when streamed. */
  private final java.util.concurrent.atomic.AtomicInteger open =
      new java.util.concurrent.atomic.AtomicInteger();
  private SpdyConnection spdy;
  private SpdyStream stdin;
  private SpdyStream resize;

  public RemoteCommandBridge(WsSession ws, StreamOptions options) {
    this.ws = ws;
    this.options = options;
  }

  /**
   * Opens the streams, in the order Kubernetes' client does: error first. The session ends
   * when the server closed the error stream and every output stream (their data travels
   * independently of the status, so the status waits for them, as client-go's v4 protocol
   * does), or the connection.
   */
  public void start(SpdyConnection connection) {
    this.spdy = connection;
    boolean stderr = options.stderr() && !options.tty();
    open.set(1 + (options.stdout() ? 1 : 0) + (stderr ? 1 : 0));
    SpdyStream error = connection.open(Map.of("streamType", "error"));
    error.listen(data -> {
      if (finished.get()) {
        data.release();
      } else {
        status.addComponent(true, data);
      }
    }, this::streamClosed);
    if (options.stdin()) {
      stdin = connection.open(Map.of("streamType", "stdin"));
    }
    if (options.stdout()) {
      connection.open(Map.of("streamType", "stdout")).listen(d -> ws.send(STDOUT, d),
          this::streamClosed);
    }
    if (stderr) {
      connection.open(Map.of("streamType", "stderr")).listen(d -> ws.send(STDERR, d),
          this::streamClosed);
    }
    if (options.tty()) {
      resize = connection.open(Map.of("streamType", "resize"));
    }
    connection.closeFuture().thenRun(this::finish);
    // the first message tells the client the session is up (wsstream's empty frame on the
    // lowest channel it writes to)
    ws.send(options.stdout() ? STDOUT : options.stderr() ? STDERR : ERROR, Unpooled.EMPTY_BUFFER);
  }

  /** A binary message from the client (taking ownership of it). */
  public void fromClient(ByteBuf message) {
    try {
      if (!message.isReadable()) {
        return;
      }
      int channel = message.readUnsignedByte();
      switch (channel) {
        case STDIN -> {
          if (stdin != null && message.isReadable()) {
            stdin.write(message.retain());
          }
        }
        case RESIZE -> {
          if (resize != null && message.isReadable()) {
            resize.write(message.retain());
          }
        }
        case CLOSE -> {
          if (message.isReadable() && message.readUnsignedByte() == STDIN && stdin != null) {
            stdin.closeWrite();
          }
        }
        default -> { }
      }
    } finally {
      message.release();
    }
  }

  /** The client went away: the session ends (a process it started keeps running, as in CRI). */
  public void clientClosed() {
    if (spdy != null) {
      spdy.close();
    }
    if (finished.compareAndSet(false, true)) {
      status.release();
    }
  }

  private void streamClosed() {
    if (open.decrementAndGet() == 0) {
      finish();
    }
  }

  private void finish() {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    String json = status.toString(StandardCharsets.UTF_8).trim();
    status.release();
    // v4 and v5 always end with a Status: without one the session was cut short, and success
    // must not be invented (kubectl would exit 0)
    ws.send(ERROR, Unpooled.copiedBuffer(json.isEmpty() ? NO_STATUS : json,
        StandardCharsets.UTF_8));
    ws.close(1000, "");
    if (spdy != null) {
      spdy.close();
    }
  }
}
