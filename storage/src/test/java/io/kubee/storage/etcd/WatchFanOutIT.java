package io.kubee.storage.etcd;

import static io.kubee.storage.etcd.Fixtures.pod;
import static io.kubee.storage.etcd.Fixtures.rv;
import static io.kubee.storage.etcd.Fixtures.setApp;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.meta.Meta;
import io.kubee.storage.ListOptions;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import io.kubee.storage.WatchOptions;
import io.kubee.testsupport.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/** Many watchers of one type share one etcd watch and see the same events. */
@Timeout(90)
class WatchFanOutIT {
  private static final String PODS = "/registry/pods/";
  private static final int WATCHERS = 200;
  private static final int WRITERS = 4;
  private static final int OBJECTS_PER_WRITER = 10;
  /** Per object: create, 3 updates, delete. */
  private static final int WRITES_PER_WRITER = OBJECTS_PER_WRITER * 5;
  private static final int EVENTS = WRITERS * WRITES_PER_WRITER;

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

  @Test
  void twoHundredWatchersSeeTheSameEventsThroughOneEtcdWatch() throws Exception {
    long start = storage.currentRevision();
    List<Watch> watches = new ArrayList<>();
    for (int i = 0; i < WATCHERS; i++) {
      watches.add(storage.watch(PODS, PODS, WatchOptions.from(start)));
    }
    assertThat(storage.openEtcdWatches(PODS)).isEqualTo(1);
    assertThat(storage.cacher(PODS).watcherCount()).isEqualTo(WATCHERS);

    Map<Long, Long> writeStarted = new ConcurrentHashMap<>();
    Map<Long, Long> writeAcked = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(WATCHERS + WRITERS);
    List<Future<List<long[]>>> readers = new ArrayList<>();
    for (Watch watch : watches) {
      readers.add(pool.submit(() -> read(watch)));
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(pool.submit(() -> {
        go.await();
        write(writer, writeStarted, writeAcked);
        return null;
      }));
    }
    long began = System.nanoTime();
    go.countDown();
    for (Future<?> writer : writers) {
      writer.get();
    }
    long wrote = System.nanoTime();
    List<List<long[]>> seen = new ArrayList<>();
    for (Future<List<long[]>> reader : readers) {
      seen.add(reader.get(60, TimeUnit.SECONDS));
    }
    long delivered = System.nanoTime();
    pool.shutdown();

    List<Long> first = seen.get(0).stream().map(e -> e[0]).toList();
    assertThat(first).hasSize(EVENTS).isSorted().doesNotHaveDuplicates();
    assertThat(first).containsExactlyInAnyOrderElementsOf(writeStarted.keySet());
    for (List<long[]> events : seen) {
      assertThat(events.stream().map(e -> e[0]).toList()).isEqualTo(first);
    }
    assertThat(storage.openEtcdWatches(PODS)).isEqualTo(1);

    long[] fromStart = seen.stream().flatMap(List::stream)
        .mapToLong(e -> e[1] - writeStarted.get(e[0])).sorted().toArray();
    long[] fromAck = seen.stream().flatMap(List::stream)
        .mapToLong(e -> Math.max(0, e[1] - writeAcked.get(e[0]))).sorted().toArray();
    System.out.printf("fan-out: %d watchers x %d events from %d writers: writes took %.0f ms, "
            + "all delivered %.0f ms after the first write; latency from write call "
            + "p50=%.1f p99=%.1f max=%.1f ms; from write acknowledged p50=%.1f p99=%.1f "
            + "max=%.1f ms%n",
        WATCHERS, EVENTS, WRITERS, ms(wrote - began), ms(delivered - began),
        percentile(fromStart, 0.50), percentile(fromStart, 0.99), percentile(fromStart, 1.0),
        percentile(fromAck, 0.50), percentile(fromAck, 0.99), percentile(fromAck, 1.0));
    for (Watch watch : watches) {
      watch.close();
    }
    assertThat(storage.cacher(PODS).watcherCount()).isZero();
  }

  @Test
  void watchersRegisteringDuringWritesMissAndRepeatNothing() throws Exception {
    String prefix = PODS + "joining/";
    long start = storage.currentRevision();
    Watch reference = storage.watch(PODS, prefix, WatchOptions.from(start));
    ExecutorService writers = Executors.newFixedThreadPool(2);
    List<Future<?>> writing = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      String ns = "joining";
      int writer = w;
      writing.add(writers.submit(() -> {
        for (int i = 0; i < 60; i++) {
          String key = prefix + "w" + writer + "-" + (i % 7);
          storage.guaranteedUpdate(key, 0, current -> {
            ObjectNode next = current == null ? pod(ns, key.substring(prefix.length()), "v0")
                : current;
            setApp(next, "v" + System.nanoTime());
            return next;
          });
          if (i % 5 == 4) {
            storage.delete(prefix + "w" + writer + "-" + (i % 3), current -> { });
          }
        }
        return null;
      }));
    }
    // join from the latest revision seen so far, and from 0, while the writers write
    List<String> seenByReference = new ArrayList<>();
    List<long[]> joinedAt = new ArrayList<>();
    List<Watch> joined = new ArrayList<>();
    List<Watch> fromZero = new ArrayList<>();
    while (!writing.stream().allMatch(Future::isDone)) {
      WatchEvent event = reference.next(Duration.ofMillis(50));
      if (event != null) {
        seenByReference.add(Fixtures.describe(event));
        joinedAt.add(new long[] {event.resourceVersion(), seenByReference.size()});
        joined.add(storage.watch(PODS, prefix, WatchOptions.from(event.resourceVersion())));
        if (fromZero.size() < 5 && seenByReference.size() % 10 == 0) {
          fromZero.add(storage.watch(PODS, prefix, WatchOptions.from(0)));
        }
      }
    }
    for (Future<?> f : writing) {
      f.get();
    }
    writers.shutdown();
    long end = storage.currentRevision();
    while (true) {
      WatchEvent event = reference.next(Duration.ofMillis(300));
      if (event == null) {
        break;
      }
      seenByReference.add(Fixtures.describe(event));
    }

    String lastSeen = seenByReference.get(seenByReference.size() - 1);
    long lastRv = Long.parseLong(lastSeen.substring(lastSeen.indexOf('@') + 1));
    assertThat(joined).hasSizeGreaterThan(10);
    for (int i = 0; i < joined.size(); i++) {
      List<String> expected = seenByReference.subList((int) joinedAt.get(i)[1],
          seenByReference.size());
      assertThat(Fixtures.take(joined.get(i), expected.size(), Duration.ofSeconds(10)))
          .extracting(Fixtures::describe)
          .as("joined at %d", joinedAt.get(i)[0]).containsExactlyElementsOf(expected);
      assertThat(joined.get(i).next(Duration.ofMillis(20))).isNull();
      joined.get(i).close();
    }
    // a watch from 0 replays the state, then follows: it ends with the same state as a list
    Map<String, String> finalState = new TreeMap<>();
    for (ObjectNode item : storage.list(prefix, new ListOptions(
        0, null, end, true, o -> true)).items()) {
      finalState.put(Meta.name(item), Meta.resourceVersion(item));
    }
    for (Watch watch : fromZero) {
      Map<String, String> state = new TreeMap<>();
      long last = 0;
      while (last < lastRv) {
        WatchEvent event = Fixtures.take(watch, 1, Duration.ofSeconds(10)).get(0);
        String name = Meta.name(event.object());
        if (event.type() == WatchEvent.Type.DELETED) {
          assertThat(state).containsKey(name);
          state.remove(name);
        } else {
          assertThat(state.containsKey(name))
              .isEqualTo(event.type() == WatchEvent.Type.MODIFIED);
          state.put(name, Long.toString(event.resourceVersion()));
        }
        last = Math.max(last, event.resourceVersion());
      }
      assertThat(state).isEqualTo(finalState);
      watch.close();
    }
    reference.close();
  }

  /** {rv, nanoTime received} of every change. */
  private static List<long[]> read(Watch watch) throws InterruptedException {
    List<long[]> events = new ArrayList<>(EVENTS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (events.size() < EVENTS && System.nanoTime() < deadline) {
      WatchEvent event = watch.next(Duration.ofSeconds(1));
      if (event != null) {
        events.add(new long[] {event.resourceVersion(), System.nanoTime()});
      } else if (watch.isDone()) {
        break;
      }
    }
    return events;
  }

  private static void write(int writer, Map<Long, Long> started, Map<Long, Long> acked) {
    String ns = "w" + writer;
    for (int i = 0; i < OBJECTS_PER_WRITER; i++) {
      String key = PODS + ns + "/p" + i;
      long t = System.nanoTime();
      long rv = rv(storage.create(key, pod(ns, "p" + i, "v0"), 0));
      acked.put(rv, System.nanoTime());
      started.put(rv, t);
      for (int u = 1; u <= 3; u++) {
        String app = "v" + u;
        t = System.nanoTime();
        ObjectNode updated = storage.guaranteedUpdate(key, 0, current -> {
          setApp(current, app);
          return current;
        });
        acked.put(rv(updated), System.nanoTime());
        started.put(rv(updated), t);
      }
      t = System.nanoTime();
      rv = rv(storage.delete(key, current -> { }));
      acked.put(rv, System.nanoTime());
      started.put(rv, t);
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return ms(sorted[Math.max(0, index)]);
  }
}
