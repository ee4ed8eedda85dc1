package io.kubee.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.EnqueueExtensions;
import io.kubee.scheduler.framework.FilterPlugin;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PreScorePlugin;
import io.kubee.scheduler.framework.ScorePlugin;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.framework.Tolerations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Taints and tolerations (plugins/tainttoleration/taint_toleration.go): a NoSchedule or NoExecute
 * taint the pod does not tolerate rejects the node; among the rest, fewer untolerated
 * PreferNoSchedule taints score higher.
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin,
    EnqueueExtensions {
  public static final String NAME = "TaintToleration";
  private static final String STATE_KEY = "PreScore" + NAME;

  /** The pod's tolerations that matter for scoring (effect empty or PreferNoSchedule). */
  private record PreScoreState(List<Toleration> tolerations) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    Taint taint = Tolerations.firstUntolerated(node.taints(), pod.pod().getSpec().getTolerations(),
        "NoSchedule", "NoExecute");
    if (taint == null) {
      return Status.SUCCESS;
    }
    return Status.unresolvable("node(s) had untolerated taint {" + taint.getKey() + ": "
        + (taint.getValue() == null ? "" : taint.getValue()) + "}");
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
    List<Toleration> preferNoSchedule = new ArrayList<>();
    List<Toleration> all = pod.pod().getSpec().getTolerations();
    if (all != null) {
      for (Toleration t : all) {
        if (t.getEffect() == null || t.getEffect().isEmpty()
            || t.getEffect().equals("PreferNoSchedule")) {
          preferNoSchedule.add(t);
        }
      }
    }
    state.write(STATE_KEY, new PreScoreState(preferNoSchedule));
    return Status.SUCCESS;
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    PreScoreState s = state.read(STATE_KEY);
    long count = 0;
    for (Taint taint : node.taints()) {
      if ("PreferNoSchedule".equals(taint.getEffect())
          && !Tolerations.tolerated(s.tolerations(), taint)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    ScorePlugin.defaultNormalize(MAX_NODE_SCORE, true, scores);
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.NODE_ADD, ClusterEvent.NODE_TAINT_CHANGE);
  }
}
