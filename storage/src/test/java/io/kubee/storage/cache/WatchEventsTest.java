package io.kubee.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.meta.Meta;
import io.kubee.storage.WatchEvent;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class WatchEventsTest {
  private static final Predicate<ObjectNode> WEB = o -> "web".equals(Meta.labels(o).get("app"));

  record Case(String name, CacheEvent event, WatchEvent.Type want, String wantApp) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a matching creation is ADDED", Events.created("a", "web", 5),
            WatchEvent.Type.ADDED, "web"),
        new Case("a creation that does not match is invisible", Events.created("a", "db", 5),
            null, null),
        new Case("an update that keeps matching is MODIFIED",
            Events.updated("a", "web", "web", 4, 5), WatchEvent.Type.MODIFIED, "web"),
        new Case("an update that starts matching is ADDED", Events.updated("a", "db", "web", 4, 5),
            WatchEvent.Type.ADDED, "web"),
        new Case("an update that stops matching is DELETED with the state it matched",
            Events.updated("a", "web", "db", 4, 5), WatchEvent.Type.DELETED, "web"),
        new Case("an update that never matches is invisible", Events.updated("a", "db", "db", 4, 5),
            null, null),
        new Case("an update whose old state is unknown is ADDED",
            new CacheEvent(RawEvent.Kind.PUT, Events.key("a"), 5, Events.pod("a", "web"), null),
            WatchEvent.Type.ADDED, "web"),
        new Case("deleting a matching object is DELETED", Events.deleted("a", "web", 5),
            WatchEvent.Type.DELETED, "web"),
        new Case("deleting another object is invisible", Events.deleted("a", "db", 5), null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void convertsForOneWatcher(Case c) {
    WatchEvent got = WatchEvents.forWatcher(c.event(), WEB);

    if (c.want() == null) {
      assertThat(got).isNull();
      return;
    }
    assertThat(got.type()).isEqualTo(c.want());
    assertThat(got.resourceVersion()).isEqualTo(5);
    assertThat(Meta.labels(got.object()).get("app")).isEqualTo(c.wantApp());
  }

  @Test
  void watchersShareOneEventAndItsJson() {
    CacheEvent event = Events.created("a", "web", 5);

    WatchEvent first = WatchEvents.forWatcher(event, WEB);
    WatchEvent second = WatchEvents.forWatcher(event, o -> true);

    assertThat(second).isSameAs(first);
    assertThat(second.objectJson()).isSameAs(first.objectJson());
  }

  @Test
  void bookmarksCarryTypeAndRevisionOnly() {
    WatchEvent bookmark = WatchEvents.bookmark(42, "v1", "Pod");

    assertThat(bookmark.type()).isEqualTo(WatchEvent.Type.BOOKMARK);
    assertThat(new String(bookmark.objectJson())).isEqualTo(
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"42\"}}");
  }

  @Test
  void tooOldIsA410Status() {
    WatchEvent error = WatchEvents.tooOld(5, 9);

    assertThat(error.type()).isEqualTo(WatchEvent.Type.ERROR);
    assertThat(error.object().path("kind").asString()).isEqualTo("Status");
    assertThat(error.object().path("code").asInt()).isEqualTo(410);
    assertThat(error.object().path("reason").asString()).isEqualTo("Expired");
    assertThat(error.object().path("message").asString())
        .isEqualTo("too old resource version: 5 (9)");
  }
}
