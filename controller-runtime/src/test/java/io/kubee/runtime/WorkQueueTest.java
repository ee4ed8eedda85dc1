package io.kubee.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkQueueTest {

  private static WorkQueue<String> queue() {
    return new WorkQueue<>(new ExponentialRateLimiter<>(Duration.ofMillis(10),
        Duration.ofMillis(100)), Executors.defaultThreadFactory());
  }

  @Test
  void anItemAddedTwiceBeforeProcessingIsProcessedOnce() throws Exception {
    try (WorkQueue<String> queue = queue()) {
      queue.add("a");
      queue.add("b");
      queue.add("a");
      assertThat(queue.length()).isEqualTo(2);
      assertThat(queue.get()).isEqualTo("a");
      assertThat(queue.get()).isEqualTo("b");
      assertThat(queue.length()).isZero();
    }
  }

  @Test
  void anItemAddedWhileProcessedComesBackAfterDone() throws Exception {
    try (WorkQueue<String> queue = queue()) {
      queue.add("a");
      String item = queue.get();
      queue.add("a");
      assertThat(queue.length()).as("not while it is processed").isZero();
      queue.done(item);
      assertThat(queue.length()).isEqualTo(1);
      assertThat(queue.get()).isEqualTo("a");
    }
  }

  @Test
  void noKeyIsEverProcessedByTwoWorkersAtOnce() throws Exception {
    try (WorkQueue<String> queue = queue()) {
      Set<String> inFlight = ConcurrentHashMap.newKeySet();
      AtomicInteger overlaps = new AtomicInteger();
      AtomicInteger processed = new AtomicInteger();
      List<Thread> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Thread worker = new Thread(() -> {
          try {
            String key;
            while ((key = queue.get()) != null) {
              if (!inFlight.add(key)) {
                overlaps.incrementAndGet();
              }
              Thread.sleep(1);
              inFlight.remove(key);
              processed.incrementAndGet();
              queue.done(key);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        workers.add(worker);
        worker.start();
      }
      for (int i = 0; i < 2000; i++) {
        queue.add("key-" + (i % 5));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> queue.length() == 0);
      queue.close();
      for (Thread worker : workers) {
        worker.join();
      }
      assertThat(overlaps).hasValue(0);
      assertThat(processed.get()).isGreaterThanOrEqualTo(5).isLessThan(2000);
    }
  }

  @Test
  void failedItemsComeBackAfterTheirBackoff() throws Exception {
    try (WorkQueue<String> queue = queue()) {
      long start = System.nanoTime();
      queue.addRateLimited("a"); // first failure: 10 ms
      assertThat(queue.get()).isEqualTo("a");
      queue.done("a");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
          Duration.ofMillis(9));
      assertThat(queue.failures("a")).isEqualTo(1);
      queue.forget("a");
      assertThat(queue.failures("a")).isZero();
    }
  }

  @Test
  void closingWakesWaitingWorkersWithNull() throws Exception {
    WorkQueue<String> queue = queue();
    List<String> got = Collections.synchronizedList(new ArrayList<>());
    Thread worker = new Thread(() -> {
      try {
        got.add(String.valueOf(queue.get()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    worker.start();
    Thread.sleep(50);
    queue.close();
    worker.join(2000);
    assertThat(got).containsExactly("null");
    queue.add("late");
    assertThat(queue.length()).isZero();
  }
}
