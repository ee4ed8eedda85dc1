package io.kubee.scheduler.plugins;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.nodeInfo;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubee.scheduler.framework.Code;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAffinityTest {
  record Case(String name, Map<String, String> selector, Affinity affinity, boolean fits) {
    @Override
    public String toString() {
      return name;
    }
  }

  static NodeSelectorRequirement req(String key, String op, String... values) {
    return new NodeSelectorRequirementBuilder().withKey(key).withOperator(op)
        .withValues(values).build();
  }

  static Affinity required(NodeSelectorRequirement... expressions) {
    return new AffinityBuilder().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm().withMatchExpressions(expressions).endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no selector fits", null, null, true),
        new Case("a matching nodeSelector fits", Map.of("disk", "ssd"), null, true),
        new Case("a nodeSelector with another value fails", Map.of("disk", "hdd"), null, false),
        new Case("a nodeSelector on a missing label fails", Map.of("gpu", "yes"), null, false),
        new Case("In matches", null, required(req("zone", "In", "a", "b")), true),
        new Case("NotIn excludes", null, required(req("zone", "NotIn", "a")), false),
        new Case("Exists needs the label", null, required(req("disk", "Exists")), true),
        new Case("DoesNotExist refuses the label", null, required(req("disk", "DoesNotExist")),
            false),
        new Case("Gt compares integers", null, required(req("cores", "Gt", "8")), true),
        new Case("Lt compares integers", null, required(req("cores", "Lt", "8")), false),
        new Case("all expressions of a term must hold", null,
            required(req("zone", "In", "a"), req("disk", "In", "hdd")), false),
        new Case("matchFields on metadata.name", null, new AffinityBuilder().withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
            .withMatchFields(req("metadata.name", "In", "n")).endNodeSelectorTerm()
            .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build(), true));
  }

  @Test
  void aPodWithoutSelectorOrRequiredAffinitySkipsTheFilter() {
    NodeAffinity plugin = new NodeAffinity();
    Snapshot none = Snapshot.of(List.of());
    assertThat(plugin.preFilter(new CycleState(), new PodInfo(pod("p")), none).isSkip())
        .isTrue();
    assertThat(plugin.preFilter(new CycleState(), new PodInfo(new PodBuilder(pod("p"))
        .editSpec().addToNodeSelector("disk", "ssd").endSpec().build()), none).isSuccess())
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(Case c) {
    NodeInfo n = nodeInfo(node("n", "4", "8Gi").editMetadata().addToLabels("zone", "a")
        .addToLabels("disk", "ssd").addToLabels("cores", "16").endMetadata().build());
    Status got = Harness.of(List.of(n), NodeAffinity.NAME).filter(new PodBuilder(pod("p"))
        .editSpec().withNodeSelector(c.selector()).withAffinity(c.affinity()).endSpec().build())
        .get("n");
    assertThat(got.isSuccess()).isEqualTo(c.fits());
    if (!c.fits()) {
      assertThat(got.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
      assertThat(got.message()).isEqualTo("node(s) didn't match Pod's node affinity/selector");
    }
  }

  @Test
  void preferredTermsScoreTheirWeightNormalizedToTheBest() {
    List<NodeInfo> nodes = List.of(
        nodeInfo(node("ssd-a", "4", "8Gi").editMetadata().addToLabels("disk", "ssd")
            .addToLabels("zone", "a").endMetadata().build()),
        nodeInfo(node("ssd", "4", "8Gi").editMetadata().addToLabels("disk", "ssd").endMetadata()
            .build()),
        nodeInfo(node("none", "4", "8Gi").build()));
    Affinity preferred = new AffinityBuilder().withNewNodeAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(3).withNewPreference()
        .withMatchExpressions(req("disk", "In", "ssd")).endPreference().endPreferredDuringSchedulingIgnoredDuringExecution()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(1).withNewPreference()
        .withMatchExpressions(req("zone", "In", "a")).endPreference().endPreferredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity().build();
    Map<String, Long> scores = Harness.of(nodes, NodeAffinity.NAME)
        .score(new PodBuilder(pod("p")).editSpec().withAffinity(preferred).endSpec().build());
    assertThat(scores).containsExactlyInAnyOrderEntriesOf(Map.of("ssd-a", 100L, "ssd", 75L,
        "none", 0L));
  }
}
