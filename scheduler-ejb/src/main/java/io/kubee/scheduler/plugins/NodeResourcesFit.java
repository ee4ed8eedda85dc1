package io.kubee.scheduler.plugins;

import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.EnqueueExtensions;
import io.kubee.scheduler.framework.FilterPlugin;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Resource;
import io.kubee.scheduler.framework.ScorePlugin;
import io.kubee.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resources (plugins/noderesources/fit.go): the pod's requests (containers, init containers,
 * overhead) must fit in the node's allocatable beside what its pods request, and the pod count
 * under its {@code pods} allocatable. Scores by the scoring strategy over cpu and memory
 * (weights 1): LeastAllocated (default, spreads) or MostAllocated (packs), counting 100m cpu and
 * 200 MiB for pods that request none.
 */
public final class NodeResourcesFit implements FilterPlugin, ScorePlugin, EnqueueExtensions {
  public static final String NAME = "NodeResourcesFit";
  public static final String SCORING_STRATEGY = "scoringStrategy";

  /** How free room turns into a score. */
  public enum Strategy { LEAST_ALLOCATED, MOST_ALLOCATED }

  private final Strategy strategy;

  public NodeResourcesFit(Strategy strategy) {
    this.strategy = strategy;
  }

  /** From plugin arguments: {@code scoringStrategy=LeastAllocated|MostAllocated}. */
  public static NodeResourcesFit fromArgs(Map<String, String> args) {
    String value = args.getOrDefault(SCORING_STRATEGY, "LeastAllocated");
    return switch (value) {
      case "LeastAllocated" -> new NodeResourcesFit(Strategy.LEAST_ALLOCATED);
      case "MostAllocated" -> new NodeResourcesFit(Strategy.MOST_ALLOCATED);
      default -> throw new IllegalArgumentException(NAME + ": scoringStrategy must be "
          + "LeastAllocated or MostAllocated, not " + value);
    };
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    List<String> reasons = insufficient(pod.requests(), node);
    return reasons.isEmpty() ? Status.SUCCESS : Status.of(
        io.kubee.scheduler.framework.Code.UNSCHEDULABLE, reasons);
  }

  /** Kubernetes' {@code fitsRequest}: the reasons the node lacks room, in its order. */
  static List<String> insufficient(Resource request, NodeInfo node) {
    List<String> reasons = List.of();
    Resource allocatable = node.allocatable();
    Resource requested = node.requested();
    if (node.pods().size() + 1 > allocatable.allowedPods) {
      reasons = add(reasons, "Too many pods");
    }
    if (request.isZero()) {
      return reasons;
    }
    if (request.milliCpu > 0 && request.milliCpu > allocatable.milliCpu - requested.milliCpu) {
      reasons = add(reasons, "Insufficient cpu");
    }
    if (request.memory > 0 && request.memory > allocatable.memory - requested.memory) {
      reasons = add(reasons, "Insufficient memory");
    }
    if (request.ephemeralStorage > 0
        && request.ephemeralStorage > allocatable.ephemeralStorage - requested.ephemeralStorage) {
      reasons = add(reasons, "Insufficient ephemeral-storage");
    }
    if (request.scalar.isEmpty()) {
      return reasons; // most pods: no iterator over an empty TreeMap for each of 5,000 nodes
    }
    for (Map.Entry<String, Long> e : request.scalar.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      long free = allocatable.scalar.getOrDefault(e.getKey(), 0L)
          - requested.scalar.getOrDefault(e.getKey(), 0L);
      if (e.getValue() > free) {
        reasons = add(reasons, "Insufficient " + e.getKey());
      }
    }
    return reasons;
  }

  private static List<String> add(List<String> reasons, String reason) {
    List<String> more = reasons.isEmpty() ? new ArrayList<>(4) : reasons;
    more.add(reason);
    return more;
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    long cpu = resourceScore(node.nonZeroMilliCpu() + pod.nonZeroMilliCpu(),
        node.allocatable().milliCpu);
    long memory = resourceScore(node.nonZeroMemory() + pod.nonZeroMemory(),
        node.allocatable().memory);
    return (cpu + memory) / 2;
  }

  private long resourceScore(long requested, long capacity) {
    if (capacity == 0) {
      return 0;
    }
    if (strategy == Strategy.LEAST_ALLOCATED) {
      return requested > capacity ? 0 : (capacity - requested) * MAX_NODE_SCORE / capacity;
    }
    return Math.min(requested, capacity) * MAX_NODE_SCORE / capacity;
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.ASSIGNED_POD_DELETE, ClusterEvent.NODE_ADD,
        ClusterEvent.NODE_ALLOCATABLE_CHANGE);
  }
}
