package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.NOW;
import static io.kubee.apiserver.printers.Fixtures.json;
import static io.kubee.apiserver.printers.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.registry.ResourceType;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Timeout(10)
class TableWatchTest {
  private static final ResourceType PODS = type("", "pods");

  private static ObjectNode pod(String name, String resourceVersion, String phase) {
    return json("""
        {"kind": "Pod", "apiVersion": "v1",
         "metadata": {"name": "%s", "namespace": "default", "resourceVersion": "%s",
           "creationTimestamp": "<90s>"},
         "spec": {"containers": [{"name": "a"}]},
         "status": {"phase": "%s"}}
        """.formatted(name, resourceVersion, phase));
  }

  private static final ObjectNode BOOKMARK = json("""
      {"kind": "Pod", "apiVersion": "v1", "metadata": {"resourceVersion": "12"}}
      """);

  private static final ObjectNode EXPIRED = json("""
      {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
       "message": "too old resource version: 5 (12)", "reason": "Expired", "code": 410}
      """);

  /** A stream of events and what each Table carries. */
  record Case(String name, TableOptions options, List<WatchEvent> events,
      List<Boolean> wantHeaders) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> streams() {
    List<WatchEvent> events = List.of(
        new WatchEvent(WatchEvent.Type.ADDED, pod("web-1", "10", "Pending"), 10),
        new WatchEvent(WatchEvent.Type.MODIFIED, pod("web-1", "11", "Running"), 11),
        new WatchEvent(WatchEvent.Type.DELETED, pod("web-1", "13", "Running"), 13));
    return Stream.of(
        new Case("only the first event carries the column definitions",
            TableOptions.defaults(), events, List.of(true, false, false)),
        new Case("a bookmark first takes the column definitions with it",
            TableOptions.defaults(),
            List.of(new WatchEvent(WatchEvent.Type.BOOKMARK, BOOKMARK, 12), events.get(1)),
            List.of(true, false)),
        new Case("without headers no event carries them",
            TableOptions.defaults().withNoHeaders(true), events, List.of(false, false, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void sendsTheColumnsWithTheFirstEventOnly(Case c) throws InterruptedException {
    TableWatch watch = new TableWatch(new QueuedWatch(c.events()), Tables.convertor(PODS),
        c.options(), Fixtures.CLOCK);
    List<Boolean> headers = new ArrayList<>();
    for (WatchEvent original : c.events()) {
      WatchEvent event = watch.next(Duration.ZERO);
      assertThat(event.type()).isEqualTo(original.type());
      assertThat(event.resourceVersion()).isEqualTo(original.resourceVersion());
      assertThat(event.object().path("kind").asString()).isEqualTo("Table");
      JsonNode columns = event.object().get("columnDefinitions");
      assertThat(columns).isNotNull();
      headers.add(columns.isArray());
      if (columns.isArray()) {
        assertThat(columns).hasSize(9);
      }
    }
    assertThat(headers).isEqualTo(c.wantHeaders());
  }

  @Test
  void turnsEachObjectIntoAOneRowTable() throws InterruptedException {
    TableWatch watch = new TableWatch(new QueuedWatch(List.of(
        new WatchEvent(WatchEvent.Type.MODIFIED, pod("web-1", "11", "Running"), 11))),
        Tables.convertor(PODS), TableOptions.defaults(), Fixtures.CLOCK);
    ObjectNode table = watch.next(Duration.ZERO).object();
    assertThat(table.path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1");
    assertThat(table.path("metadata").path("resourceVersion").asString()).isEqualTo("11");
    assertThat(table.get("rows")).hasSize(1);
    assertThat(table.path("rows").path(0).path("cells").path(0).asString()).isEqualTo("web-1");
    assertThat(table.path("rows").path(0).path("cells").path(2).asString()).isEqualTo("Running");
    assertThat(table.path("rows").path(0).path("object").path("kind").asString())
        .isEqualTo("PartialObjectMetadata");
    assertThat(table.path("rows").path(0).path("object").path("metadata").path("namespace")
        .asString()).isEqualTo("default");
  }

  @Test
  void aBookmarkIsATableWithItsResourceVersionAndNoRow() throws InterruptedException {
    TableWatch watch = new TableWatch(new QueuedWatch(List.of(
        new WatchEvent(WatchEvent.Type.BOOKMARK, BOOKMARK, 12))),
        Tables.convertor(PODS), TableOptions.defaults(), Fixtures.CLOCK);
    ObjectNode table = watch.next(Duration.ZERO).object();
    assertThat(table.path("metadata").path("resourceVersion").asString()).isEqualTo("12");
    assertThat(table.get("rows")).isEmpty();
  }

  @Test
  void passesErrorsAndTimeoutsThrough() throws InterruptedException {
    WatchEvent error = new WatchEvent(WatchEvent.Type.ERROR, EXPIRED, 0);
    QueuedWatch delegate = new QueuedWatch(List.of(error));
    TableWatch watch = new TableWatch(delegate, Tables.convertor(PODS), TableOptions.defaults(),
        Fixtures.CLOCK);
    assertThat(watch.next(Duration.ZERO)).isSameAs(error);
    assertThat(watch.next(Duration.ZERO)).isNull();
    assertThat(watch.isDone()).isTrue();
    watch.close();
    assertThat(delegate.closed).isTrue();
  }

  @Test
  void computesAgesWhenEachEventIsTaken() throws InterruptedException {
    MovingClock clock = new MovingClock(NOW);
    TableWatch watch = new TableWatch(new QueuedWatch(List.of(
        new WatchEvent(WatchEvent.Type.ADDED, pod("a", "1", "Pending"), 1),
        new WatchEvent(WatchEvent.Type.MODIFIED, pod("a", "2", "Running"), 2))),
        Tables.convertor(PODS), TableOptions.defaults(), clock);
    assertThat(watch.next(Duration.ZERO).object().path("rows").path(0).path("cells").path(4)
        .asString()).isEqualTo("90s");
    clock.now = NOW.plus(Duration.ofMinutes(3));
    assertThat(watch.next(Duration.ZERO).object().path("rows").path(0).path("cells").path(4)
        .asString()).isEqualTo("4m30s");
  }

  @Test
  void leavesTheSharedEventObjectsUntouched() throws InterruptedException {
    ObjectNode shared = pod("web-1", "10", "Running");
    ObjectNode before = shared.deepCopy();
    TableWatch watch = new TableWatch(new QueuedWatch(List.of(
        new WatchEvent(WatchEvent.Type.ADDED, shared, 10))), Tables.convertor(PODS),
        TableOptions.of(TableOptions.V1, "Object"), Fixtures.CLOCK);
    ((ObjectNode) watch.next(Duration.ZERO).object().path("rows").path(0).path("object"))
        .put("kind", "Changed");
    assertThat(shared).isEqualTo(before);
  }

  /** A watch over a fixed list of events, done once they are taken. */
  private static final class QueuedWatch implements Watch {
    private final Queue<WatchEvent> events;
    boolean closed;

    QueuedWatch(List<WatchEvent> events) {
      this.events = new ArrayDeque<>(events);
    }

    @Override
    public WatchEvent next(Duration timeout) {
      return events.poll();
    }

    @Override
    public boolean isDone() {
      return events.isEmpty();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** A clock the test moves by hand. */
  private static final class MovingClock extends Clock {
    Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
