package io.kubee.node.streaming;

import io.netty.buffer.ByteBuf;

/**
 * The client's side of a streaming session as the bridges see it: a WebSocket speaking
 * Kubernetes' channel protocol (each binary message starts with its channel byte).
 */
public interface WsSession {
  /** Sends {@code payload} on {@code channel} (taking ownership of it). */
  void send(int channel, ByteBuf payload);

  /** Closes the WebSocket with this status code. */
  void close(int code, String reason);
}
