package io.kubee.scheduler.plugins;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.nodeInfo;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static io.kubee.scheduler.testing.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.Listers;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PostFilterResult;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.testing.FixedListers;
import io.kubee.scheduler.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultPreemptionTest {
  static Pod prio(String name, String cpu, int priority, String app) {
    return new PodBuilder(pod(name, cpu, null).build()).editMetadata().addToLabels("app", app)
        .endMetadata().editSpec().withPriority(priority).endSpec().build();
  }

  record Case(String name, List<NodeInfo> nodes, Pod preemptor, List<PodDisruptionBudget> pdbs,
      String node, List<String> victims, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static PodDisruptionBudget pdb(String app) {
    return new PodDisruptionBudgetBuilder().withNewMetadata().withName(app)
        .withNamespace("default").endMetadata().withNewSpec()
        .withMinAvailable(new IntOrString(1)).withNewSelector().addToMatchLabels("app", app)
        .endSelector().endSpec().withNewStatus().withDisruptionsAllowed(0).endStatus().build();
  }

  static Stream<Case> cases() {
    // two 2-cpu nodes, each full
    List<NodeInfo> full = List.of(
        nodeInfo(node("n1", "2", "8Gi").build(), prio("low-1", "1", 10, "a"),
            prio("low-2", "1", 10, "a")),
        nodeInfo(node("n2", "2", "8Gi").build(), prio("mid-1", "1", 50, "b"),
            prio("low-3", "1", 20, "b")));
    return Stream.of(
        new Case("the fewest lowest-priority victims are chosen, the first one reprieved", full,
            prio("high", "1", 100, "x"), List.of(), "n1", List.of("low-2"), ""),
        new Case("a victim protected by a PodDisruptionBudget is avoided", full,
            prio("high", "1", 100, "x"), List.of(pdb("a")), "n2", List.of("low-3"), ""),
        new Case("nothing of lower priority: no victims", full, prio("equal", "1", 10, "x"),
            List.of(), "", List.of(), "preemption: 0/2 nodes are available: "
                + "2 No preemption victims found for incoming pod."),
        new Case("preemptionPolicy Never does not preempt", full,
            new PodBuilder(prio("polite", "1", 100, "x")).editSpec()
                .withPreemptionPolicy("Never").endSpec().build(), List.of(), null, List.of(),
            "preemption: not eligible due to preemptionPolicy=Never."),
        new Case("an unresolvable rejection is not helped by preemption",
            List.of(nodeInfo(node("t", "2", "8Gi").editSpec()
                .withTaints(taint("k", "v", "NoSchedule")).endSpec().build(),
                prio("low", "2", 1, "a"))),
            prio("high", "1", 100, "x"), List.of(), "", List.of(),
            "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void postFilter(Case c) {
    Listers listers = FixedListers.ofPodDisruptionBudgets(c.pdbs());
    Harness h = new Harness(c.nodes(), listers, Map.of(), Map.of(), TaintToleration.NAME,
        NodeResourcesFit.NAME, DefaultPreemption.NAME);
    Map<String, Status> statuses = h.filter(c.preemptor());
    assertThat(statuses.values()).noneMatch(Status::isSuccess);
    PodInfo preemptor = new PodInfo(c.preemptor());
    CycleState state = new CycleState();
    h.framework().runPreFilterPlugins(state, preemptor, h.snapshot);
    PostFilterResult result = h.framework().runPostFilterPlugins(state, preemptor, statuses);
    assertThat(result.nominatedNode()).isEqualTo(c.node());
    assertThat(result.status().message()).isEqualTo(c.message());
    assertThat(h.client.deleted).isEqualTo(c.victims());
    assertThat(h.client.events).extracting(e -> e.reason() + " " + e.pod())
        .isEqualTo(c.victims().stream().map(v -> "Preempted " + v).toList());
    assertThat(h.client.statusUpdates).extracting(u -> u.condition().getType() + "="
        + u.condition().getReason()).allMatch(s -> s.equals("DisruptionTarget=PreemptionByScheduler"));
  }
}
