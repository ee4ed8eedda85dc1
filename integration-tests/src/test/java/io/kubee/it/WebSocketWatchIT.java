package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Watches over WebSocket, as the fabric8 client opens them: one WatchEvent per text message. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WebSocketWatchIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  /** Collects text messages, and a marker when the server closes. */
  static final class Messages implements WebSocket.Listener {
    static final String CLOSED = "\u0000closed";
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      received.add(CLOSED);
      return null;
    }

    JsonNode next() throws InterruptedException {
      String message = received.poll(10, TimeUnit.SECONDS);
      assertThat(message).as("a message").isNotNull().isNotEqualTo(CLOSED);
      return Http.JSON.readTree(message);
    }
  }

  @Test
  void eventsArriveAsTextMessages() throws Exception {
    String rv = Http.get("/api/v1/namespaces/default/configmaps").text("/metadata/resourceVersion");
    Messages messages = new Messages();
    WebSocket socket = connect("/api/v1/namespaces/default/configmaps?watch=true"
        + "&resourceVersion=" + rv, messages);
    try {
      Http.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"ws-1\"}}",
          "application/json");
      Http.delete("/api/v1/namespaces/default/configmaps/ws-1");
      JsonNode added = messages.next();
      JsonNode deleted = messages.next();
      assertThat(added.path("type").asString()).isEqualTo("ADDED");
      assertThat(added.at("/object/metadata/name").asString()).isEqualTo("ws-1");
      assertThat(deleted.path("type").asString()).isEqualTo("DELETED");
    } finally {
      socket.abort();
    }
  }

  @Test
  void aFailingWatchSendsItsStatusAndCloses() throws Exception {
    Messages messages = new Messages();
    connect("/api/v1/namespaces/default/gizmos?watch=true", messages);
    JsonNode error = messages.next();
    assertThat(error.path("type").asString()).isEqualTo("ERROR");
    assertThat(error.at("/object/code").asInt()).isEqualTo(404);
    assertThat(messages.received.poll(10, TimeUnit.SECONDS)).isEqualTo(Messages.CLOSED);
  }

  @Test
  void plainRequestsToTheSamePathsStillReachTheRestApi() {
    assertThat(Http.get("/api/v1/namespaces/default/configmaps").code()).isEqualTo(200);
    assertThat(Http.get("/apis/apps/v1/deployments").code()).isEqualTo(200);
  }

  private static WebSocket connect(String path, Messages listener) throws Exception {
    URI uri = URI.create(Cluster.apiBase().toString().replaceFirst("^http", "ws") + path);
    return Http.client().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, listener)
        .get(10, TimeUnit.SECONDS);
  }
}
