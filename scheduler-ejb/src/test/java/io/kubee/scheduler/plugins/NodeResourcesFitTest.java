package io.kubee.scheduler.plugins;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.nodeInfo;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubee.scheduler.framework.Code;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class NodeResourcesFitTest {
  record Case(String name, Pod pod, NodeInfo node, Code code, List<String> reasons) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Pod initContainers(Pod pod, String... cpus) {
    PodBuilder b = new PodBuilder(pod);
    int i = 0;
    for (String cpu : cpus) {
      b.editSpec().addToInitContainers(new ContainerBuilder().withName("init" + i++)
          .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources().build())
          .endSpec();
    }
    return b.build();
  }

  static Stream<Case> filterCases() {
    NodeInfo small = nodeInfo(node("n", "2", "4Gi").build());
    NodeInfo busy = nodeInfo(node("n", "2", "4Gi").build(), pod("a", "1500m", "1Gi").build());
    return Stream.of(
        new Case("a pod that fits passes", pod("p", "500m", "1Gi").build(), busy, Code.SUCCESS,
            List.of()),
        new Case("too much cpu fails", pod("p", "600m", "1Gi").build(), busy, Code.UNSCHEDULABLE,
            List.of("Insufficient cpu")),
        new Case("too much cpu and memory fail together", pod("p", "1", "4Gi").build(), busy,
            Code.UNSCHEDULABLE, List.of("Insufficient cpu", "Insufficient memory")),
        new Case("a pod requesting nothing fits a full node", pod("p", null, null).build(), busy,
            Code.SUCCESS, List.of()),
        new Case("the largest init container counts when larger than the containers",
            initContainers(pod("p", "100m", null).build(), "3"), small, Code.UNSCHEDULABLE,
            List.of("Insufficient cpu")),
        new Case("init containers smaller than the containers do not add up",
            initContainers(pod("p", "1500m", null).build(), "1", "1"), small, Code.SUCCESS,
            List.of()),
        new Case("pod overhead counts", new PodBuilder(pod("p", "1500m", null).build())
            .editSpec().addToOverhead("cpu", new Quantity("600m")).endSpec().build(), small,
            Code.UNSCHEDULABLE, List.of("Insufficient cpu")),
        new Case("an extended resource the node lacks fails", new PodBuilder(pod("p"))
            .editSpec().editFirstContainer().editOrNewResources()
            .addToRequests("example.com/gpu", new Quantity("1")).endResources().endContainer()
            .endSpec().build(), small, Code.UNSCHEDULABLE, List.of("Insufficient example.com/gpu")),
        new Case("a node without room for another pod fails",
            pod("p"), nodeInfo(node("n", "2", "4Gi").editStatus()
                .addToAllocatable("pods", new Quantity("1")).endStatus().build(),
                pod("a")), Code.UNSCHEDULABLE, List.of("Too many pods")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void filter(Case c) {
    Status got = Harness.of(List.of(c.node()), NodeResourcesFit.NAME).filter(c.pod()).get("n");
    assertThat(got.code()).isEqualTo(c.code());
    assertThat(got.reasons()).isEqualTo(c.reasons());
  }

  record ScoreCase(String name, String strategy, Map<String, Long> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ScoreCase> scoreCases() {
    // node a: 4 cpu/8Gi with 3 cpu/6Gi requested; b: empty. The pod asks 500m/1Gi.
    return Stream.of(
        new ScoreCase("LeastAllocated prefers the emptier node", "LeastAllocated",
            Map.of("a", 12L, "b", 87L)),
        new ScoreCase("MostAllocated prefers the fuller node", "MostAllocated",
            Map.of("a", 87L, "b", 12L)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scoreCases")
  void score(ScoreCase c) {
    List<NodeInfo> nodes = List.of(
        nodeInfo(node("a", "4", "8Gi").build(), pod("x", "3", "6Gi").build()),
        nodeInfo(node("b", "4", "8Gi").build()));
    Harness h = new Harness(nodes, io.kubee.scheduler.testing.FixedListers.EMPTY, Map.of(),
        Map.of(NodeResourcesFit.NAME, Map.of("scoringStrategy", c.strategy())),
        NodeResourcesFit.NAME);
    assertThat(h.score(pod("p", "500m", "1Gi").build())).isEqualTo(c.want());
  }

  @Test
  void anUnknownScoringStrategyIsRefused() {
    assertThatThrownBy(() -> NodeResourcesFit.fromArgs(Map.of("scoringStrategy", "Random")))
        .hasMessageContaining("LeastAllocated or MostAllocated");
  }
}
