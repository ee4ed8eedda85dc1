package io.kubee.apiserver.websocket;

import io.kubee.apiserver.kubelet.KubeletClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kubectl port-forward's tunnel ({@code SPDY/3.1+portforward.k8s.io}: SPDY/3.1 frames carried
 * in WebSocket binary messages; Kubernetes' {@code portforward/tunneling_connection.go} and
 * {@code portforward/spdy.go} on the server side). kubectl opens two streams per local
 * connection — {@code streamType: error} then {@code data}, with the same {@code requestID} and
 * the {@code port} — and each pair becomes one WebSocket ({@code v4.channel.k8s.io}) to the node
 * agent's portForward for that port: data both ways on channel 0, errors from channel 1 onto the
 * error stream. The SPDY framing (with its zlib-compressed header blocks) is Netty's codec on an
 * embedded channel.
 */
final class SpdyPortForward {
  private static final Logger LOG = LoggerFactory.getLogger(SpdyPortForward.class);

  /** One forwarded connection: kubectl's two streams and the node agent's WebSocket. */
  private final class Connection {
    int errorStream;
    int dataStream;
    int port;
    CompletableFuture<WebSocket> upstream;
  }

  private final Session client;
  private final URI target;
  private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final Map<String, Connection> byRequest = new HashMap<>();
  private final Map<Integer, Connection> byStream = new HashMap<>();
  private boolean closed;

  SpdyPortForward(Session client, URI target) {
    this.client = client;
    this.target = target;
  }

  /** Bytes of the SPDY session from kubectl (frames may span messages). */
  synchronized void fromClient(ByteBuffer bytes) {
    if (closed) {
      return;
    }
    codec.writeInbound(Unpooled.copiedBuffer(bytes));
    Object frame;
    while ((frame = codec.readInbound()) != null) {
      try {
        handle(frame);
      } finally {
        io.netty.util.ReferenceCountUtil.release(frame);
      }
    }
  }

  private void handle(Object frame) {
    if (frame instanceof SpdySynStreamFrame syn) {
      String type = syn.headers().getAsString("streamtype");
      String request = syn.headers().getAsString("requestid");
      String port = syn.headers().getAsString("port");
      // Netty writes no header block at all for an empty one, which Go's SPDY framer refuses:
      // the reply repeats the stream's own headers (the client ignores reply headers)
      DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
      syn.headers().forEach(h -> reply.headers().add(h.getKey(), h.getValue()));
      send(reply);
      if (request == null || port == null) {
        send(new DefaultSpdyRstStreamFrame(syn.streamId(), SpdyStreamStatus.PROTOCOL_ERROR));
        return;
      }
      Connection c = byRequest.computeIfAbsent(request, k -> new Connection());
      byStream.put(syn.streamId(), c);
      c.port = Integer.parseInt(port);
      if ("error".equals(type)) {
        c.errorStream = syn.streamId();
      } else if ("data".equals(type)) {
        c.dataStream = syn.streamId();
        open(c);
      }
    } else if (frame instanceof SpdyDataFrame data) {
      Connection c = byStream.get(data.streamId());
      if (c != null && data.streamId() == c.dataStream && c.upstream != null
          && data.content().isReadable()) {
        ByteBuffer message = ByteBuffer.allocate(data.content().readableBytes() + 1);
        message.put((byte) 0);
        data.content().readBytes(message);
        message.flip();
        c.upstream = c.upstream.thenCompose(ws -> ws.sendBinary(message, true));
      }
      // kubectl half-closes its data stream when its local reader ends: the answer may still
      // be on its way, so the node agent's side stays open until the pod closes
    } else if (frame instanceof SpdyRstStreamFrame rst) {
      Connection c = byStream.get(rst.streamId());
      if (c != null) {
        forget(c);
      }
    } else if (frame instanceof SpdyPingFrame ping) {
      send(ping);
    } else if (frame instanceof SpdyGoAwayFrame) {
      close();
    }
  }

  private void open(Connection c) {
    URI uri = URI.create(target.toString() + (target.getRawQuery() == null ? "?" : "&")
        + "port=" + c.port);
    c.upstream = KubeletClient.http().newWebSocketBuilder()
        .subprotocols("v4.channel.k8s.io").connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, new Upstream(c));
    c.upstream.whenComplete((ws, failure) -> {
      if (failure != null) {
        synchronized (this) {
          if (c.errorStream != 0) {
            data(c.errorStream, ("cannot reach the node agent: " + failure.getMessage())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
          }
          data(c.dataStream, new byte[0], true);
          forget(c);
        }
      }
    });
  }

  private synchronized void fromUpstream(Connection c, byte[] message) {
    if (message.length == 0) {
      return;
    }
    int channel = message[0] & 0xff;
    byte[] payload = java.util.Arrays.copyOfRange(message, 1, message.length);
    int stream = channel == 0 ? c.dataStream : c.errorStream;
    if (stream != 0 && payload.length > 0) {
      data(stream, payload, false);
    }
  }

  private synchronized void upstreamClosed(Connection c) {
    if (byStream.containsKey(c.dataStream)) {
      data(c.dataStream, new byte[0], true);
      if (c.errorStream != 0) {
        data(c.errorStream, new byte[0], true);
      }
      forget(c);
    }
  }

  private void data(int stream, byte[] bytes, boolean last) {
    DefaultSpdyDataFrame frame = new DefaultSpdyDataFrame(stream, Unpooled.wrappedBuffer(bytes));
    frame.setLast(last);
    send(frame);
  }

  /** Encodes a frame and sends its bytes to kubectl. */
  private void send(Object frame) {
    if (closed) {
      io.netty.util.ReferenceCountUtil.release(frame);
      return;
    }
    codec.writeOutbound(frame);
    ByteBuf out;
    while ((out = codec.readOutbound()) != null) {
      try {
        ByteBuffer message = ByteBuffer.allocate(out.readableBytes());
        out.readBytes(message);
        message.flip();
        synchronized (client) {
          client.getBasicRemote().sendBinary(message);
        }
      } catch (IOException | IllegalStateException e) {
        LOG.debug("port-forward client gone: {}", e.toString());
        closed = true;
      } finally {
        out.release();
      }
    }
  }

  private void forget(Connection c) {
    byStream.remove(c.dataStream);
    byStream.remove(c.errorStream);
    byRequest.values().remove(c);
    if (c.upstream != null) {
      c.upstream.thenAccept(WebSocket::abort);
    }
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Connection c : byRequest.values()) {
      if (c.upstream != null) {
        c.upstream.thenAccept(WebSocket::abort);
      }
    }
    byRequest.clear();
    byStream.clear();
    codec.finishAndReleaseAll();
    try {
      if (client.isOpen()) {
        client.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
      }
    } catch (IOException e) {
      // gone
    }
  }

  /** The node agent's side of one forwarded connection. */
  private final class Upstream implements WebSocket.Listener {
    private final Connection connection;
    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
    // each channel's first message is the port number (2 bytes) the node agent starts with
    private final boolean[] prefixSeen = new boolean[2];

    Upstream(Connection connection) {
      this.connection = connection;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      partial.write(chunk, 0, chunk.length);
      if (last) {
        byte[] message = partial.toByteArray();
        partial.reset();
        int channel = message.length > 0 ? message[0] & 0xff : -1;
        if (channel == 0 || channel == 1) {
          if (!prefixSeen[channel]) {
            prefixSeen[channel] = true;
            // drop the 2-byte port; anything after it is data
            message = message.length > 3 ? concat(channel, message, 3) : new byte[0];
          }
          fromUpstream(connection, message);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      upstreamClosed(connection);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      upstreamClosed(connection);
    }

    private static byte[] concat(int channel, byte[] message, int from) {
      byte[] out = new byte[message.length - from + 1];
      out[0] = (byte) channel;
      System.arraycopy(message, from, out, 1, message.length - from);
      return out;
    }
  }
}
