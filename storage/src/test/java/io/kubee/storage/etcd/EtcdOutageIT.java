package io.kubee.storage.etcd;

import static io.kubee.storage.etcd.Fixtures.pod;
import static io.kubee.storage.etcd.Fixtures.rv;
import static io.kubee.storage.etcd.Fixtures.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubee.storage.ListOptions;
import io.kubee.storage.StorageException;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import io.kubee.storage.WatchOptions;
import io.kubee.storage.cache.CacheConfig;
import io.kubee.testsupport.EtcdExtension;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/** etcd stopping and restarting under a running storage. */
@Timeout(90)
class EtcdOutageIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final EtcdExtension etcd = new EtcdExtension();

  private EtcdStorage storage;

  @AfterEach
  void closeAndRestoreEtcd() {
    if (storage != null) {
      storage.close();
    }
    if (!etcd.process().isAlive()) {
      etcd.process().restart();
    }
  }

  private EtcdStorage open(CacheConfig cache) {
    StorageConfig config = StorageConfig.of(etcd.endpoint()).withRequestTimeout(TIMEOUT)
        .withCompactionInterval(Duration.ZERO);
    storage = cache == null ? new EtcdStorage(config) : new EtcdStorage(config, cache);
    return storage;
  }

  @Test
  void callsFailFastWhileEtcdIsDownAndWorkAgainAfterwards() {
    EtcdStorage storage = open(null);
    storage.create("/registry/pods/outage/a", pod("outage", "a", null), 0);
    assertThat(storage.isHealthy()).isTrue();

    etcd.process().stop();

    assertFast(() -> assertThat(storage.isHealthy()).isFalse());
    assertUnavailable(() -> storage.get("/registry/pods/outage/a"));
    assertUnavailable(() -> storage.create("/registry/pods/outage/b", pod("outage", "b", null), 0));
    assertUnavailable(() -> storage.list("/registry/pods/", ListOptions.all()));
    assertUnavailable(() -> storage.guaranteedUpdate("/registry/pods/outage/a", 0, c -> c));
    assertUnavailable(() -> storage.delete("/registry/pods/outage/a", c -> { }));
    assertUnavailable(() -> storage.watch("/registry/nodes/", "/registry/nodes/",
        WatchOptions.from(0)));

    etcd.process().restart();

    await().atMost(WAIT).until(storage::isHealthy);
    assertThat(storage.get("/registry/pods/outage/a")).isNotNull();
  }

  @Test
  void watchesContinueAcrossARestartWithoutLossOrRepeats() throws Exception {
    EtcdStorage storage = open(new CacheConfig(100, 100, Duration.ofSeconds(60),
        Duration.ofMillis(100), Duration.ofMillis(500)));
    String type = "/registry/leases/";
    long start = storage.currentRevision();
    try (Watch watch = storage.watch(type, type, WatchOptions.from(start))) {
      ObjectNode before = storage.create(type + "restart/before", pod("restart", "before", null),
          0);
      assertThat(take(watch, 1, WAIT)).extracting(Fixtures::describe)
          .containsExactly("ADDED before@" + rv(before));

      etcd.process().stop();
      await().atMost(WAIT).until(() -> !storage.cacher(type).isConnected());
      etcd.process().restart();
      ObjectNode after = await().atMost(WAIT).ignoreExceptions().until(
          () -> storage.create(type + "restart/after", pod("restart", "after", null), 0),
          created -> true);

      assertThat(take(watch, 1, WAIT)).extracting(Fixtures::describe)
          .containsExactly("ADDED after@" + rv(after));
      assertThat(watch.next(Duration.ofMillis(300))).isNull();
      assertThat(storage.openEtcdWatches(type)).isEqualTo(1);
    }
  }

  @Test
  void aCompactionWhileDisconnectedExpiresTheWatchersAndTheCacheStartsAfresh() throws Exception {
    // reconnect only after 4 s, so the compaction below happens while the cache is away
    EtcdStorage storage = open(new CacheConfig(100, 100, Duration.ofSeconds(60),
        Duration.ofSeconds(4), Duration.ofSeconds(4)));
    String type = "/registry/events/";
    try (Watch watch = storage.watch(type, type, WatchOptions.from(storage.currentRevision()))) {
      ObjectNode seen = storage.create(type + "x/seen", pod("x", "seen", null), 0);
      assertThat(take(watch, 1, WAIT)).extracting(Fixtures::describe)
          .containsExactly("ADDED seen@" + rv(seen));

      etcd.process().stop();
      await().atMost(WAIT).until(() -> !storage.cacher(type).isConnected());
      etcd.process().restart();
      long compactedTo;
      try (EtcdStorage other = new EtcdStorage(StorageConfig.of(etcd.endpoint())
          .withCompactionInterval(Duration.ZERO))) {
        for (int i = 0; i < 3; i++) {
          other.create("/registry/configmaps/x/c" + i, pod("x", "c" + i, null), 0);
        }
        compactedTo = other.currentRevision();
        other.compact(compactedTo);
      }

      WatchEvent error = take(watch, 1, WAIT).get(0);
      assertThat(error.type()).isEqualTo(WatchEvent.Type.ERROR);
      assertThat(error.object().path("code").asInt()).isEqualTo(410);
      assertThat(error.object().path("message").asString())
          .isEqualTo("too old resource version: " + rv(seen) + " (" + compactedTo + ")");
      assertThat(watch.isDone()).isTrue();
    }

    await().atMost(WAIT).until(() -> storage.cacher(type).isConnected());
    try (Watch fresh = storage.watch(type, type, WatchOptions.from(storage.currentRevision()))) {
      ObjectNode next = storage.create(type + "x/next", pod("x", "next", null), 0);
      assertThat(take(fresh, 1, WAIT)).extracting(Fixtures::describe)
          .containsExactly("ADDED next@" + rv(next));
      assertThat(storage.cacher(type).fallbackCount()).isZero();
    }
  }

  private static void assertUnavailable(ThrowingCallable call) {
    assertFast(() -> assertThatThrownBy(call)
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.UNAVAILABLE)));
  }

  /** Runs {@code check}, which must finish well within the 2 s request timeout. */
  private static void assertFast(Runnable check) {
    long start = System.nanoTime();
    check.run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(1));
  }
}
