package io.kubee.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulingAlgorithmTest {
  record Case(String name, int percentage, int nodes, int want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("below 100 nodes every node is checked", 0, 99, 99),
        new Case("100 nodes: at least 100", 0, 100, 100),
        new Case("1000 nodes: 50 - 1000/125 = 42 %", 0, 1000, 420),
        new Case("5000 nodes: 50 - 40 = 10 %", 0, 5000, 500),
        new Case("6000 nodes: the 5 % floor", 0, 6000, 300),
        new Case("a configured percentage wins", 20, 1000, 200),
        new Case("never fewer than 100", 1, 1000, 100),
        new Case("100 % checks every node", 100, 5000, 5000));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void numFeasibleNodesToFind(Case c) {
    assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(c.percentage(), c.nodes()))
        .isEqualTo(c.want());
  }

  @Test
  void selectHostPicksABestScoreAndBreaksTiesAtRandom() {
    assertThat(SchedulingAlgorithm.selectHost(new long[] {1, 7, 3})).isEqualTo(1);
    Set<Integer> picked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      picked.add(SchedulingAlgorithm.selectHost(new long[] {5, 1, 5, 5}));
    }
    assertThat(picked).containsExactlyInAnyOrder(0, 2, 3);
  }
}
