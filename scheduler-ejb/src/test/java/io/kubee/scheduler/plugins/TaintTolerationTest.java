package io.kubee.scheduler.plugins;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.nodeInfo;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static io.kubee.scheduler.testing.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.kubee.scheduler.framework.Code;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaintTolerationTest {
  record Case(String name, List<Taint> taints, List<Toleration> tolerations, Code code,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Toleration toleration(String key, String operator, String value, String effect) {
    return new TolerationBuilder().withKey(key).withOperator(operator).withValue(value)
        .withEffect(effect).build();
  }

  static Stream<Case> cases() {
    Taint gpu = taint("dedicated", "gpu", "NoSchedule");
    return Stream.of(
        new Case("a node without taints fits", List.of(), List.of(), Code.SUCCESS, null),
        new Case("an untolerated NoSchedule taint rejects", List.of(gpu), List.of(),
            Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "node(s) had untolerated taint {dedicated: gpu}"),
        new Case("an untolerated NoExecute taint rejects",
            List.of(taint("node.kubernetes.io/not-ready", null, "NoExecute")), List.of(),
            Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
            "node(s) had untolerated taint {node.kubernetes.io/not-ready: }"),
        new Case("a PreferNoSchedule taint does not reject",
            List.of(taint("dedicated", "gpu", "PreferNoSchedule")), List.of(), Code.SUCCESS, null),
        new Case("Equal with the same value tolerates", List.of(gpu),
            List.of(toleration("dedicated", "Equal", "gpu", "NoSchedule")), Code.SUCCESS, null),
        new Case("Equal with another value does not", List.of(gpu),
            List.of(toleration("dedicated", "Equal", "cpu", "NoSchedule")),
            Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "node(s) had untolerated taint {dedicated: gpu}"),
        new Case("Exists tolerates any value", List.of(gpu),
            List.of(toleration("dedicated", "Exists", null, null)), Code.SUCCESS, null),
        new Case("an empty key with Exists tolerates everything", List.of(gpu),
            List.of(toleration(null, "Exists", null, null)), Code.SUCCESS, null),
        new Case("another effect does not tolerate", List.of(gpu),
            List.of(toleration("dedicated", "Exists", null, "NoExecute")),
            Code.UNSCHEDULABLE_AND_UNRESOLVABLE, "node(s) had untolerated taint {dedicated: gpu}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(Case c) {
    NodeInfo n = nodeInfo(node("n", "4", "8Gi").editSpec().withTaints(c.taints()).endSpec()
        .build());
    Status got = Harness.of(List.of(n), TaintToleration.NAME).filter(new PodBuilder(pod("p"))
        .editSpec().withTolerations(c.tolerations()).endSpec().build()).get("n");
    assertThat(got.code()).isEqualTo(c.code());
    if (c.reason() != null) {
      assertThat(got.reasons()).containsExactly(c.reason());
    }
  }

  @Test
  void fewerUntoleratedPreferNoScheduleTaintsScoreHigher() {
    List<NodeInfo> nodes = List.of(
        nodeInfo(node("clean", "4", "8Gi").build()),
        nodeInfo(node("one", "4", "8Gi").editSpec().withTaints(
            taint("a", "1", "PreferNoSchedule")).endSpec().build()),
        nodeInfo(node("two", "4", "8Gi").editSpec().withTaints(
            taint("a", "1", "PreferNoSchedule"), taint("b", "2", "PreferNoSchedule")).endSpec()
            .build()),
        nodeInfo(node("tolerated", "4", "8Gi").editSpec().withTaints(
            taint("a", "1", "PreferNoSchedule")).endSpec().build()));
    Harness h = Harness.of(nodes, TaintToleration.NAME);
    Map<String, Long> scores = h.score(pod("p"));
    assertThat(scores).containsEntry("clean", 100L).containsEntry("one", 50L)
        .containsEntry("two", 0L);
    Map<String, Long> tolerating = h.score(new PodBuilder(pod("p")).editSpec().withTolerations(
        toleration("a", "Exists", null, "PreferNoSchedule")).endSpec().build());
    assertThat(tolerating).containsEntry("one", 100L).containsEntry("two", 0L);
  }
}
