package io.kubee.node.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import java.util.function.Consumer;

/**
 * One stream of a {@link SpdyConnection}, opened by us (client side): what we write goes out
 * as DATA frames, {@link #closeWrite()} half-closes it (a DATA frame with FIN, which the
 * streaming server turns into end-of-input on the process's stdin).
 */
public final class SpdyStream {
  private final SpdyConnection connection;
  private final int id;
  private volatile Consumer<ByteBuf> onData = ByteBuf::release;
  private volatile Runnable onRemoteClose = () -> { };
  private volatile boolean localClosed;

  SpdyStream(SpdyConnection connection, int id) {
    this.connection = connection;
    this.id = id;
  }

  public int id() {
    return id;
  }

  /**
   * @param onData        receives each DATA payload (and must release it), on the event loop
   * @param onRemoteClose the server finished sending (FIN or reset)
   */
  public void listen(Consumer<ByteBuf> onData, Runnable onRemoteClose) {
    this.onData = onData;
    this.onRemoteClose = onRemoteClose;
  }

  /** Sends {@code data} (taking ownership of it). */
  public void write(ByteBuf data) {
    if (localClosed) {
      data.release();
      return;
    }
    connection.channel().writeAndFlush(new DefaultSpdyDataFrame(id, data));
  }

  /** Half-closes: no more data from us. Idempotent. */
  public void closeWrite() {
    if (localClosed) {
      return;
    }
    localClosed = true;
    DefaultSpdyDataFrame fin = new DefaultSpdyDataFrame(id, Unpooled.EMPTY_BUFFER);
    fin.setLast(true);
    connection.channel().writeAndFlush(fin);
  }

  public void reset() {
    localClosed = true;
    connection.channel().writeAndFlush(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.CANCEL));
  }

  void data(ByteBuf data, boolean last) {
    if (data.isReadable()) {
      onData.accept(data);
    } else {
      data.release();
    }
    if (last) {
      onRemoteClose.run();
    }
  }

  void remoteReset() {
    onRemoteClose.run();
  }
}
