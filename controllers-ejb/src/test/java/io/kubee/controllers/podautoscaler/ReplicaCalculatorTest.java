package io.kubee.controllers.podautoscaler;

import static io.kubee.controllers.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubee.controllers.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes' replica_calculator_test.go cases for CPU utilization. */
class ReplicaCalculatorTest {
  private static final Instant NOW = T0.plus(Duration.ofHours(1));

  /**
   * @param usage    millicores per pod; null: no metric for that pod
   * @param ready    readiness per pod
   */
  record Case(String name, int current, int target, List<String> requests, List<Long> usage,
      List<Boolean> ready, int want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("50% used of a 30% target scales 3 up to 5", 3, 30,
            List.of("1", "1", "1"), List.of(300L, 500L, 700L), List.of(true, true, true), 5),
        new Case("28% used of a 50% target scales 5 down to 3", 5, 50,
            List.of("1", "1", "1", "1", "1"), List.of(100L, 300L, 500L, 250L, 250L),
            List.of(true, true, true, true, true), 3),
        new Case("within the 10% tolerance nothing changes", 3, 100,
            List.of("900m", "1", "1100m"), List.of(1010L, 1030L, 1020L),
            List.of(true, true, true), 3),
        new Case("unready pods count as idle when scaling up", 3, 50,
            List.of("1", "1", "1"), List.of(100L, 900L, 900L), List.of(false, true, true), 4),
        new Case("a pod without metrics counts as idle when scaling up", 3, 50,
            List.of("1", "1", "1"), Arrays.asList(null, 900L, 900L), List.of(true, true, true),
            4),
        new Case("a pod without metrics counts as fully used when scaling down", 3, 50,
            List.of("1", "1", "1"), Arrays.asList(null, 100L, 100L), List.of(true, true, true),
            3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computesTheReplicasATargetAsksFor(Case c) {
    List<Pod> pods = new ArrayList<>();
    Map<String, MetricsClient.PodMetric> metrics = new HashMap<>();
    for (int i = 0; i < c.requests().size(); i++) {
      pods.add(pod("p" + i, c.requests().get(i), c.ready().get(i)));
      if (c.usage().get(i) != null) {
        metrics.put("p" + i, new MetricsClient.PodMetric(c.usage().get(i), NOW.minusSeconds(10),
            Duration.ofSeconds(30)));
      }
    }
    ReplicaCalculator calculator = new ReplicaCalculator(0.1, Duration.ofMinutes(5),
        Duration.ofSeconds(30));
    assertThat(calculator.resourceReplicas(c.current(), c.target(), "cpu", pods, metrics, NOW)
        .replicas()).isEqualTo(c.want());
  }

  @org.junit.jupiter.api.Test
  void aPodWithoutACpuRequestCannotBeMeasured() {
    Pod pod = Fixtures.running(Fixtures.pod("p0", Map.of()), "n1", "10.0.0.1", true, T0);
    ReplicaCalculator calculator = new ReplicaCalculator(0.1, Duration.ofMinutes(5),
        Duration.ofSeconds(30));
    assertThatThrownBy(() -> calculator.resourceReplicas(1, 50, "cpu", List.of(pod),
        Map.of("p0", new MetricsClient.PodMetric(100, NOW, Duration.ofSeconds(30))), NOW))
        .hasMessage("missing request for cpu in container main of Pod p0");
  }

  static Pod pod(String name, String request, boolean ready) {
    Pod pod = Fixtures.running(Fixtures.pod(name, Map.of("app", "web")), "n1", "10.0.0.1",
        ready, T0);
    return new PodBuilder(pod).editSpec().editFirstContainer().withNewResources()
        .withRequests(Map.of("cpu", new Quantity(request))).endResources().endContainer()
        .endSpec().build();
  }

  private static final class Arrays {
    @SafeVarargs
    static <T> List<T> asList(T... values) {
      return java.util.Arrays.asList(values);
    }
  }
}
