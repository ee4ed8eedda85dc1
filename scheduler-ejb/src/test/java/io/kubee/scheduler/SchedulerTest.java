package io.kubee.scheduler;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static io.kubee.scheduler.testing.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubee.scheduler.testing.FakeCluster;
import io.kubee.scheduler.testing.FixedListers;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole scheduler over an in-memory cluster: scheduling, failures, retries, preemption. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SchedulerTest {
  private final FakeCluster cluster = new FakeCluster();
  private Scheduler scheduler;

  @BeforeEach
  void start() {
    scheduler = new Scheduler(SchedulerOptions.defaults(), cluster, FixedListers.EMPTY, cluster,
        Executors.defaultThreadFactory());
    cluster.connect(scheduler.eventHandlers());
    scheduler.start();
  }

  @AfterEach
  void stop() {
    scheduler.close();
  }

  @Test
  void parallelismIsCappedByTheProcessors() {
    assertThat(Scheduler.effectiveParallelism(16, 2)).isEqualTo(2);
    assertThat(Scheduler.effectiveParallelism(4, 64)).isEqualTo(4);
    assertThat(Scheduler.effectiveParallelism(16, 0)).isEqualTo(1);
  }

  @Test
  void podsLandOnlyOnNodesThatFit() {
    cluster.addNode(node("big", "4", "8Gi").build());
    cluster.addNode(node("small", "1", "8Gi").build());
    cluster.addNode(node("tainted", "8", "8Gi").editSpec()
        .withTaints(taint("dedicated", "gpu", "NoSchedule")).endSpec().build());
    for (int i = 0; i < 5; i++) {
      cluster.addPod(pod("p" + i, "1", "1Gi").build());
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.stats().scheduled() == 5);
    long onBig = 0;
    for (int i = 0; i < 5; i++) {
      String node = cluster.nodeOf("p" + i);
      assertThat(node).isIn("big", "small");
      onBig += node.equals("big") ? 1 : 0;
    }
    assertThat(onBig).isEqualTo(4);
    assertThat(cluster.events).filteredOn(e -> e.reason().equals("Scheduled")).hasSize(5)
        .first().extracting(FakeCluster.Event::message).asString()
        .matches("Successfully assigned default/p\\d to (big|small)");
  }

  @Test
  void anUnschedulablePodIsToldWhyAndScheduledWhenANodeFits() {
    cluster.addNode(node("small", "1", "8Gi").build());
    cluster.addNode(node("tainted", "8", "8Gi").editSpec()
        .withTaints(taint("dedicated", "gpu", "NoSchedule")).endSpec().build());
    cluster.addPod(pod("big", "2", "1Gi").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.events.stream()
        .anyMatch(e -> e.reason().equals("FailedScheduling")));
    assertThat(cluster.events).filteredOn(e -> e.reason().equals("FailedScheduling")).first()
        .extracting(FakeCluster.Event::message).isEqualTo("0/2 nodes are available: "
            + "1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}. "
            + "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming "
            + "pod, 1 Preemption is not helpful for scheduling..");
    assertThat(cluster.statusUpdates).contains("big PodScheduled=False Unschedulable");
    assertThat(scheduler.queue().whereIs(cluster.pod("big").getMetadata().getUid()))
        .isEqualTo("unschedulable");
    cluster.addNode(node("bigger", "4", "8Gi").build());
    await().atMost(Duration.ofSeconds(5)).until(() -> "bigger".equals(cluster.nodeOf("big")));
  }

  @Test
  void aRefusedBindingIsForgottenAndRetried() {
    AtomicInteger attempts = new AtomicInteger();
    cluster.binder = (pod, node) -> attempts.incrementAndGet() == 1
        ? new IllegalStateException("etcd timed out") : null;
    cluster.addNode(node("n", "1", "8Gi").build());
    cluster.addPod(pod("p", "1", "1Gi").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> "n".equals(cluster.nodeOf("p")));
    assertThat(attempts).hasValue(2);
    assertThat(scheduler.stats().bindFailures()).isEqualTo(1);
    assertThat(scheduler.cache().podCount()).as("counted once").isEqualTo(1);
  }

  @Test
  void aHighPriorityPodPreemptsALowerOne() {
    cluster.addNode(node("n", "2", "8Gi").build());
    cluster.addPod(new PodBuilder(pod("low", "2", "1Gi").build()).editSpec().withPriority(1)
        .endSpec().build());
    await().atMost(Duration.ofSeconds(10)).until(() -> "n".equals(cluster.nodeOf("low")));
    cluster.addPod(new PodBuilder(pod("high", "2", "1Gi").build()).editSpec().withPriority(1000)
        .endSpec().build());
    await().atMost(Duration.ofSeconds(15)).until(() -> "n".equals(cluster.nodeOf("high")));
    assertThat(cluster.deleted).containsExactly("low");
    assertThat(cluster.events).extracting(e -> e.pod() + " " + e.reason())
        .contains("low Preempted", "high Scheduled");
    assertThat(cluster.statusUpdates).contains("high PodScheduled=False Unschedulable "
        + "nominated=n");
  }

  @Test
  void noNodesAtAllIsSaidPlainly() {
    cluster.addPod(pod("p", "1", "1Gi").build());
    await().atMost(Duration.ofSeconds(5)).until(() -> !cluster.events.isEmpty());
    assertThat(cluster.events.get(0).message()).isEqualTo("no nodes available to schedule pods");
  }

  @Test
  void podsOfOtherSchedulersAreLeftAlone() throws InterruptedException {
    cluster.addNode(node("n", "4", "8Gi").build());
    cluster.addPod(new PodBuilder(pod("mine", "1", "1Gi").build()).build());
    cluster.addPod(new PodBuilder(pod("theirs", "1", "1Gi").build()).editSpec()
        .withSchedulerName("other-scheduler").endSpec().build());
    await().atMost(Duration.ofSeconds(5)).until(() -> cluster.nodeOf("mine") != null);
    Thread.sleep(200);
    assertThat(cluster.nodeOf("theirs")).isNull();
  }
}
