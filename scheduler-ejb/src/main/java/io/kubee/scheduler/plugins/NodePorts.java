package io.kubee.scheduler.plugins;

import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.EnqueueExtensions;
import io.kubee.scheduler.framework.FilterPlugin;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PreFilterPlugin;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import java.util.Set;

/**
 * Host ports (plugins/nodeports/node_ports.go): a node where another pod holds one of the pod's
 * host ports (same protocol, same or wildcard IP) does not fit. Pods without host ports skip it.
 */
public final class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  public static final String NAME = "NodePorts";
  static final String REASON = "node(s) didn't have free ports for the requested pod ports";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, PodInfo pod, Snapshot nodes) {
    return pod.hostPorts().isEmpty() ? Status.SKIP : Status.SUCCESS;
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    for (PodInfo.HostPort port : pod.hostPorts()) {
      if (node.portInUse(port)) {
        return Status.unschedulable(REASON);
      }
    }
    return Status.SUCCESS;
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.NODE_ADD, ClusterEvent.ASSIGNED_POD_DELETE);
  }
}
