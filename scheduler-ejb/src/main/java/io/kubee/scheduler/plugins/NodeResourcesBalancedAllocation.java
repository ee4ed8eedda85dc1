package io.kubee.scheduler.plugins;

import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.ScorePlugin;

/**
 * Favors nodes whose cpu and memory would be used in equal shares after placing the pod
 * (plugins/noderesources/balanced_allocation.go): score = (1 - |f_cpu - f_memory| / 2) × 100,
 * with f the requested fraction of allocatable (capped at 1), counting actual requests.
 */
public final class NodeResourcesBalancedAllocation implements ScorePlugin {
  public static final String NAME = "NodeResourcesBalancedAllocation";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    double[] fractions = new double[2];
    int n = 0;
    long cpuAllocatable = node.allocatable().milliCpu;
    if (cpuAllocatable != 0) {
      fractions[n++] = Math.min(1.0, (double) (node.requested().milliCpu
          + pod.requests().milliCpu) / cpuAllocatable);
    }
    long memoryAllocatable = node.allocatable().memory;
    if (memoryAllocatable != 0) {
      fractions[n++] = Math.min(1.0, (double) (node.requested().memory
          + pod.requests().memory) / memoryAllocatable);
    }
    double std = n == 2 ? Math.abs((fractions[0] - fractions[1]) / 2) : 0;
    return (long) ((1 - std) * MAX_NODE_SCORE);
  }
}
