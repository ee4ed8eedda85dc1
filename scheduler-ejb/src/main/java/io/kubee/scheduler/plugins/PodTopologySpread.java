package io.kubee.scheduler.plugins;

import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.EnqueueExtensions;
import io.kubee.scheduler.framework.FilterPlugin;
import io.kubee.scheduler.framework.Handle;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PreFilterPlugin;
import io.kubee.scheduler.framework.PreScorePlugin;
import io.kubee.scheduler.framework.ScorePlugin;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Topology spread constraints (plugins/podtopologyspread/filtering.go): for each DoNotSchedule
 * constraint, placing the pod must not make its domain exceed the least populated domain by more
 * than maxSkew (fewer domains than minDomains count the minimum as 0). ScheduleAnyway
 * constraints, or the system defaults for pods of a Service or ReplicaSet, score through
 * {@link PodTopologySpreadScoring}.
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin,
    ScorePlugin, EnqueueExtensions, PreFilterPlugin.PreFilterExtensions {
  public static final String NAME = "PodTopologySpread";
  static final String REASON = "node(s) didn't match pod topology spread constraints";
  static final String MISSING_LABEL_REASON = REASON + " (missing required label)";
  private static final String STATE_KEY = "PreFilter" + NAME;

  private final Handle handle;

  public PodTopologySpread(Handle handle) {
    this.handle = handle;
  }

  /** Matching pods per domain for each constraint, with the cached minimum. */
  private static final class State implements CycleState.StateData {
    final List<SpreadConstraint> constraints;
    final List<Map<String, Integer>> counts;
    final int[] min;

    State(List<SpreadConstraint> constraints, List<Map<String, Integer>> counts) {
      this.constraints = constraints;
      this.counts = counts;
      this.min = new int[constraints.size()];
      for (int i = 0; i < min.length; i++) {
        recomputeMin(i);
      }
    }

    void recomputeMin(int i) {
      Map<String, Integer> domains = counts.get(i);
      if (domains.size() < constraints.get(i).minDomains()) {
        min[i] = 0;
        return;
      }
      int m = Integer.MAX_VALUE;
      for (int c : domains.values()) {
        m = Math.min(m, c);
      }
      min[i] = m;
    }

    @Override
    public CycleState.StateData copy() {
      List<Map<String, Integer>> copies = new ArrayList<>();
      counts.forEach(c -> copies.add(new HashMap<>(c)));
      return new State(constraints, copies);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, PodInfo pod, Snapshot nodes) {
    List<SpreadConstraint> constraints = SpreadConstraint.of(pod.pod(), true);
    if (constraints.isEmpty()) {
      return Status.SKIP;
    }
    List<Map<String, Integer>> counts = new ArrayList<>();
    constraints.forEach(c -> counts.add(new HashMap<>()));
    for (NodeInfo node : nodes.list()) {
      if (!SpreadConstraint.nodeHasAllKeys(node.labels(), constraints)) {
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        SpreadConstraint c = constraints.get(i);
        if (c.includes(pod.pod(), node.node(), node.taints())) {
          counts.get(i).merge(node.labels().get(c.topologyKey()),
              c.countMatching(node, pod.namespace()), Integer::sum);
        }
      }
    }
    state.write(STATE_KEY, new State(constraints, counts));
    return Status.SUCCESS;
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    State s = state.read(STATE_KEY);
    if (s == null) {
      return Status.error("reading " + STATE_KEY + ": PreFilter did not run");
    }
    for (int i = 0; i < s.constraints.size(); i++) {
      SpreadConstraint c = s.constraints.get(i);
      String value = node.labels().get(c.topologyKey());
      if (value == null) {
        return Status.unresolvable(MISSING_LABEL_REASON);
      }
      int self = c.selector().test(pod.labels()) ? 1 : 0;
      long skew = (long) s.counts.get(i).getOrDefault(value, 0) + self - s.min[i];
      if (skew > c.maxSkew()) {
        return Status.unschedulable(REASON);
      }
    }
    return Status.SUCCESS;
  }

  @Override
  public PreFilterExtensions preFilterExtensions() {
    return this;
  }

  @Override
  public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
    update(state, pod, added, node, 1);
  }

  @Override
  public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
    update(state, pod, removed, node, -1);
  }

  private static void update(CycleState state, PodInfo pod, PodInfo other, NodeInfo node,
      int delta) {
    State s = state.read(STATE_KEY);
    if (s == null || !other.namespace().equals(pod.namespace())
        || !SpreadConstraint.nodeHasAllKeys(node.labels(), s.constraints)) {
      return;
    }
    for (int i = 0; i < s.constraints.size(); i++) {
      SpreadConstraint c = s.constraints.get(i);
      if (c.selector().test(other.labels()) && c.includes(pod.pod(), node.node(), node.taints())) {
        s.counts.get(i).merge(node.labels().get(c.topologyKey()), delta, Integer::sum);
        s.recomputeMin(i);
      }
    }
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
    return PodTopologySpreadScoring.preScore(state, pod, feasible, handle.snapshot(),
        handle.listers());
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    return PodTopologySpreadScoring.score(state, pod, node);
  }

  @Override
  public void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    PodTopologySpreadScoring.normalize(state, nodes, scores);
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.ASSIGNED_POD_ADD, ClusterEvent.ASSIGNED_POD_UPDATE,
        ClusterEvent.ASSIGNED_POD_DELETE, ClusterEvent.NODE_ADD, ClusterEvent.NODE_LABEL_CHANGE,
        ClusterEvent.NODE_TAINT_CHANGE, ClusterEvent.NODE_DELETE);
  }
}
