package io.kubee.storage.etcd;

import static io.kubee.storage.etcd.Fixtures.label;
import static io.kubee.storage.etcd.Fixtures.pod;
import static io.kubee.storage.etcd.Fixtures.rv;
import static io.kubee.storage.etcd.Fixtures.setApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubee.api.meta.Meta;
import io.kubee.storage.StorageException;
import io.kubee.storage.WatchOptions;
import io.kubee.testsupport.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/** Create, get, update and delete against a real etcd. */
@Timeout(60)
class EtcdStorageIT {
  @RegisterExtension
  static final EtcdExtension etcd = new EtcdExtension();

  private static EtcdStorage storage;

  @BeforeAll
  static void start() {
    storage = new EtcdStorage(StorageConfig.of(etcd.endpoint())
        .withCompactionInterval(Duration.ZERO));
  }

  @AfterAll
  static void stop() {
    storage.close();
  }

  private static String key(String name) {
    return "/registry/pods/crud/" + name;
  }

  @Test
  void createdObjectsCarryTheirRevisionAndReadBackEqual() {
    ObjectNode input = pod("crud", "created", "web");
    Meta.metadata(input).put("resourceVersion", "12345");

    ObjectNode created = storage.create(key("created"), input, 0);

    assertThat(rv(created)).isEqualTo(storage.currentRevision());
    assertThat(storage.get(key("created"))).isEqualTo(created);
    assertThat(Meta.resourceVersion(input)).as("the input is not modified").isEqualTo("12345");
  }

  @Test
  void creatingAnExistingKeyFailsWithKeyExists() {
    storage.create(key("twice"), pod("crud", "twice", null), 0);

    assertThatThrownBy(() -> storage.create(key("twice"), pod("crud", "twice", null), 0))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.KEY_EXISTS));
  }

  @Test
  void readingAMissingKeyIsNotFound() {
    assertThatThrownBy(() -> storage.get(key("missing")))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.code()).isEqualTo(StorageException.Code.NOT_FOUND);
          assertThat(e.key()).isEqualTo(key("missing"));
        });
  }

  @Test
  void anUpdateWritesANewRevision() {
    ObjectNode created = storage.create(key("updated"), pod("crud", "updated", "web"), 0);

    ObjectNode updated = storage.guaranteedUpdate(key("updated"), 0, current -> {
      assertThat(rv(current)).isEqualTo(rv(created));
      setApp(current, "db");
      return current;
    });

    assertThat(rv(updated)).isGreaterThan(rv(created));
    assertThat(label(updated)).isEqualTo("db");
    assertThat(storage.get(key("updated"))).isEqualTo(updated);
  }

  @Test
  void aFailedPreconditionAbortsTheUpdate() {
    ObjectNode created = storage.create(key("precondition"), pod("crud", "precondition", "web"),
        0);

    assertThatThrownBy(() -> storage.guaranteedUpdate(key("precondition"), 0, current -> {
      if (rv(current) != rv(created) - 1) {
        throw new IllegalStateException("stale resourceVersion");
      }
      return current;
    })).hasMessage("stale resourceVersion");
    assertThat(storage.get(key("precondition"))).isEqualTo(created);
  }

  @Test
  void anUpdateThatChangesNothingWritesNothing() {
    ObjectNode created = storage.create(key("noop"), pod("crud", "noop", "web"), 0);
    long before = storage.currentRevision();

    ObjectNode result = storage.guaranteedUpdate(key("noop"), 0, current -> current);

    assertThat(result).isEqualTo(created);
    assertThat(storage.currentRevision()).isEqualTo(before);
  }

  @Test
  void anUpdateRetriesWithTheNewStateAfterAConflict() {
    storage.create(key("conflict"), pod("crud", "conflict", "v0"), 0);
    List<String> seen = new ArrayList<>();

    ObjectNode result = storage.guaranteedUpdate(key("conflict"), 0, current -> {
      seen.add(label(current));
      if (seen.size() == 1) {
        // someone else writes between our read and our write
        storage.guaranteedUpdate(key("conflict"), 0, other -> {
          setApp(other, "v1");
          return other;
        });
      }
      setApp(current, label(current) + "+mine");
      return current;
    });

    assertThat(seen).containsExactly("v0", "v1");
    assertThat(label(result)).isEqualTo("v1+mine");
  }

  @Test
  void updatingAMissingKeyIsNotFoundUnlessTheFunctionCreatesIt() {
    assertThatThrownBy(() -> storage.guaranteedUpdate(key("absent"), 0, current -> null))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.NOT_FOUND));

    ObjectNode created = storage.guaranteedUpdate(key("upserted"), 0, current -> {
      assertThat(current).isNull();
      return pod("crud", "upserted", "web");
    });

    assertThat(storage.get(key("upserted"))).isEqualTo(created);
  }

  @Test
  void concurrentUpdatesFromEightThreadsAllCount() throws Exception {
    ObjectNode counter = pod("crud", "counter", null);
    counter.put("count", 0);
    storage.create(key("counter"), counter, 0);
    int threads = 8;
    int perThread = 25;
    AtomicInteger calls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < perThread; i++) {
          storage.guaranteedUpdate(key("counter"), 0, current -> {
            calls.incrementAndGet();
            current.put("count", current.path("count").asInt() + 1);
            return current;
          });
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    assertThat(storage.get(key("counter")).path("count").asInt()).isEqualTo(threads * perThread);
    assertThat(calls.get()).as("conflicts were retried").isGreaterThanOrEqualTo(threads * perThread);
  }

  @Test
  void deleteReturnsTheLastStateAtTheDeletionRevision() {
    storage.create(key("deleted"), pod("crud", "deleted", "web"), 0);

    ObjectNode deleted = storage.delete(key("deleted"), current -> { });

    assertThat(rv(deleted)).isEqualTo(storage.currentRevision());
    assertThat(label(deleted)).isEqualTo("web");
    assertThatThrownBy(() -> storage.get(key("deleted"))).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> storage.delete(key("deleted"), current -> { }))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.NOT_FOUND));
  }

  @Test
  void aRefusedDeletionLeavesTheObject() {
    ObjectNode created = storage.create(key("kept"), pod("crud", "kept", "web"), 0);

    assertThatThrownBy(() -> storage.delete(key("kept"), current -> {
      throw new IllegalStateException("uid mismatch");
    })).hasMessage("uid mismatch");
    assertThat(storage.get(key("kept"))).isEqualTo(created);
  }

  @Test
  void aDeletionChecksAgainWhenTheObjectChangesInBetween() {
    storage.create(key("raced"), pod("crud", "raced", "v0"), 0);
    List<String> checked = new ArrayList<>();

    ObjectNode deleted = storage.delete(key("raced"), current -> {
      checked.add(label(current));
      if (checked.size() == 1) {
        storage.guaranteedUpdate(key("raced"), 0, other -> {
          setApp(other, "v1");
          return other;
        });
      }
    });

    assertThat(checked).containsExactly("v0", "v1");
    assertThat(label(deleted)).isEqualTo("v1");
  }

  @Test
  void objectsWithATtlVanish() {
    storage.create(key("ephemeral"), pod("crud", "ephemeral", null), 1);
    storage.guaranteedUpdate(key("ephemeral-update"), 1, current -> pod("crud", "eu", null));

    // etcd rounds lease TTLs up to its minimum (about 2 s) and expires leases every 500 ms
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThatThrownBy(() -> storage.get(key("ephemeral"))).isInstanceOf(StorageException.class);
      assertThatThrownBy(() -> storage.get(key("ephemeral-update")))
          .isInstanceOf(StorageException.class);
    });
  }

  @Test
  void objectsWithLongTtlsShareALease() {
    storage.create(key("event-1"), pod("crud", "event-1", null), 3600);
    storage.create(key("event-2"), pod("crud", "event-2", null), 3600);

    try (EtcdClient raw = new EtcdClient(List.of(etcd.endpoint()), Duration.ofSeconds(5))) {
      long lease = raw.get(key("event-1")).lease();
      assertThat(lease).isNotZero();
      assertThat(raw.get(key("event-2")).lease()).isEqualTo(lease);
    }
  }

  @Test
  void healthAndRevision() {
    long before = storage.currentRevision();
    storage.create(key("revision"), pod("crud", "revision", null), 0);

    assertThat(storage.currentRevision()).isEqualTo(before + 1);
    assertThat(storage.isHealthy()).isTrue();
  }

  @Test
  void compactingToTheFutureIsRefused() {
    assertThatThrownBy(() -> storage.compact(storage.currentRevision() + 1000))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.code())
            .isEqualTo(StorageException.Code.TOO_LARGE_RESOURCE_VERSION));
  }

  @Test
  void closingEndsTheClientThreadsAndLaterCallsFail() {
    EtcdStorage other = new EtcdStorage(StorageConfig.of(etcd.endpoint())
        .withCompactionInterval(Duration.ZERO));
    other.currentRevision();
    other.watch("/registry/pods/", "/registry/pods/", WatchOptions.from(0)).close();
    List<Thread> threads = other.clientThreads();
    assertThat(threads).extracting(Thread::getName).anyMatch(name -> name.startsWith("vert.x-"));
    long start = System.nanoTime();

    other.close();
    other.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(threads).as("PLATFORM.md gotcha 4: no Vert.x thread outlives close()")
        .noneMatch(Thread::isAlive);
    assertThat(other.clientThreads()).isEmpty();
    assertThat(other.isHealthy()).isFalse();
    assertThatThrownBy(() -> other.get(key("x")))
        .isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.UNAVAILABLE));
    assertThat(storage.isHealthy()).as("another storage is unaffected").isTrue();
  }
}
