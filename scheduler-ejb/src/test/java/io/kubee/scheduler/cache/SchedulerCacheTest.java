package io.kubee.scheduler.cache;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.on;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Snapshot;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {
  private final SchedulerCache cache = new SchedulerCache();
  private final Snapshot snapshot = new Snapshot();

  @Test
  void anAssumedPodCountsUntilForgotten() {
    cache.addNode(node("n1"));
    Pod p = on(pod("p", "1", "1Gi").build(), "n1");
    cache.assumePod(new PodInfo(p));
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("n1").requested().milliCpu).isEqualTo(1000);
    assertThat(cache.isAssumed(p.getMetadata().getUid())).isTrue();
    cache.forgetPod(p.getMetadata().getUid());
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("n1").requested().milliCpu).isZero();
    assertThat(cache.podCount()).isZero();
  }

  @Test
  void theInformersAddConfirmsAnAssumedPod() {
    cache.addNode(node("n1"));
    Pod p = on(pod("p", "1", "1Gi").build(), "n1");
    cache.assumePod(new PodInfo(p));
    cache.finishBinding(p.getMetadata().getUid());
    cache.addPod(new PodInfo(p));
    assertThat(cache.isAssumed(p.getMetadata().getUid())).isFalse();
    cache.forgetPod(p.getMetadata().getUid()); // no effect once confirmed
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("n1").pods()).hasSize(1);
  }

  @Test
  void anAssumedPodBoundElsewhereMovesToItsRealNode() {
    cache.addNode(node("n1"));
    cache.addNode(node("n2"));
    Pod p = pod("p", "1", "1Gi").build();
    cache.assumePod(new PodInfo(on(p, "n1")));
    cache.addPod(new PodInfo(on(p, "n2")));
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("n1").pods()).isEmpty();
    assertThat(snapshot.get("n2").pods()).hasSize(1);
  }

  @Test
  void snapshotsCopyOnlyChangedNodesAndKeepOldCopiesIntact() {
    cache.addNode(node("n1"));
    cache.addNode(node("n2"));
    cache.updateSnapshot(snapshot);
    NodeInfo n1Before = snapshot.get("n1");
    NodeInfo n2Before = snapshot.get("n2");
    cache.addPod(new PodInfo(on(pod("p"), "n2")));
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.get("n1")).isSameAs(n1Before);
    assertThat(snapshot.get("n2")).isNotSameAs(n2Before);
    assertThat(n2Before.pods()).as("the old copy is unchanged").isEmpty();
    assertThat(snapshot.list()).extracting(NodeInfo::name).containsExactly("n1", "n2");
    assertThat(snapshot.list().get(1).pods()).hasSize(1);
  }

  @Test
  void podsOfAnUnknownNodeWaitForIt() {
    cache.addPod(new PodInfo(on(pod("p", "1", null).build(), "later")));
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.list()).isEmpty();
    cache.addNode(node("later"));
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.list()).hasSize(1);
    assertThat(snapshot.get("later").requested().milliCpu).isEqualTo(1000);
  }

  @Test
  void removedNodesLeaveTheSnapshot() {
    cache.addNode(node("n1"));
    cache.addNode(node("n2"));
    cache.updateSnapshot(snapshot);
    cache.removeNode("n1");
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.list()).extracting(NodeInfo::name).containsExactly("n2");
    assertThat(cache.nodeCount()).isEqualTo(1);
  }

  @Test
  void podsWithAffinityAreListed() {
    cache.addNode(node("n1"));
    cache.addNode(node("n2"));
    cache.updateSnapshot(snapshot);
    Pod anti = on(new io.fabric8.kubernetes.api.model.PodBuilder(pod("a")).editSpec()
        .withNewAffinity().withNewPodAntiAffinity()
        .addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey("zone")
        .withNewLabelSelector().addToMatchLabels("app", "x").endLabelSelector()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity()
        .endSpec().build(), "n2");
    cache.addPod(new PodInfo(anti));
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.havePodsWithRequiredAntiAffinity()).extracting(NodeInfo::name)
        .containsExactly("n2");
    cache.removePod(anti.getMetadata().getUid());
    cache.updateSnapshot(snapshot);
    assertThat(snapshot.havePodsWithRequiredAntiAffinity()).isEmpty();
  }

  /**
   * The incremental snapshot (only the nodes changed since, found through the recency list) is
   * always the snapshot a fresh one would take, whatever the order of node and pod changes.
   */
  @Test
  void anIncrementalSnapshotEqualsAFreshOneAfterRandomChanges() {
    java.util.Random random = new java.util.Random(42);
    java.util.List<String> live = new java.util.ArrayList<>();
    for (int step = 0; step < 3_000; step++) {
      String node = "n" + random.nextInt(20);
      switch (random.nextInt(6)) {
        case 0 -> cache.addNode(node(node));
        case 1 -> cache.removeNode(node);
        case 2, 3 -> {
          Pod p = on(pod("p" + step, "100m", "1Mi").build(), node);
          cache.addPod(new PodInfo(p));
          live.add(p.getMetadata().getUid());
        }
        case 4 -> {
          if (!live.isEmpty()) {
            cache.removePod(live.remove(random.nextInt(live.size())));
          }
        }
        default -> {
          Pod p = on(pod("a" + step, "100m", "1Mi").build(), node);
          cache.assumePod(new PodInfo(p));
          cache.forgetPod(p.getMetadata().getUid());
        }
      }
      if (random.nextInt(4) == 0) {
        cache.updateSnapshot(snapshot);
        Snapshot fresh = new Snapshot();
        cache.updateSnapshot(fresh);
        assertThat(summary(snapshot)).as("step %d", step).isEqualTo(summary(fresh));
        assertThat(new java.util.TreeSet<>(snapshot.byName().keySet())).as("step %d", step)
            .isEqualTo(new java.util.TreeSet<>(fresh.byName().keySet()));
      }
    }
  }

  private static java.util.List<String> summary(Snapshot s) {
    return s.list().stream().map(n -> n.name() + " pods=" + n.pods().size() + " cpu="
        + n.requested().milliCpu).toList();
  }
}
