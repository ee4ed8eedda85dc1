package io.kubee.node.server;

import io.kubee.node.streaming.SpdyConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Frames from the client of a streaming WebSocket: binary messages go to the bridge (held back
 * until the upstream session is up, so early stdin is not lost), pings are answered, a close is
 * echoed and ends the bridge.
 */
final class WsFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private final StreamingHandler.Bridge bridge;
  private final Queue<ByteBuf> early = new ArrayDeque<>();
  private boolean started;
  private boolean closed;

  WsFrameHandler(StreamingHandler.Bridge bridge) {
    this.bridge = bridge;
  }

  /** Called on the event loop once the upstream SPDY session exists. */
  void started(SpdyConnection spdy) {
    if (closed) {
      spdy.close();
      return;
    }
    bridge.start().accept(spdy);
    started = true;
    ByteBuf message;
    while ((message = early.poll()) != null) {
      bridge.fromClient().accept(message);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof BinaryWebSocketFrame) {
      ByteBuf content = frame.content().retain();
      if (started) {
        bridge.fromClient().accept(content);
      } else {
        early.add(content);
      }
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    } else if (frame instanceof CloseWebSocketFrame) {
      ctx.writeAndFlush(new CloseWebSocketFrame(1000, ""))
          .addListener(ChannelFutureListener.CLOSE);
      end();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    end();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void end() {
    if (closed) {
      return;
    }
    closed = true;
    ByteBuf message;
    while ((message = early.poll()) != null) {
      message.release();
    }
    bridge.clientClosed().run();
  }
}
