package io.kubee.node.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the HTTP answer to an upgrade request byte by byte up to its blank line, and on
 * {@code 101 Switching Protocols} replaces itself with the next protocol's handlers. Being a
 * ByteToMessageDecoder, it hands whatever followed the answer in the same read (the server's
 * first SPDY frames) to them when removed.
 */
final class UpgradeResponseDecoder extends ByteToMessageDecoder {
  private static final int MAX_HEAD = 16 * 1024;

  private final Runnable onUpgraded;
  private final CompletableFuture<?> failure;

  /**
   * @param onUpgraded installs the next handlers (called on the event loop, before this
   *                   decoder leaves the pipeline)
   * @param failure    completed exceptionally when the server refuses
   */
  UpgradeResponseDecoder(Runnable onUpgraded, CompletableFuture<?> failure) {
    this.onUpgraded = onUpgraded;
    this.failure = failure;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int end = headEnd(in);
    if (end < 0) {
      if (in.readableBytes() > MAX_HEAD) {
        fail(ctx, "the upgrade answer is too long");
      }
      return;
    }
    String head = in.readCharSequence(end - in.readerIndex(), StandardCharsets.ISO_8859_1)
        .toString();
    in.skipBytes(4);
    String statusLine = head.split("\r\n", 2)[0];
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[1].equals("101")) {
      // the body (a Status) may follow; the status line says enough
      fail(ctx, "the streaming server refused the upgrade: " + statusLine);
      return;
    }
    onUpgraded.run();
    ctx.pipeline().remove(this);
  }

  private void fail(ChannelHandlerContext ctx, String message) {
    failure.completeExceptionally(new java.io.IOException(message));
    ctx.close();
  }

  private static int headEnd(ByteBuf in) {
    for (int i = in.readerIndex(); i + 3 < in.writerIndex(); i++) {
      if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
          && in.getByte(i + 3) == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    failure.completeExceptionally(new java.io.IOException(
        "the streaming server closed the connection before upgrading"));
    super.channelInactive(ctx);
  }
}
