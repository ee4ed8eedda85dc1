package io.kubee.storage.etcd;

import static io.kubee.storage.etcd.Fixtures.expectNoChange;
import static io.kubee.storage.etcd.Fixtures.pod;
import static io.kubee.storage.etcd.Fixtures.rv;
import static io.kubee.storage.etcd.Fixtures.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * Watches from before the watch cache's history (a history of 4 events here): they get their
 * own etcd watch, and a 410 ERROR event once etcd has compacted their revision.
 */
@Timeout(60)
class WatchFallbackIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final EtcdExtension etcd = new EtcdExtension();

  private static EtcdStorage storage;

  @BeforeAll
  static void start() {
    storage = new EtcdStorage(StorageConfig.of(etcd.endpoint())
        .withCompactionInterval(Duration.ZERO)
        .withWatchCacheSize(4));
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  @Test
  void aRevisionOlderThanTheHistoryGetsItsOwnEtcdWatch() throws Exception {
    String type = "/registry/configmaps/";
    String ns = type + "old/";
    storage.watch(type, type, WatchOptions.from(storage.currentRevision())).close();
    List<String> written = new ArrayList<>();
    long first = 0;
    for (int i = 0; i < 10; i++) {
      ObjectNode c = storage.create(ns + "c" + i, pod("old", "c" + i, null), 0);
      first = first == 0 ? rv(c) : first;
      written.add("ADDED c" + i + "@" + rv(c));
    }

    try (Watch watch = storage.watch(type, ns, WatchOptions.from(first))) {
      assertThat(storage.cacher(type).fallbackCount()).isEqualTo(1);
      assertThat(storage.openEtcdWatches(ns)).isEqualTo(1);
      assertThat(take(watch, 9, WAIT)).extracting(Fixtures::describe)
          .containsExactlyElementsOf(written.subList(1, 10));
      ObjectNode live = storage.create(ns + "live", pod("old", "live", null), 0);
      assertThat(take(watch, 1, WAIT)).extracting(Fixtures::describe)
          .containsExactly("ADDED live@" + rv(live));
      expectNoChange(watch, Duration.ofMillis(200));
    }
    assertThat(storage.cacher(type).fallbackCount()).isZero();
    assertThat(storage.openEtcdWatches(ns)).isZero();

    // one object's key, from before the history
    try (Watch watch = storage.watch(type, ns + "c1", WatchOptions.from(first))) {
      assertThat(storage.cacher(type).fallbackCount()).isEqualTo(1);
      ObjectNode gone = storage.delete(ns + "c1", current -> { });
      assertThat(take(watch, 2, WAIT)).extracting(Fixtures::describe)
          .containsExactly(written.get(1), "DELETED c1@" + rv(gone));
      expectNoChange(watch, Duration.ofMillis(200));
    }

    // within the history: served by the cache
    long recent = Long.parseLong(written.get(8).substring(written.get(8).indexOf('@') + 1));
    try (Watch watch = storage.watch(type, ns, WatchOptions.from(recent))) {
      assertThat(storage.cacher(type).fallbackCount()).isZero();
      assertThat(take(watch, 2, WAIT)).extracting(Fixtures::describe)
          .containsExactly(written.get(9), "ADDED live@" + (recent + 2));
    }
  }

  @Test
  void aCompactedRevisionEndsTheWatchWithA410Error() throws Exception {
    String type = "/registry/secrets/";
    ObjectNode s0 = storage.create(type + "gone/s0", pod("gone", "s0", null), 0);
    storage.create(type + "gone/s1", pod("gone", "s1", null), 0);
    storage.create(type + "gone/s2", pod("gone", "s2", null), 0);
    // etcd keeps the compaction revision itself: a watch after s0 needs s1's revision
    long compactedTo = storage.currentRevision();
    storage.compact(compactedTo);

    // the cache of secrets starts now, after s0: the watch falls back to etcd, which refuses
    try (Watch watch = storage.watch(type, type, WatchOptions.from(rv(s0)))) {
      WatchEvent error = take(watch, 1, WAIT).get(0);

      assertThat(error.type()).isEqualTo(WatchEvent.Type.ERROR);
      assertThat(error.object().path("code").asInt()).isEqualTo(410);
      assertThat(error.object().path("reason").asString()).isEqualTo("Expired");
      assertThat(error.object().path("message").asString())
          .isEqualTo("too old resource version: " + rv(s0) + " (" + compactedTo + ")");
      assertThat(watch.isDone()).isTrue();
      assertThat(watch.next(Duration.ZERO)).isNull();
    }
    await().atMost(WAIT).until(() -> storage.cacher(type).fallbackCount() == 0);
    assertThat(storage.openEtcdWatches(type)).isEqualTo(1); // the cache's own
  }

  @Test
  void aRevisionInTheHistoryIsServedEvenAfterEtcdCompactedIt() throws Exception {
    String type = "/registry/services/";
    storage.watch(type, type, WatchOptions.from(storage.currentRevision())).close();
    ObjectNode a = storage.create(type + "kept/a", pod("kept", "a", null), 0);
    ObjectNode b = storage.create(type + "kept/b", pod("kept", "b", null), 0);
    storage.compact(storage.currentRevision());

    try (Watch watch = storage.watch(type, type, WatchOptions.from(rv(a)))) {
      assertThat(take(watch, 1, WAIT)).extracting(Fixtures::describe)
          .containsExactly("ADDED b@" + rv(b));
    }
  }
}
