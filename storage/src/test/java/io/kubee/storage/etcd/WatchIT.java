package io.kubee.storage.etcd;

import static io.kubee.storage.etcd.Fixtures.app;
import static io.kubee.storage.etcd.Fixtures.expectNoChange;
import static io.kubee.storage.etcd.Fixtures.label;
import static io.kubee.storage.etcd.Fixtures.pod;
import static io.kubee.storage.etcd.Fixtures.rv;
import static io.kubee.storage.etcd.Fixtures.setApp;
import static io.kubee.storage.etcd.Fixtures.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.meta.Meta;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import io.kubee.storage.WatchOptions;
import io.kubee.testsupport.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/** Watches served by the watch cache, and by fallback etcd watches, against a real etcd. */
@Timeout(60)
class WatchIT {
  private static final String PODS = "/registry/pods/";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(300);

  @RegisterExtension
  static final EtcdExtension etcd = new EtcdExtension();

  private static EtcdStorage storage;

  @BeforeAll
  static void start() {
    storage = new EtcdStorage(StorageConfig.of(etcd.endpoint())
        .withCompactionInterval(Duration.ZERO)
        .withBookmarkInterval(Duration.ofMillis(300))
        .withWatcherQueueCapacity(20));
    // start the cache of pods now, so every later write is in its history
    storage.watch(PODS, PODS, WatchOptions.from(storage.currentRevision())).close();
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  private static String key(String namespace, String name) {
    return PODS + namespace + "/" + name;
  }

  private static ObjectNode relabel(String key, String app) {
    return storage.guaranteedUpdate(key, 0, current -> {
      setApp(current, app);
      return current;
    });
  }

  @Test
  void aWatchFromARevisionDeliversExactlyTheLaterChangesInOrder() throws Exception {
    ObjectNode a = storage.create(key("from-rv", "a"), pod("from-rv", "a", null), 0);
    ObjectNode b = storage.create(key("from-rv", "b"), pod("from-rv", "b", null), 0);
    ObjectNode a2 = relabel(key("from-rv", "a"), "web");
    ObjectNode bGone = storage.delete(key("from-rv", "b"), current -> { });

    try (Watch watch = storage.watch(PODS, PODS + "from-rv/", WatchOptions.from(rv(a)))) {
      assertThat(take(watch, 3, WAIT)).extracting(Fixtures::describe).containsExactly(
          "ADDED b@" + rv(b), "MODIFIED a@" + rv(a2), "DELETED b@" + rv(bGone));
      expectNoChange(watch, QUIET);
    }
    assertThat(storage.cacher(PODS).fallbackCount()).isZero();
  }

  @Test
  void aWatchFromZeroStartsWithTheCurrentStateThenGoesLive() throws Exception {
    ObjectNode a = storage.create(key("from-zero", "a"), pod("from-zero", "a", "web"), 0);
    ObjectNode b = storage.create(key("from-zero", "b"), pod("from-zero", "b", "db"), 0);
    relabel(key("from-zero", "a"), "web2");
    relabel(key("from-zero", "a"), "web");
    ObjectNode aNow = storage.get(key("from-zero", "a"));

    try (Watch watch = storage.watch(PODS, PODS + "from-zero/", WatchOptions.from(0))) {
      List<WatchEvent> initial = take(watch, 2, WAIT);
      ObjectNode c = storage.create(key("from-zero", "c"), pod("from-zero", "c", null), 0);
      List<WatchEvent> live = take(watch, 1, WAIT);

      // a snapshot: only its last event carries a position, the list's revision (here aNow's)
      assertThat(initial).extracting(Fixtures::describe)
          .containsExactly("ADDED a@0", "ADDED b@" + rv(aNow));
      assertThat(initial.get(0).object()).isEqualTo(aNow);
      assertThat(rv(initial.get(1).object())).isEqualTo(rv(b));
      assertThat(live).extracting(Fixtures::describe).containsExactly("ADDED c@" + rv(c));
      expectNoChange(watch, QUIET);
    }
    assertThat(rv(a)).isLessThan(rv(aNow));
  }

  @Test
  void objectsEnteringAndLeavingTheSelectorAreAddedAndDeleted() throws Exception {
    String k = key("selector", "a");
    long start = storage.currentRevision();
    try (Watch watch = storage.watch(PODS, PODS,
        new WatchOptions(start, app("web"), false))) {
      storage.create(k, pod("selector", "a", "db"), 0); // invisible
      ObjectNode in = relabel(k, "web");
      ObjectNode still = storage.guaranteedUpdate(k, 0, current -> {
        ((ObjectNode) current.get("spec")).put("nodeName", "n1");
        return current;
      });
      ObjectNode out = relabel(k, "db");
      relabel(k, "db2"); // invisible
      ObjectNode back = relabel(k, "web");
      ObjectNode gone = storage.delete(k, current -> { });

      List<WatchEvent> events = take(watch, 5, WAIT);
      assertThat(events).extracting(Fixtures::describe).containsExactly(
          "ADDED a@" + rv(in), "MODIFIED a@" + rv(still), "DELETED a@" + rv(out),
          "ADDED a@" + rv(back), "DELETED a@" + rv(gone));
      assertThat(label(events.get(2).object())).as("the state it matched").isEqualTo("web");
      assertThat(rv(events.get(2).object())).isEqualTo(rv(out));
      expectNoChange(watch, QUIET);
    }
  }

  @Test
  void aWatchOfOneKeySeesOnlyThatObject() throws Exception {
    String a = key("exact", "a");
    ObjectNode created = storage.create(a, pod("exact", "a", null), 0);
    storage.create(key("exact", "ab"), pod("exact", "ab", null), 0);
    try (Watch existing = storage.watch(PODS, a, WatchOptions.from(0));
        Watch missing = storage.watch(PODS, key("exact", "b"), WatchOptions.from(0))) {
      storage.create(key("exact", "abc"), pod("exact", "abc", null), 0);
      ObjectNode changed = relabel(a, "web");
      ObjectNode b = storage.create(key("exact", "b"), pod("exact", "b", null), 0);
      ObjectNode gone = storage.delete(a, current -> { });

      assertThat(take(existing, 3, WAIT)).extracting(Fixtures::describe).containsExactly(
          "ADDED a@" + rv(created), "MODIFIED a@" + rv(changed), "DELETED a@" + rv(gone));
      assertThat(take(missing, 1, WAIT)).extracting(Fixtures::describe)
          .containsExactly("ADDED b@" + rv(b));
      expectNoChange(existing, QUIET);
      expectNoChange(missing, Duration.ofMillis(50));
    }
  }

  @Test
  void aDeletedEventCarriesTheDeletionRevision() throws Exception {
    String k = key("deletion", "a");
    ObjectNode created = storage.create(k, pod("deletion", "a", "web"), 0);
    try (Watch watch = storage.watch(PODS, PODS + "deletion/", WatchOptions.from(rv(created)))) {
      ObjectNode deleted = storage.delete(k, current -> { });

      WatchEvent event = take(watch, 1, WAIT).get(0);

      assertThat(event.type()).isEqualTo(WatchEvent.Type.DELETED);
      assertThat(event.resourceVersion()).isEqualTo(rv(deleted)).isGreaterThan(rv(created));
      assertThat(event.object()).isEqualTo(deleted);
    }
  }

  @Test
  void resumingFromEveryRevisionSeenLosesAndRepeatsNothing() throws Exception {
    String ns = "resume";
    long start = storage.currentRevision();
    for (int i = 0; i < 8; i++) {
      storage.create(key(ns, "p" + i), pod(ns, "p" + i, "v0"), 0);
      relabel(key(ns, "p" + i), "v1");
      if (i % 3 == 2) {
        storage.delete(key(ns, "p" + (i - 2)), current -> { });
      }
    }
    List<String> all;
    try (Watch watch = storage.watch(PODS, PODS + ns + "/", WatchOptions.from(start))) {
      all = take(watch, 18, WAIT).stream().map(Fixtures::describe).toList();
      expectNoChange(watch, QUIET);
    }

    for (int i = 0; i < all.size(); i++) {
      long from = Long.parseLong(all.get(i).substring(all.get(i).indexOf('@') + 1));
      try (Watch watch = storage.watch(PODS, PODS + ns + "/", WatchOptions.from(from))) {
        List<String> rest = all.subList(i + 1, all.size());
        assertThat(take(watch, rest.size(), WAIT)).extracting(Fixtures::describe)
            .as("resuming from %s", from).containsExactlyElementsOf(rest);
        expectNoChange(watch, Duration.ofMillis(50));
      }
    }
  }

  @Test
  void bookmarksArriveAndNeverGoBack() throws Exception {
    long start = storage.currentRevision();
    try (Watch watch = storage.watch(PODS, PODS + "bookmarks/",
        new WatchOptions(start, null, true).withType("v1", "Pod"))) {
      ObjectNode a = storage.create(key("bookmarks", "a"), pod("bookmarks", "a", null), 0);
      // writes of another type move etcd's revision; progress reports carry it to the cache
      long elsewhere = 0;
      for (int i = 0; i < 3; i++) {
        elsewhere = rv(storage.create("/registry/configmaps/bookmarks/c" + i,
            pod("bookmarks", "c" + i, null), 0));
      }
      List<Long> bookmarks = new ArrayList<>();
      long lastEvent = 0;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while ((bookmarks.isEmpty() || bookmarks.get(bookmarks.size() - 1) < elsewhere)
          && System.nanoTime() < deadline) {
        WatchEvent event = watch.next(Duration.ofSeconds(1));
        if (event == null) {
          continue;
        }
        if (event.type() == WatchEvent.Type.BOOKMARK) {
          assertThat(event.object().path("apiVersion").asString()).isEqualTo("v1");
          assertThat(event.object().path("kind").asString()).isEqualTo("Pod");
          assertThat(Meta.resourceVersion(event.object()))
              .isEqualTo(Long.toString(event.resourceVersion()));
          assertThat(event.resourceVersion()).isGreaterThanOrEqualTo(lastEvent);
          if (!bookmarks.isEmpty()) {
            assertThat(event.resourceVersion())
                .isGreaterThanOrEqualTo(bookmarks.get(bookmarks.size() - 1));
          }
          bookmarks.add(event.resourceVersion());
        } else {
          assertThat(event.resourceVersion()).isEqualTo(rv(a));
          lastEvent = event.resourceVersion();
        }
      }
      assertThat(lastEvent).isEqualTo(rv(a));
      assertThat(bookmarks).as("bookmarks follow etcd's revision").isNotEmpty()
          .last().isEqualTo(elsewhere);
    }
  }

  @Test
  void aWatcherWithoutBookmarksGetsNone() throws Exception {
    try (Watch watch = storage.watch(PODS, PODS + "no-bookmarks/",
        WatchOptions.from(storage.currentRevision()))) {
      assertThat(watch.next(Duration.ofMillis(800))).isNull();
      assertThat(watch.isDone()).isFalse();
    }
  }

  @Test
  void aSlowWatcherIsEndedWithoutStallingTheOthers() throws Exception {
    String ns = "slow";
    long start = storage.currentRevision();
    Watch slow = storage.watch(PODS, PODS + ns + "/", WatchOptions.from(start));
    try (Watch fast = storage.watch(PODS, PODS + ns + "/", WatchOptions.from(start))) {
      List<String> written = new ArrayList<>();
      List<String> received = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        ObjectNode p = storage.create(key(ns, "p" + i), pod(ns, "p" + i, null), 0);
        written.add("ADDED p" + i + "@" + rv(p));
        received.addAll(take(fast, 1, WAIT).stream().map(Fixtures::describe).toList());
      }

      assertThat(received).containsExactlyElementsOf(written);
      assertThat(slow.isDone()).as("the slow watcher (capacity 20) was ended").isTrue();
      assertThat(slow.next(Duration.ZERO)).as("and gets no error event").isNull();
      assertThat(fast.isDone()).isFalse();
    } finally {
      slow.close();
    }
  }

  @Test
  void aNewerResourceVersionSkipsChangesUpToIt() throws Exception {
    long now = storage.currentRevision();
    try (Watch watch = storage.watch(PODS, PODS + "future/", WatchOptions.from(now + 2))) {
      storage.create(key("future", "a"), pod("future", "a", null), 0);
      storage.create(key("future", "b"), pod("future", "b", null), 0);
      ObjectNode c = storage.create(key("future", "c"), pod("future", "c", null), 0);

      assertThat(take(watch, 1, WAIT)).extracting(Fixtures::describe)
          .containsExactly("ADDED c@" + rv(c));
    }
  }

  @Test
  void closingAWatchRemovesItsWatcher() {
    int before = storage.cacher(PODS).watcherCount();
    Watch watch = storage.watch(PODS, PODS, WatchOptions.from(storage.currentRevision()));
    assertThat(storage.cacher(PODS).watcherCount()).isEqualTo(before + 1);

    watch.close();

    assertThat(storage.cacher(PODS).watcherCount()).isEqualTo(before);
    assertThat(watch.isDone()).isTrue();
  }
}
