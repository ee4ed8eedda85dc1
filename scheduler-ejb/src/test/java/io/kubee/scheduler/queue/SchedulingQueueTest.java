package io.kubee.scheduler.queue;

import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.PodInfo;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulingQueueTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  /** Pods rejected by "NodeResourcesFit" care about node adds and pod deletes only. */
  private final SchedulingQueue queue = new SchedulingQueue(now::get, Duration.ofSeconds(1),
      Duration.ofSeconds(10), Duration.ofMinutes(5), (q, event) ->
      q.unschedulablePlugins().contains("NodeResourcesFit")
          && (event == ClusterEvent.NODE_ADD || event == ClusterEvent.ASSIGNED_POD_DELETE));

  private static PodInfo prio(String name, int priority) {
    return new PodInfo(new PodBuilder(pod(name)).editSpec().withPriority(priority).endSpec()
        .build());
  }

  private QueuedPodInfo failOnce(PodInfo pod, String plugin) throws InterruptedException {
    queue.add(pod);
    QueuedPodInfo q = queue.pop();
    q.setUnschedulablePlugins(plugin == null ? Set.of() : Set.of(plugin));
    queue.addUnschedulableIfNotPresent(q, queue.schedulingCycle());
    return q;
  }

  @Test
  void popsHigherPriorityFirstThenInQueueOrder() throws InterruptedException {
    queue.add(prio("low", 1));
    now.addAndGet(1);
    queue.add(prio("high", 100));
    now.addAndGet(1);
    queue.add(prio("low-later", 1));
    assertThat(queue.pop().podInfo().name()).isEqualTo("high");
    assertThat(queue.pop().podInfo().name()).isEqualTo("low");
    assertThat(queue.pop().podInfo().name()).isEqualTo("low-later");
  }

  record Backoff(int attempts, long seconds) {
    @Override
    public String toString() {
      return "attempt " + attempts + " backs off " + seconds + " s";
    }
  }

  static Stream<Backoff> backoffs() {
    return Stream.of(new Backoff(1, 1), new Backoff(2, 2), new Backoff(3, 4), new Backoff(4, 8),
        new Backoff(5, 10), new Backoff(9, 10));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backoffs")
  void backoffDoublesFromOneSecondUpToTen(Backoff b) {
    QueuedPodInfo q = new QueuedPodInfo(prio("p", 0), 0);
    q.attempts = b.attempts();
    assertThat(queue.backoffDuration(q)).isEqualTo(Duration.ofSeconds(b.seconds()).toNanos());
  }

  @Test
  void anErrorGoesToBackoffAndReturnsWhenItExpires() throws InterruptedException {
    QueuedPodInfo q = failOnce(prio("p", 0), null);
    assertThat(queue.whereIs(q.podInfo().uid())).isEqualTo("backoff");
    now.addAndGet(Duration.ofMillis(999).toNanos());
    queue.flushBackoffQCompleted();
    assertThat(queue.whereIs(q.podInfo().uid())).isEqualTo("backoff");
    now.addAndGet(Duration.ofMillis(1).toNanos());
    queue.flushBackoffQCompleted();
    assertThat(queue.whereIs(q.podInfo().uid())).isEqualTo("active");
  }

  @Test
  void anUnschedulablePodMovesOnlyOnEventsItsPluginsCareAbout() throws InterruptedException {
    QueuedPodInfo q = failOnce(prio("p", 0), "NodeResourcesFit");
    String uid = q.podInfo().uid();
    // a move request during the attempt would send it to backoff; none happened
    assertThat(queue.whereIs(uid)).isEqualTo("unschedulable");
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_LABEL_CHANGE);
    assertThat(queue.whereIs(uid)).isEqualTo("unschedulable");
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD);
    assertThat(queue.whereIs(uid)).as("still backing off").isEqualTo("backoff");
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    queue.flushBackoffQCompleted();
    assertThat(queue.whereIs(uid)).isEqualTo("active");
  }

  @Test
  void aPodThatFailedWhileAnEventHappenedGoesToBackoff() throws InterruptedException {
    queue.add(prio("p", 0));
    QueuedPodInfo q = queue.pop();
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD); // during the attempt
    q.setUnschedulablePlugins(Set.of("NodeResourcesFit"));
    queue.addUnschedulableIfNotPresent(q, queue.schedulingCycle());
    assertThat(queue.whereIs(q.podInfo().uid())).isEqualTo("backoff");
  }

  @Test
  void unschedulablePodsAreRetriedAfterFiveMinutes() throws InterruptedException {
    QueuedPodInfo q = failOnce(prio("p", 0), "NodeResourcesFit");
    now.addAndGet(Duration.ofMinutes(5).toNanos());
    queue.flushUnschedulablePodsLeftover();
    assertThat(queue.whereIs(q.podInfo().uid())).isEqualTo("unschedulable");
    now.addAndGet(1);
    queue.flushUnschedulablePodsLeftover();
    assertThat(queue.whereIs(q.podInfo().uid())).isEqualTo("active");
  }

  @Test
  void anUpdatedUnschedulablePodIsRetriedAndADeletedOneForgotten() throws InterruptedException {
    QueuedPodInfo q = failOnce(prio("p", 0), "NodeResourcesFit");
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    queue.update(new PodInfo(new PodBuilder(q.podInfo().pod()).editMetadata()
        .addToLabels("changed", "yes").endMetadata().build()));
    assertThat(queue.whereIs(q.podInfo().uid())).isEqualTo("active");
    queue.delete(q.podInfo().uid());
    assertThat(queue.whereIs(q.podInfo().uid())).isEmpty();
    assertThat(queue.pendingPods()).containsExactly(0, 0, 0);
  }

  @Test
  void aPodIsQueuedOnce() {
    PodInfo p = prio("p", 0);
    queue.add(p);
    queue.add(p);
    assertThat(queue.pendingPods()).containsExactly(1, 0, 0);
  }

  @Test
  void closeWakesPop() throws InterruptedException {
    Thread closer = new Thread(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      queue.close();
    });
    closer.start();
    assertThat(queue.pop()).isNull();
    closer.join();
  }
}
