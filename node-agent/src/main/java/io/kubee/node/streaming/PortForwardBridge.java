package io.kubee.node.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Joins a client's port-forward WebSocket ({@code v4.channel.k8s.io}; kubelet's
 * {@code portforward/websocket.go}) to a SPDY session with the runtime's streaming server
 * (protocol {@code portforward.k8s.io}). For the i-th requested port, channel 2i carries data
 * and 2i+1 errors; each first carries the port number (2 bytes, little-endian). One WebSocket is
 * one TCP connection into the pod per port; it closes when the pod side closes.
 */
public final class PortForwardBridge {
  private final WsSession ws;
  private final List<Integer> ports;
  private final List<SpdyStream> data = new ArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicBoolean finished = new AtomicBoolean();
  private SpdyConnection spdy;

  public PortForwardBridge(WsSession ws, List<Integer> ports) {
    this.ws = ws;
    this.ports = ports;
  }

  public void start(SpdyConnection connection) {
    this.spdy = connection;
    for (int i = 0; i < ports.size(); i++) {
      int port = ports.get(i);
      ws.send(2 * i, portBytes(port));
      ws.send(2 * i + 1, portBytes(port));
    }
    for (int i = 0; i < ports.size(); i++) {
      int index = i;
      String port = Integer.toString(ports.get(i));
      SpdyStream error = connection.open(Map.of("streamType", "error", "port", port,
          "requestID", Integer.toString(i)));
      error.listen(d -> ws.send(2 * index + 1, d), () -> { });
      SpdyStream stream = connection.open(Map.of("streamType", "data", "port", port,
          "requestID", Integer.toString(i)));
      open.incrementAndGet();
      stream.listen(d -> ws.send(2 * index, d), () -> {
        if (open.decrementAndGet() == 0) {
          finish();
        }
      });
      data.add(stream);
    }
    connection.closeFuture().thenRun(this::finish);
  }

  /** A binary message from the client (taking ownership of it). */
  public void fromClient(ByteBuf message) {
    try {
      if (!message.isReadable()) {
        return;
      }
      int channel = message.readUnsignedByte();
      if (channel % 2 == 0 && channel / 2 < data.size() && message.isReadable()) {
        data.get(channel / 2).write(message.retain());
      }
    } finally {
      message.release();
    }
  }

  public void clientClosed() {
    finished.set(true);
    if (spdy != null) {
      spdy.close();
    }
  }

  private void finish() {
    if (finished.compareAndSet(false, true)) {
      ws.close(1000, "");
      if (spdy != null) {
        spdy.close();
      }
    }
  }

  static ByteBuf portBytes(int port) {
    return Unpooled.wrappedBuffer(new byte[] {(byte) (port & 0xff), (byte) ((port >> 8) & 0xff)});
  }
}
