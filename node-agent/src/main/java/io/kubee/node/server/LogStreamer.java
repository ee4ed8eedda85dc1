package io.kubee.node.server;

import io.kubee.node.logs.CriLogs;
import io.kubee.node.logs.LogOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Streams a container log as a chunked {@code text/plain} response, on a thread of its own
 * (following a file blocks): each flush is one chunk; a client that goes away ends the stream.
 */
final class LogStreamer {
  private LogStreamer() {}

  static void stream(ChannelHandlerContext ctx, FullHttpRequest request, ExecutorService blocking,
      Path file, LogOptions options, BooleanSupplier running) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    ctx.writeAndFlush(head);
    blocking.execute(() -> {
      ChunkStream out = new ChunkStream(ctx);
      try {
        CriLogs.write(file, options, out, out::flush, running);
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      } catch (IOException e) {
        ctx.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ctx.close();
      }
    });
  }

  /** Buffers writes; each flush becomes one HTTP chunk. Fails once the client is gone. */
  private static final class ChunkStream extends OutputStream {
    private final ChannelHandlerContext ctx;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);

    ChunkStream(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void write(int b) throws IOException {
      check();
      buffer.write(b);
      if (buffer.size() >= 32 * 1024) {
        flush();
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check();
      buffer.write(b, off, len);
      if (buffer.size() >= 32 * 1024) {
        flush();
      }
    }

    @Override
    public void flush() throws IOException {
      check();
      if (buffer.size() == 0) {
        return;
      }
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(buffer.toByteArray())))
          .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      buffer.reset();
    }

    private void check() throws IOException {
      if (!ctx.channel().isActive()) {
        throw new IOException("the client went away");
      }
    }
  }
}
