package io.kubee.scheduler.plugins;

import java.util.HashMap;
import java.util.Map;

/**
 * Matching pods per topology domain (kube-scheduler's {@code topologyToMatchedTermCount}); an
 * entry that drops to zero is removed, so "empty" means "no domain has any".
 */
final class TopologyCounts {
  final Map<TopologyPair, Long> counts;

  TopologyCounts() {
    this.counts = new HashMap<>();
  }

  private TopologyCounts(Map<TopologyPair, Long> counts) {
    this.counts = new HashMap<>(counts);
  }

  TopologyCounts copy() {
    return new TopologyCounts(counts);
  }

  /** Adds {@code value} to the domain of {@code node}'s label {@code key}, if it has the label. */
  void update(Map<String, String> nodeLabels, String key, long value) {
    String v = nodeLabels.get(key);
    if (v != null) {
      counts.merge(new TopologyPair(key, v), value, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  long get(String key, String value) {
    return counts.getOrDefault(new TopologyPair(key, value), 0L);
  }

  boolean isEmpty() {
    return counts.isEmpty();
  }
}
