package io.kubee.controllers.util;

import static io.kubee.controllers.testing.Fixtures.T0;
import static io.kubee.controllers.testing.Fixtures.pod;
import static io.kubee.controllers.testing.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActivePodsWithRanksTest {
  private static final Instant NOW = T0.plus(Duration.ofDays(1));

  /** Two pods; {@code first} is deleted before {@code second}. */
  record Case(String name, Pod first, Pod second, int firstRank, int secondRank) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Pod ready(String name, Instant since) {
    return running(pod(name, Map.of()), "n1", "10.0.0.1", true, since);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("unscheduled before scheduled", pod("a", Map.of()), ready("b", T0), 0, 0),
        new Case("pending before running", new PodBuilder(ready("a", T0)).editStatus()
            .withPhase("Pending").endStatus().build(), ready("b", T0), 0, 0),
        new Case("not ready before ready", running(pod("a", Map.of()), "n1", "10.0.0.1", false,
            T0), ready("b", T0), 0, 0),
        new Case("lower deletion cost first", new PodBuilder(ready("a", T0)).editMetadata()
            .withAnnotations(Map.of(ActivePodsWithRanks.DELETION_COST, "-5")).endMetadata()
            .build(), ready("b", T0), 0, 0),
        new Case("doubled up on a node first", ready("a", T0), ready("b", T0), 3, 1),
        new Case("ready for less time first", ready("a", NOW.minus(Duration.ofMinutes(1))),
            ready("b", NOW.minus(Duration.ofHours(10))), 0, 0),
        new Case("more restarts first", new PodBuilder(ready("a", T0)).editStatus()
            .addNewContainerStatus().withName("main").withRestartCount(4).endContainerStatus()
            .endStatus().build(), ready("b", T0), 0, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ordersPodsForDeletion(Case c) {
    Map<Pod, Integer> ranks = new IdentityHashMap<>();
    ranks.put(c.first(), c.firstRank());
    ranks.put(c.second(), c.secondRank());
    ActivePodsWithRanks order = new ActivePodsWithRanks(ranks, NOW);
    assertThat(order.compare(c.first(), c.second())).isNegative();
    assertThat(order.compare(c.second(), c.first())).isPositive();
  }
}
