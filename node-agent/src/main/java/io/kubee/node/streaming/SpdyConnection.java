package io.kubee.node.streaming;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SPDY/3.1 client session to the runtime's streaming server (the URL CRI Exec, Attach and
 * PortForward return), as Kubernetes' {@code httpstream/spdy} client opens it: an HTTP
 * {@code Upgrade: SPDY/3.1} request naming the stream protocol, then streams we create with
 * headers ({@code streamType}, {@code port}, {@code requestID}). Unlike the WebSocket variant,
 * SPDY can half-close a stream, which is how stdin reaches end-of-file (CRI.md, streaming).
 * No WINDOW_UPDATE is sent, as Kubernetes' own client (moby/spdystream) sends none: the CRI
 * streaming servers use spdystream, which does no flow control, and an update still in flight
 * when the server closes the connection after the exit status makes its socket answer with a
 * reset that discards whatever we had not read yet — the end of the output and the status
 * (seen here: large outputs cut short, and the first exec after a start losing its exit code).
 */
public final class SpdyConnection implements AutoCloseable {
  private final Channel channel;
  private final Map<Integer, SpdyStream> streams = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private SpdyConnection(Channel channel) {
    this.channel = channel;
  }

  /**
   * Connects and upgrades.
   *
   * @param protocols the {@code X-Stream-Protocol-Version} values we speak, preferred first
   */
  public static CompletableFuture<SpdyConnection> connect(EventLoopGroup group, URI url,
      List<String> protocols) {
    CompletableFuture<SpdyConnection> result = new CompletableFuture<>();
    Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            SpdyConnection connection = new SpdyConnection(ch);
            ch.pipeline().addLast("upgrade", new UpgradeResponseDecoder(() -> {
              ch.pipeline().addAfter("upgrade", "spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
              ch.pipeline().addAfter("spdy", "session", connection.new Frames());
              result.complete(connection);
            }, result));
            ch.closeFuture().addListener(f -> connection.onClosed());
          }
        });
    int port = url.getPort() > 0 ? url.getPort() : 80;
    ChannelFuture connect = bootstrap.connect(url.getHost(), port);
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(f.cause());
        return;
      }
      StringBuilder request = new StringBuilder()
          .append("POST ").append(url.getRawPath())
          .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
          .append(" HTTP/1.1\r\n")
          .append("Host: ").append(url.getHost()).append(':').append(port).append("\r\n")
          .append("Connection: Upgrade\r\n")
          .append("Upgrade: SPDY/3.1\r\n");
      for (String protocol : protocols) {
        request.append("X-Stream-Protocol-Version: ").append(protocol).append("\r\n");
      }
      request.append("Content-Length: 0\r\n\r\n");
      connect.channel().writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
    });
    return result;
  }

  Channel channel() {
    return channel;
  }

  /** Opens a stream with these headers (names are sent lower-case, as SPDY/3 wants). */
  public SpdyStream open(Map<String, String> headers) {
    int id = nextId.getAndAdd(2);
    SpdyStream stream = new SpdyStream(this, id);
    streams.put(id, stream);
    DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
    headers.forEach((k, v) -> syn.headers().set(k.toLowerCase(java.util.Locale.ROOT), v));
    channel.writeAndFlush(syn);
    return stream;
  }

  /** Completes when the connection is gone (the server closes it after the command ended). */
  public CompletableFuture<Void> closeFuture() {
    return closed;
  }

  private void onClosed() {
    for (SpdyStream s : streams.values()) {
      s.remoteReset();
    }
    streams.clear();
    closed.complete(null);
  }

  @Override
  public void close() {
    channel.close();
  }

  /** Frames from the server. */
  private final class Frames extends SimpleChannelInboundHandler<Object> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object frame) {
      if (frame instanceof SpdyDataFrame data) {
        SpdyStream stream = streams.get(data.streamId());
        if (stream == null) {
          return;
        }
        stream.data(data.content().retain(), data.isLast());
        if (data.isLast()) {
          streams.remove(data.streamId());
        }
      } else if (frame instanceof SpdyRstStreamFrame rst) {
        SpdyStream stream = streams.remove(rst.streamId());
        if (stream != null) {
          stream.remoteReset();
        }
      } else if (frame instanceof SpdyPingFrame ping) {
        // a ping the server started (even id) is answered with the same frame
        if (ping.id() % 2 == 0) {
          ctx.writeAndFlush(ping);
        }
      } else if (frame instanceof SpdyGoAwayFrame) {
        ctx.close();
      }
      // SYN_REPLY, SETTINGS, HEADERS, WINDOW_UPDATE: nothing to do
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
