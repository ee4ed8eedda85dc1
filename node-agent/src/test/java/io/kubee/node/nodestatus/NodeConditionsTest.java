package io.kubee.node.nodestatus;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeCondition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node conditions from signals, and the thresholds that make the signals. */
class NodeConditionsTest {
  static NodeConditions.Signals healthy() {
    return new NodeConditions.Signals(false, false, false, true, "", true, "", true, "");
  }

  static NodeCondition get(List<NodeCondition> conditions, String type) {
    return conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void a_healthy_node_is_ready_with_no_pressure() {
    List<NodeCondition> c = NodeConditions.build(healthy(), null, Instant.parse(
        "2026-01-01T00:00:00Z"));
    assertThat(c).extracting(NodeCondition::getType).containsExactly("MemoryPressure",
        "DiskPressure", "PIDPressure", "NetworkUnavailable", "Ready");
    assertThat(get(c, "Ready").getStatus()).isEqualTo("True");
    assertThat(get(c, "Ready").getReason()).isEqualTo("KubeletReady");
    assertThat(get(c, "MemoryPressure").getReason()).isEqualTo("KubeletHasSufficientMemory");
    assertThat(get(c, "NetworkUnavailable").getStatus()).isEqualTo("False");
  }

  @Test
  void an_unready_network_makes_the_node_not_ready_and_keeps_transition_times() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<NodeCondition> first = NodeConditions.build(healthy(), null, t0);
    NodeConditions.Signals noNetwork = new NodeConditions.Signals(false, true, false, true, "",
        false, "NetworkReady=false reason:NetworkPluginNotReady", true, "");
    List<NodeCondition> second = NodeConditions.build(noNetwork, first, t0.plusSeconds(10));
    assertThat(get(second, "Ready").getStatus()).isEqualTo("False");
    assertThat(get(second, "Ready").getMessage()).contains("network not ready");
    assertThat(get(second, "NetworkUnavailable").getStatus()).isEqualTo("True");
    assertThat(get(second, "DiskPressure").getReason()).isEqualTo("KubeletHasDiskPressure");
    assertThat(get(second, "MemoryPressure").getLastTransitionTime())
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(get(second, "MemoryPressure").getLastHeartbeatTime())
        .isEqualTo("2026-01-01T00:00:10Z");
    assertThat(get(second, "Ready").getLastTransitionTime()).isEqualTo("2026-01-01T00:00:10Z");
    assertThat(NodeConditions.changed(first, second)).isTrue();
    assertThat(NodeConditions.changed(second, NodeConditions.build(noNetwork, second,
        t0.plusSeconds(20)))).isFalse();
  }

  @Test
  void thresholds_are_quantities_or_percentages_of_capacity() {
    EvictionThresholds t = EvictionThresholds.parse(EvictionThresholds.DEFAULTS);
    long gib = 1L << 30;
    assertThat(t.crossed("memory.available", 99L << 20, 8 * gib)).isTrue();
    assertThat(t.crossed("memory.available", 101L << 20, 8 * gib)).isFalse();
    assertThat(t.crossed("nodefs.available", 9 * gib, 100 * gib)).isTrue();
    assertThat(t.crossed("nodefs.available", 11 * gib, 100 * gib)).isFalse();
    assertThat(t.crossed("unknown.signal", 0, 1)).isFalse();
    assertThat(t.get("imagefs.available").value(100)).isEqualTo(15);
  }
}
