package io.kubee.apiserver.websocket;

import io.kubee.apiserver.kubelet.KubeletClient;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a client's WebSocket to the node agent's, message for message and in order, both
 * speaking the same channel protocol (v5 or v4): stdin, resize and v5's close-stdin go up;
 * stdout, stderr and the exit Status come down; either side's close closes the other. Messages
 * from the client that arrive before the node agent answered wait for it.
 */
final class KubeletBridge {
  private static final Logger LOG = LoggerFactory.getLogger(KubeletBridge.class);

  private final Session client;
  private final URI target;
  private final String protocol;
  private CompletableFuture<WebSocket> upstream;
  private volatile boolean closed;

  KubeletBridge(Session client, URI target, String protocol) {
    this.client = client;
    this.target = target;
    this.protocol = protocol;
  }

  synchronized void connect() {
    upstream = KubeletClient.http().newWebSocketBuilder()
        .subprotocols(protocol)
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(target, new Listener())
        .whenComplete((ws, failure) -> {
          if (failure != null) {
            LOG.debug("cannot reach the node agent at {}: {}", target, failure.toString());
            PodStreamEndpoint.fail(client, protocol, io.kubee.api.errors.Errors
                .serviceUnavailable("cannot reach the node agent: " + failure.getMessage()));
          }
        });
  }

  /** A whole binary message from the client: sent up after everything before it. */
  synchronized void fromClient(ByteBuffer message) {
    if (closed) {
      return;
    }
    ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
    upstream = upstream.thenCompose(ws -> ws.sendBinary(copy, true));
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (upstream != null) {
      upstream.thenAccept(ws -> {
        if (!ws.isOutputClosed()) {
          ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        ws.abort();
      });
    }
  }

  /** The node agent's messages, re-assembled and sent to the client one by one. */
  private final class Listener implements WebSocket.Listener {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      partial.write(chunk, 0, chunk.length);
      if (last) {
        byte[] message = partial.toByteArray();
        partial.reset();
        try {
          synchronized (client) {
            client.getBasicRemote().sendBinary(ByteBuffer.wrap(message));
          }
        } catch (IOException | IllegalStateException e) {
          LOG.warn("cannot pass a node agent message to the client: {}", e.toString());
          close();
          return null;
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      try {
        if (client.isOpen()) {
          // 1005 and 1006 only report what happened: they are never sent
          int code = statusCode == 1005 || statusCode == 1006 ? 1000 : statusCode;
          client.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code),
              PodStreamEndpoint.truncate(reason)));
        }
      } catch (IOException | IllegalArgumentException e) {
        // the client left first
      }
      closed = true;
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      LOG.debug("node agent stream failed: {}", error.toString());
      try {
        if (client.isOpen()) {
          client.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
              PodStreamEndpoint.truncate(new String(
                  String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8),
                  StandardCharsets.UTF_8))));
        }
      } catch (IOException e) {
        // gone
      }
    }
  }
}
