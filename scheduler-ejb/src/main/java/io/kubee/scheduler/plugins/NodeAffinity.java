package io.kubee.scheduler.plugins;

import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.EnqueueExtensions;
import io.kubee.scheduler.framework.FilterPlugin;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.NodeSelectors;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PreFilterPlugin;
import io.kubee.scheduler.framework.PreScorePlugin;
import io.kubee.scheduler.framework.ScorePlugin;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code spec.nodeSelector} and node affinity (plugins/nodeaffinity/node_affinity.go): required
 * terms filter, preferred terms add their weight when they match; scores are normalized to the
 * best node.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin,
    ScorePlugin, EnqueueExtensions {
  public static final String NAME = "NodeAffinity";
  static final String REASON = "node(s) didn't match Pod's node affinity/selector";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Skip when the pod has neither a nodeSelector nor required node affinity, as Kubernetes'
   * PreFilter does: its Filter then never runs, instead of once per node for nothing.
   */
  @Override
  public Status preFilter(CycleState state, PodInfo pod, Snapshot nodes) {
    Map<String, String> selector = pod.pod().getSpec().getNodeSelector();
    return (selector == null || selector.isEmpty())
        && NodeSelectors.requiredNodeAffinity(pod.pod()) == null ? Status.SKIP : Status.SUCCESS;
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    return NodeSelectors.podMatchesNode(pod.pod(), node.name(), node.labels()) ? Status.SUCCESS
        : Status.unresolvable(REASON);
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
    return preferred(pod).isEmpty() ? Status.SKIP : Status.SUCCESS;
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    long total = 0;
    for (PreferredSchedulingTerm term : preferred(pod)) {
      if (term.getWeight() != null && term.getWeight() != 0 && term.getPreference() != null
          && NodeSelectors.matches(term.getPreference(), node.name(), node.labels())) {
        total += term.getWeight();
      }
    }
    return total;
  }

  @Override
  public void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    ScorePlugin.defaultNormalize(MAX_NODE_SCORE, false, scores);
  }

  private static List<PreferredSchedulingTerm> preferred(PodInfo pod) {
    var affinity = pod.pod().getSpec().getAffinity();
    if (affinity == null || affinity.getNodeAffinity() == null) {
      return List.of();
    }
    List<PreferredSchedulingTerm> terms =
        affinity.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
    return terms == null ? List.of() : terms;
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.NODE_ADD, ClusterEvent.NODE_LABEL_CHANGE);
  }
}
