package io.kubee.node.server;

import io.kubee.node.streaming.WsSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.atomic.AtomicBoolean;

/** A server-side WebSocket on a Netty channel, in Kubernetes' channel framing. */
final class NettyWsSession implements WsSession {
  private final Channel channel;
  private final AtomicBoolean closed = new AtomicBoolean();

  NettyWsSession(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void send(int channelNumber, ByteBuf payload) {
    if (closed.get()) {
      payload.release();
      return;
    }
    ByteBuf frame = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(new byte[] {(byte) channelNumber}),
        payload);
    channel.writeAndFlush(new BinaryWebSocketFrame(frame));
  }

  @Override
  public void close(int code, String reason) {
    if (closed.compareAndSet(false, true)) {
      channel.writeAndFlush(new CloseWebSocketFrame(code, reason))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
