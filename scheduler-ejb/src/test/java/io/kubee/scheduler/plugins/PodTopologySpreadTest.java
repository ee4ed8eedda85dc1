package io.kubee.scheduler.plugins;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.nodeInfo;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubee.scheduler.framework.Listers;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.testing.FixedListers;
import io.kubee.scheduler.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodTopologySpreadTest {
  static Pod web(String name) {
    return new PodBuilder(pod(name)).editMetadata().addToLabels("app", "web").endMetadata()
        .build();
  }

  static Pod spread(String key, int maxSkew, String when, Integer minDomains) {
    return new PodBuilder(web("p")).editSpec().addToTopologySpreadConstraints(
        new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew).withTopologyKey(key)
            .withWhenUnsatisfiable(when).withMinDomains(minDomains).withNewLabelSelector()
            .addToMatchLabels("app", "web").endLabelSelector().build()).endSpec().build();
  }

  /** Zone a: a1 (2 web pods), a2 (1); zone b: b1 (0); c-nolabel has no zone label. */
  static List<NodeInfo> cluster() {
    return List.of(
        nodeInfo(node("a1", "4", "8Gi").editMetadata().addToLabels("zone", "a").endMetadata()
            .build(), web("w1"), web("w2")),
        nodeInfo(node("a2", "4", "8Gi").editMetadata().addToLabels("zone", "a").endMetadata()
            .build(), web("w3")),
        nodeInfo(node("b1", "4", "8Gi").editMetadata().addToLabels("zone", "b").endMetadata()
            .build()),
        nodeInfo(node("c-nolabel", "4", "8Gi").build()));
  }

  record Case(String name, Pod pod, Map<String, String> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String skew = PodTopologySpread.REASON;
    String missing = PodTopologySpread.MISSING_LABEL_REASON;
    return Stream.of(
        new Case("zone skew 1 allows only the emptier zone",
            spread("zone", 1, "DoNotSchedule", null),
            Map.of("a1", skew, "a2", skew, "b1", "ok", "c-nolabel", missing)),
        new Case("zone skew 4 allows every zone", spread("zone", 4, "DoNotSchedule", null),
            Map.of("a1", "ok", "a2", "ok", "b1", "ok", "c-nolabel", missing)),
        new Case("hostname skew 1 allows only the empty nodes",
            spread("kubernetes.io/hostname", 1, "DoNotSchedule", null),
            Map.of("a1", skew, "a2", skew, "b1", "ok", "c-nolabel", "ok")),
        new Case("fewer domains than minDomains count the minimum as 0",
            spread("zone", 3, "DoNotSchedule", 3),
            Map.of("a1", skew, "a2", skew, "b1", "ok", "c-nolabel", missing)),
        new Case("ScheduleAnyway does not filter", spread("zone", 1, "ScheduleAnyway", null),
            Map.of("a1", "ok", "a2", "ok", "b1", "ok", "c-nolabel", "ok")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(Case c) {
    Map<String, Status> got = Harness.of(cluster(), PodTopologySpread.NAME).filter(c.pod());
    assertThat(got.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().isSuccess() ? "ok" : e.getValue().message()))).isEqualTo(c.want());
  }

  @Test
  void scheduleAnywayScoresTheLessCrowdedZoneHigher() {
    Map<String, Long> scores = Harness.of(cluster().subList(0, 3), PodTopologySpread.NAME)
        .score(spread("zone", 1, "ScheduleAnyway", null));
    assertThat(scores.get("b1")).isGreaterThan(scores.get("a1"));
    assertThat(scores.get("a1")).isEqualTo(scores.get("a2"));
  }

  @Test
  void podsOfAServiceAreSpreadByDefault() {
    Service service = new ServiceBuilder().withNewMetadata().withName("web")
        .withNamespace("default").endMetadata().withNewSpec().addToSelector("app", "web")
        .endSpec().build();
    Listers listers = FixedListers.ofServices(service);
    Harness h = new Harness(cluster().subList(0, 3), listers, Map.of(), Map.of(),
        PodTopologySpread.NAME);
    Map<String, Long> scores = h.score(web("p"));
    assertThat(scores.get("b1")).isGreaterThan(scores.get("a2"));
    assertThat(scores.get("a2")).isGreaterThan(scores.get("a1"));
    assertThat(Harness.of(cluster().subList(0, 3), PodTopologySpread.NAME).score(web("p")))
        .as("without a Service or ReplicaSet there is nothing to spread")
        .containsValues(0L, 0L, 0L);
  }
}
