package io.kubee.scheduler.framework;

import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FitErrorTest {
  record Case(String name, Map<String, Status> statuses, String preFilter, String postFilter,
      String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Map<String, Status> statuses(Status... s) {
    Map<String, Status> map = new LinkedHashMap<>();
    for (int i = 0; i < s.length; i++) {
      map.put("n" + i, s[i]);
    }
    return map;
  }

  static Stream<Case> cases() {
    Status cpu = Status.unschedulable("Insufficient cpu");
    Status taint = Status.unresolvable("node(s) had untolerated taint {dedicated: gpu}");
    return Stream.of(
        new Case("reasons are counted and sorted", statuses(cpu, taint, taint), "", "",
            "0/3 nodes are available: 1 Insufficient cpu, "
                + "2 node(s) had untolerated taint {dedicated: gpu}."),
        new Case("several reasons of one node all count",
            statuses(Status.unschedulable("Insufficient cpu", "Insufficient memory")), "", "",
            "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory."),
        new Case("preemption's message follows", statuses(cpu), "",
            "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming "
                + "pod.", "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes "
                + "are available: 1 No preemption victims found for incoming pod.."),
        new Case("a PreFilter rejection is said once", statuses(cpu, cpu), "pod affinity terms "
            + "conflict", "", "0/2 nodes are available: pod affinity terms conflict."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void message(Case c) {
    FitError error = new FitError(new PodInfo(pod("p")), c.statuses().size(), c.statuses(),
        c.preFilter(), c.postFilter());
    assertThat(error.getMessage()).isEqualTo(c.want());
  }
}
