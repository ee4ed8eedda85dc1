package io.kubee.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.EnqueueExtensions;
import io.kubee.scheduler.framework.FilterPlugin;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.framework.Tolerations;
import java.util.Set;

/**
 * Rejects cordoned nodes ({@code spec.unschedulable}) unless the pod tolerates the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint
 * (plugins/nodeunschedulable/node_unschedulable.go).
 */
public final class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  public static final String NAME = "NodeUnschedulable";
  static final String REASON = "node(s) were unschedulable";
  private static final Taint UNSCHEDULABLE = new TaintBuilder()
      .withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").build();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    if (!node.unschedulable()) {
      return Status.SUCCESS;
    }
    return Tolerations.tolerated(pod.pod().getSpec().getTolerations(), UNSCHEDULABLE)
        ? Status.SUCCESS : Status.unresolvable(REASON);
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.NODE_ADD, ClusterEvent.NODE_TAINT_CHANGE);
  }
}
