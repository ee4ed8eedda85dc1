package io.kubee.apiserver.websocket;

import io.kubee.api.codec.Codec;
import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.apiserver.ControlPlane;
import io.kubee.apiserver.handlers.ApiResponse;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pods/exec}, {@code pods/attach} and {@code pods/portforward} over WebSocket, as
 * kubectl ({@code v5.channel.k8s.io}, and {@code SPDY/3.1+portforward.k8s.io} for
 * port-forward) and fabric8 ({@code v4.channel.k8s.io}) open them. The request goes through the
 * API pipeline like any other (the pod, its container and its node are checked there); its
 * answer names the node agent's WebSocket, which this endpoint then joins to the client's —
 * {@link KubeletBridge} message for message, or {@link SpdyPortForward} for kubectl's SPDY
 * tunnel. A request that fails gets its Status on the error channel (3) before the close.
 */
public class PodStreamEndpoint extends Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger(PodStreamEndpoint.class);
  static final String SPDY_PORT_FORWARD = "SPDY/3.1+portforward.k8s.io";
  static final int MAX_MESSAGE = 1 << 20;

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    session.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
    session.setMaxIdleTimeout(0);
    String protocol = session.getNegotiatedSubprotocol();
    ApiResponse.Upgrade upgrade;
    try {
      ApiResponse response = controlPlane().handler().handle(UpgradeRequests.of(session, Map.of()));
      if (!(response instanceof ApiResponse.Upgrade u)) {
        throw Errors.badRequest("this path is not a streaming connection");
      }
      upgrade = u;
    } catch (ApiException e) {
      fail(session, protocol, e);
      return;
    } catch (RuntimeException e) {
      LOG.error("unexpected failure opening a pod stream", e);
      fail(session, protocol, Errors.internalError(
          "an unexpected error occurred; the server log has the details"));
      return;
    }
    if (SPDY_PORT_FORWARD.equals(protocol)) {
      SpdyPortForward tunnel = new SpdyPortForward(session, upgrade.target());
      session.getUserProperties().put(Closeable.class.getName(), (Closeable) tunnel::close);
      session.addMessageHandler(ByteBuffer.class, tunnel::fromClient);
      return;
    }
    String upstream = protocol == null || protocol.isEmpty()
        || !upgrade.protocols().contains(protocol) ? upgrade.protocols().get(0) : protocol;
    KubeletBridge bridge = new KubeletBridge(session, upgrade.target(), upstream);
    session.getUserProperties().put(Closeable.class.getName(), (Closeable) bridge::close);
    session.addMessageHandler(ByteBuffer.class,
        (MessageHandler.Whole<ByteBuffer>) bridge::fromClient);
    bridge.connect();
  }

  /** What to stop when the client goes. */
  interface Closeable {
    void close();
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    Object closeable = session.getUserProperties().get(Closeable.class.getName());
    if (closeable instanceof Closeable c) {
      c.close();
    }
  }

  @Override
  public void onError(Session session, Throwable failure) {
    onClose(session, null);
  }

  /** The Status on the error channel (3), then a normal close, as Kubernetes ends a failed stream. */
  static void fail(Session session, String protocol, ApiException error) {
    try {
      if (!SPDY_PORT_FORWARD.equals(protocol)) {
        byte[] status = Codec.INSTANCE.writeJson(Codec.INSTANCE.fromTyped(error.status()));
        ByteBuffer message = ByteBuffer.allocate(status.length + 1);
        message.put((byte) 3).put(status).flip();
        session.getBasicRemote().sendBinary(message);
      }
      session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE,
          truncate(error.getMessage())));
    } catch (IOException | IllegalStateException gone) {
      // the client left first
    }
  }

  /** Close reasons are limited to 123 bytes. */
  static String truncate(String reason) {
    if (reason == null) {
      return "";
    }
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    return bytes.length <= 120 ? reason : new String(bytes, 0, 120, StandardCharsets.UTF_8);
  }

  private static ControlPlane controlPlane() {
    return CDI.current().select(ControlPlane.class).get();
  }
}
