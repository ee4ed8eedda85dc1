package io.kubee.scheduler.plugins;

import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.Listers;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scoring half of {@link PodTopologySpread} (plugins/podtopologyspread/scoring.go): a node
 * scores the matching pods of its domains, each constraint weighted by log(domains + 2), plus
 * maxSkew - 1; normalization turns fewer pods into a higher score. Nodes lacking a topology key
 * of the pod's own constraints score 0.
 */
final class PodTopologySpreadScoring {
  private static final String STATE_KEY = "PreScore" + PodTopologySpread.NAME;

  private PodTopologySpreadScoring() {}

  private record State(List<SpreadConstraint> constraints, Set<String> ignored,
      Map<TopologyPair, long[]> domainCounts, double[] weights) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  static Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible,
      Snapshot snapshot, Listers listers) {
    List<SpreadConstraint> constraints = SpreadConstraint.of(pod.pod(), false);
    boolean own = pod.pod().getSpec().getTopologySpreadConstraints() != null
        && !pod.pod().getSpec().getTopologySpreadConstraints().isEmpty();
    if (!own) {
      constraints = SpreadConstraint.systemDefaults(pod.pod(), listers);
    }
    if (constraints.isEmpty()) {
      return Status.SKIP;
    }
    boolean requireAll = own;
    Set<String> ignored = new HashSet<>();
    Map<TopologyPair, long[]> domains = new HashMap<>();
    int[] sizes = new int[constraints.size()];
    for (NodeInfo node : feasible) {
      if (requireAll && !SpreadConstraint.nodeHasAllKeys(node.labels(), constraints)) {
        ignored.add(node.name());
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        String key = constraints.get(i).topologyKey();
        String value = node.labels().get(key);
        if (key.equals(SpreadConstraint.HOSTNAME) || value == null) {
          continue;
        }
        if (domains.putIfAbsent(new TopologyPair(key, value), new long[1]) == null) {
          sizes[i]++;
        }
      }
    }
    double[] weights = new double[constraints.size()];
    for (int i = 0; i < constraints.size(); i++) {
      int size = constraints.get(i).topologyKey().equals(SpreadConstraint.HOSTNAME)
          ? feasible.size() - ignored.size() : sizes[i];
      weights[i] = Math.log(size + 2);
    }
    if (!domains.isEmpty()) {
      for (NodeInfo node : snapshot.list()) {
        if (requireAll && !SpreadConstraint.nodeHasAllKeys(node.labels(), constraints)) {
          continue;
        }
        for (SpreadConstraint c : constraints) {
          String value = node.labels().get(c.topologyKey());
          long[] count = value == null ? null : domains.get(new TopologyPair(c.topologyKey(),
              value));
          if (count != null && c.includes(pod.pod(), node.node(), node.taints())) {
            count[0] += c.countMatching(node, pod.namespace());
          }
        }
      }
    }
    state.write(STATE_KEY, new State(constraints, ignored, domains, weights));
    return Status.SUCCESS;
  }

  static long score(CycleState state, PodInfo pod, NodeInfo node) {
    State s = state.read(STATE_KEY);
    if (s.ignored().contains(node.name())) {
      return 0;
    }
    double score = 0;
    for (int i = 0; i < s.constraints().size(); i++) {
      SpreadConstraint c = s.constraints().get(i);
      String value = node.labels().get(c.topologyKey());
      if (value == null) {
        continue;
      }
      long count;
      if (c.topologyKey().equals(SpreadConstraint.HOSTNAME)) {
        count = c.countMatching(node, pod.namespace());
      } else {
        long[] domain = s.domainCounts().get(new TopologyPair(c.topologyKey(), value));
        count = domain == null ? 0 : domain[0];
      }
      score += count * s.weights()[i] + (c.maxSkew() - 1);
    }
    return Math.round(score);
  }

  static void normalize(CycleState state, List<NodeInfo> nodes, long[] scores) {
    State s = state.read(STATE_KEY);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < scores.length; i++) {
      if (s.ignored().contains(nodes.get(i).name())) {
        continue;
      }
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    }
    for (int i = 0; i < scores.length; i++) {
      if (s.ignored().contains(nodes.get(i).name())) {
        scores[i] = 0;
      } else if (max == 0) {
        scores[i] = 100;
      } else {
        scores[i] = 100 * (max + min - scores[i]) / max;
      }
    }
  }
}
