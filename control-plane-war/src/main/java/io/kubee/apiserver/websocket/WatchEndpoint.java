package io.kubee.apiserver.websocket;

import io.kubee.api.codec.Codec;
import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.apiserver.ControlPlane;
import io.kubee.apiserver.handlers.ApiResponse;
import io.kubee.storage.WatchEvent;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch over WebSocket: one WatchEvent JSON per text message (DESIGN.md). The request goes
 * through the same pipeline as an HTTP watch; a request that fails there gets its Status as an
 * ERROR event and the socket closes. Events are written by a {@link WatchPump} thread until the
 * watch ends, its timeout passes or the client closes.
 */
public class WatchEndpoint extends Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger(WatchEndpoint.class);

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    ApiResponse response;
    try {
      // a WebSocket is a watch whatever the parameters say
      response = controlPlane().handler().handle(UpgradeRequests.of(session,
          Map.of("watch", List.of("true"))));
    } catch (ApiException e) {
      sendErrorAndClose(session, e);
      return;
    } catch (RuntimeException e) {
      LOG.error("unexpected failure opening a WebSocket watch", e);
      sendErrorAndClose(session, Errors.internalError(
          "an unexpected error occurred; the server log has the details"));
      return;
    }
    if (!(response instanceof ApiResponse.WatchStream stream)) {
      sendErrorAndClose(session, Errors.badRequest(
          "a WebSocket on this path must be a watch (watch=true)"));
      return;
    }
    WatchPump pump = new WatchPump(session, stream.watch(), stream.timeout());
    session.getUserProperties().put(WatchPump.class.getName(), pump);
    CDI.current().select(WatchPumps.class).get().start(pump);
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    Object pump = session.getUserProperties().get(WatchPump.class.getName());
    if (pump instanceof WatchPump watchPump) {
      watchPump.stop();
    }
  }

  @Override
  public void onError(Session session, Throwable failure) {
    onClose(session, null);
  }

  private static void sendErrorAndClose(Session session, ApiException error) {
    try {
      session.getBasicRemote().sendText(WatchPump.line(new WatchEvent(WatchEvent.Type.ERROR,
          Codec.INSTANCE.fromTyped(error.status()), 0)));
      session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "error"));
    } catch (IOException gone) {
      // the client left first
    }
  }

  private static ControlPlane controlPlane() {
    return CDI.current().select(ControlPlane.class).get();
  }

  /** How long the pump waits for an event before it looks at the socket again. */
  static final Duration POLL = Duration.ofSeconds(1);
}
