package io.kubee.scheduler;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubee.scheduler.testing.FakeCluster;
import io.kubee.scheduler.testing.FixedListers;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler alone (no apiserver: an in-memory cluster answers bindings at once) on
 * scheduler_perf's SchedulingBasic shapes, to keep the cost of a scheduling cycle in view. The
 * default is small (500 nodes, 1,000 pods); {@code -Dkubee.bench.nodes=5000
 * -Dkubee.bench.pods=10000} runs the large one.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SchedulerThroughputTest {
  @Test
  void schedulesSchedulingBasicPodsOnEveryNodeShape() {
    int nodes = Integer.getInteger("kubee.bench.nodes", 500);
    int pods = Integer.getInteger("kubee.bench.pods", 1000);
    FakeCluster cluster = new FakeCluster();
    try (Scheduler scheduler = new Scheduler(SchedulerOptions.defaults(), cluster,
        FixedListers.EMPTY, cluster, Executors.defaultThreadFactory())) {
      cluster.connect(scheduler.eventHandlers());
      for (int i = 0; i < nodes; i++) {
        cluster.addNode(node("node-" + i, "4", "32Gi").build());
      }
      scheduler.start();
      long start = System.nanoTime();
      for (int i = 0; i < pods; i++) {
        cluster.addPod(pod("pod-" + i, "100m", "500Mi").build());
      }
      await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(10))
          .until(() -> scheduler.stats().scheduled() == pods);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("scheduler alone: %d nodes, %d pods in %.2f s: %.0f pods/s%n", nodes,
          pods, seconds, pods / seconds);
      assertThat(scheduler.cache().podCount()).isEqualTo(pods);
    }
  }
}
