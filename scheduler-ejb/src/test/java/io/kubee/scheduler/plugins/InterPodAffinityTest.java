package io.kubee.scheduler.plugins;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.nodeInfo;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.testing.Harness;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InterPodAffinityTest {
  static PodAffinityTerm term(String app, String topologyKey) {
    return new PodAffinityTermBuilder().withNewLabelSelector().addToMatchLabels("app", app)
        .endLabelSelector().withTopologyKey(topologyKey).build();
  }

  static Pod labelled(String name, String app, Affinity affinity) {
    return new PodBuilder(pod(name)).editMetadata().addToLabels("app", app).endMetadata()
        .editSpec().withAffinity(affinity).endSpec().build();
  }

  static Affinity affinity(PodAffinityTerm term) {
    return new AffinityBuilder().withNewPodAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(term).endPodAffinity().build();
  }

  static Affinity antiAffinity(PodAffinityTerm term) {
    return new AffinityBuilder().withNewPodAntiAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(term).endPodAntiAffinity().build();
  }

  /** Nodes a1, a2 in zone a, b1 in zone b; cache pod in a1, web pod (anti cache-host) in b1. */
  static List<NodeInfo> cluster() {
    return List.of(
        nodeInfo(node("a1", "4", "8Gi").editMetadata().addToLabels("zone", "a").endMetadata()
            .build(), labelled("cache-0", "cache", null)),
        nodeInfo(node("a2", "4", "8Gi").editMetadata().addToLabels("zone", "a").endMetadata()
            .build()),
        nodeInfo(node("b1", "4", "8Gi").editMetadata().addToLabels("zone", "b").endMetadata()
            .build(), labelled("guard", "guard", antiAffinity(term("intruder", "zone")))));
  }

  record Case(String name, Pod pod, Map<String, String> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String ok = "ok";
    return Stream.of(
        new Case("affinity to a zone with a matching pod keeps that zone",
            labelled("p", "web", affinity(term("cache", "zone"))),
            Map.of("a1", ok, "a2", ok, "b1", InterPodAffinity.AFFINITY_REASON)),
        new Case("affinity per hostname keeps only the node",
            labelled("p", "web", affinity(term("cache", "kubernetes.io/hostname"))),
            Map.of("a1", ok, "a2", InterPodAffinity.AFFINITY_REASON,
                "b1", InterPodAffinity.AFFINITY_REASON)),
        new Case("the first pod of a group with affinity to itself goes anywhere",
            labelled("p", "db", affinity(term("db", "zone"))),
            Map.of("a1", ok, "a2", ok, "b1", ok)),
        new Case("anti-affinity excludes the zone of a matching pod",
            labelled("p", "web", antiAffinity(term("cache", "zone"))),
            Map.of("a1", InterPodAffinity.ANTI_AFFINITY_REASON,
                "a2", InterPodAffinity.ANTI_AFFINITY_REASON, "b1", ok)),
        new Case("an existing pod's anti-affinity excludes its zone",
            labelled("p", "intruder", null),
            Map.of("a1", ok, "a2", ok, "b1", InterPodAffinity.EXISTING_ANTI_AFFINITY_REASON)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(Case c) {
    Map<String, Status> got = Harness.of(cluster(), InterPodAffinity.NAME).filter(c.pod());
    assertThat(got.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().isSuccess() ? "ok" : e.getValue().message()))).isEqualTo(c.want());
  }

  @Test
  void preferredAffinityScoresTheZoneOfMatchingPods() {
    Affinity preferred = new AffinityBuilder().withNewPodAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(10)
        .withPodAffinityTerm(term("cache", "zone"))
        .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAffinity().build();
    Map<String, Long> scores = Harness.of(cluster(), InterPodAffinity.NAME)
        .score(labelled("p", "web", preferred));
    assertThat(scores).isEqualTo(Map.of("a1", 100L, "a2", 100L, "b1", 0L));
  }

  @Test
  void preferredAntiAffinityScoresAwayFromMatchingPods() {
    Affinity preferred = new AffinityBuilder().withNewPodAntiAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(10)
        .withPodAffinityTerm(term("cache", "kubernetes.io/hostname"))
        .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build();
    Map<String, Long> scores = Harness.of(cluster(), InterPodAffinity.NAME)
        .score(labelled("p", "web", preferred));
    assertThat(scores).isEqualTo(Map.of("a1", 0L, "a2", 100L, "b1", 100L));
  }
}
