package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.it.Http.Reply;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Watches over HTTP on the deployed EAR in both encodings: Kubernetes' chunked JSON lines and
 * Server-Sent Events, with resume, bookmarks and timeouts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WatchStreamsIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  /** An SSE event as the stream carries it. */
  record SseEvent(String id, String type, JsonNode data) {}

  @Test
  void chunkedWatchStreamsEventsAsJsonLines() throws Exception {
    String rv = listVersion("/api/v1/namespaces/default/configmaps");
    try (StreamingResponse watch = StreamingResponse.open(request(
        "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + rv, null, null))) {
      assertThat(watch.code()).isEqualTo(200);
      assertThat(watch.header("Content-Type")).startsWith("application/json");
      create("configmaps", "line-1");
      Http.put("/api/v1/namespaces/default/configmaps/line-1",
          "{\"metadata\":{\"name\":\"line-1\"},\"data\":{\"a\":\"b\"}}");
      Http.delete("/api/v1/namespaces/default/configmaps/line-1");

      List<JsonNode> events = new ArrayList<>();
      while (events.size() < 3) {
        String line = watch.nextLine(WAIT);
        assertThat(line).as("event %d", events.size() + 1).isNotNull().isNotEqualTo(StreamingResponse.END);
        events.add(Http.JSON.readTree(line));
      }
      assertThat(events).extracting(e -> e.path("type").asString())
          .containsExactly("ADDED", "MODIFIED", "DELETED");
      assertThat(events.get(1).at("/object/data/a").asString()).isEqualTo("b");
      assertThat(events.get(2).at("/object/metadata/name").asString()).isEqualTo("line-1");
    }
  }

  @Test
  void chunkedWatchEndsAtItsTimeoutAndSendsBookmarks() throws Exception {
    String rv = listVersion("/api/v1/namespaces/default/secrets");
    long start = System.nanoTime();
    try (StreamingResponse watch = StreamingResponse.open(request(
        "/api/v1/namespaces/default/secrets?watch=true&allowWatchBookmarks=true&timeoutSeconds=5"
            + "&resourceVersion=" + rv, null, null))) {
      List<JsonNode> bookmarks = new ArrayList<>();
      String line;
      while ((line = watch.nextLine(Duration.ofSeconds(15))) != null
          && !line.equals(StreamingResponse.END)) {
        JsonNode event = Http.JSON.readTree(line);
        if (event.path("type").asString().equals("BOOKMARK")) {
          bookmarks.add(event);
        }
      }
      assertThat(line).as("the server ended the stream").isEqualTo(StreamingResponse.END);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(
          Duration.ofSeconds(4), Duration.ofSeconds(15));
      // the test server sends bookmarks every 2 s (arquillian.xml)
      assertThat(bookmarks).isNotEmpty();
      JsonNode bookmark = bookmarks.get(0).path("object");
      assertThat(bookmark.path("kind").asString()).isEqualTo("Secret");
      assertThat(bookmark.path("apiVersion").asString()).isEqualTo("v1");
      assertThat(Long.parseLong(bookmark.at("/metadata/resourceVersion").asString()))
          .isGreaterThanOrEqualTo(Long.parseLong(rv));
    }
  }

  @Test
  void serverSentEventsResumeWithLastEventIdWithoutLossOrRepeat() throws Exception {
    String rv = listVersion("/api/v1/namespaces/default/serviceaccounts");
    List<String> seen = new ArrayList<>();
    String lastId;
    try (StreamingResponse stream = StreamingResponse.open(request(
        "/api/v1/namespaces/default/serviceaccounts?resourceVersion=" + rv,
        "text/event-stream", null))) {
      assertThat(stream.code()).isEqualTo(200);
      assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
      for (int i = 1; i <= 5; i++) {
        create("serviceaccounts", "sa-" + i);
      }
      SseEvent first = nextEvent(stream);
      SseEvent second = nextEvent(stream);
      seen.add(first.data().at("/metadata/name").asString());
      seen.add(second.data().at("/metadata/name").asString());
      assertThat(first.type()).isEqualTo("ADDED");
      assertThat(second.id()).isEqualTo(second.data().at("/metadata/resourceVersion").asString());
      lastId = second.id();
    } // the client goes away after two of five events
    for (int i = 6; i <= 8; i++) {
      create("serviceaccounts", "sa-" + i);
    }
    try (StreamingResponse resumed = StreamingResponse.open(request(
        "/api/v1/namespaces/default/serviceaccounts", "text/event-stream", lastId))) {
      for (int i = 0; i < 6; i++) {
        seen.add(nextEvent(resumed).data().at("/metadata/name").asString());
      }
      assertThat(seen).containsExactly("sa-1", "sa-2", "sa-3", "sa-4", "sa-5", "sa-6", "sa-7",
          "sa-8");
      assertThat(resumed.nextLine(Duration.ofMillis(500))).as("nothing repeated")
          .isIn(null, "", ":");
    }
  }

  @Test
  void aCompactedResourceVersionIsAnExpiredErrorEvent() throws Exception {
    String old = listVersion("/api/v1/namespaces/default/endpoints");
    create("endpoints", "ep-1");
    create("endpoints", "ep-2");
    Etcd.compactToCurrent(Cluster.etcdEndpoint());
    try (StreamingResponse watch = StreamingResponse.open(request(
        "/api/v1/namespaces/default/endpoints?watch=true&resourceVersion=" + old, null, null))) {
      assertThat(watch.code()).isEqualTo(200);
      String line = watch.nextLine(WAIT);
      assertThat(line).isNotNull().isNotEqualTo(StreamingResponse.END);
      JsonNode event = Http.JSON.readTree(line);
      assertThat(event.path("type").asString()).isEqualTo("ERROR");
      assertThat(event.at("/object/kind").asString()).isEqualTo("Status");
      assertThat(event.at("/object/code").asInt()).isEqualTo(410);
      assertThat(event.at("/object/reason").asString()).isEqualTo("Expired");
      assertThat(event.at("/object/message").asString()).startsWith("too old resource version");
      assertThat(watch.nextLine(WAIT)).as("the stream ends").isEqualTo(StreamingResponse.END);
    }
  }

  private static SseEvent nextEvent(StreamingResponse stream) throws InterruptedException {
    String id = null;
    String type = null;
    String data = null;
    while (true) {
      String line = stream.nextLine(WAIT);
      assertThat(line).as("an SSE line").isNotNull().isNotEqualTo(StreamingResponse.END);
      if (line.isEmpty()) {
        if (data != null) {
          return new SseEvent(id, type, Http.JSON.readTree(data));
        }
        continue; // the end of a comment or of an id-only block
      }
      if (line.startsWith(":")) {
        continue;
      }
      if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      }
    }
  }

  private static HttpRequest request(String path, String accept, String lastEventId) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(Http.uri(path)).GET();
    if (accept != null) {
      builder.header("Accept", accept);
    }
    if (lastEventId != null) {
      builder.header("Last-Event-ID", lastEventId);
    }
    return builder.build();
  }

  private static String listVersion(String path) {
    return Http.get(path).text("/metadata/resourceVersion");
  }

  private static void create(String resource, String name) {
    Reply reply = Http.post("/api/v1/namespaces/default/" + resource,
        "{\"metadata\":{\"name\":\"" + name + "\"}}", "application/json");
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
  }
}
