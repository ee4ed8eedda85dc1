package io.kubee.controllers.util;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubee.runtime.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order in which a controller deletes surplus pods, the first ones first
 * ({@code ActivePodsWithRanks.Less}, pkg/controller/controller_utils.go, with Kubernetes 1.32's
 * default features PodDeletionCost and LogarithmicScaleDown): unscheduled before scheduled;
 * Pending before Unknown before Running; not ready before ready; lower
 * {@code controller.kubernetes.io/pod-deletion-cost} first; pods sharing a node with more
 * related pods first; ready for less time first (in logarithmic buckets); more container
 * restarts first; newer first.
 */
public final class ActivePodsWithRanks implements Comparator<Pod> {
  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
  private static final Map<String, Integer> PHASE_ORDER =
      Map.of("Pending", 0, "Unknown", 1, "Running", 2);

  private final Map<Pod, Integer> ranks;
  private final Instant now;

  /** @param ranks related active pods on each pod's node (pods absent count 0) */
  public ActivePodsWithRanks(Map<Pod, Integer> ranks, Instant now) {
    this.ranks = ranks;
    this.now = now;
  }

  @Override
  public int compare(Pod a, Pod b) {
    if (less(a, b)) {
      return -1;
    }
    return less(b, a) ? 1 : 0;
  }

  boolean less(Pod a, Pod b) {
    String nodeA = nodeName(a);
    String nodeB = nodeName(b);
    if (!nodeA.equals(nodeB) && (nodeA.isEmpty() || nodeB.isEmpty())) {
      return nodeA.isEmpty();
    }
    int phaseA = PHASE_ORDER.getOrDefault(Pods.phase(a), 0);
    int phaseB = PHASE_ORDER.getOrDefault(Pods.phase(b), 0);
    if (phaseA != phaseB) {
      return phaseA < phaseB;
    }
    if (Pods.isReady(a) != Pods.isReady(b)) {
      return !Pods.isReady(a);
    }
    int costA = deletionCost(a);
    int costB = deletionCost(b);
    if (costA != costB) {
      return costA < costB;
    }
    int rankA = ranks.getOrDefault(a, 0);
    int rankB = ranks.getOrDefault(b, 0);
    if (rankA != rankB) {
      return rankA > rankB;
    }
    if (Pods.isReady(a) && Pods.isReady(b)) {
      Instant readyA = Pods.time(Pods.readyCondition(a).getLastTransitionTime());
      Instant readyB = Pods.time(Pods.readyCondition(b).getLastTransitionTime());
      if (!java.util.Objects.equals(readyA, readyB)) {
        if (readyA == null || readyB == null) {
          return afterOrZero(readyA, readyB);
        }
        long diff = logarithmicRankDiff(readyA, readyB);
        if (diff == 0) {
          return uid(a).compareTo(uid(b)) < 0;
        }
        return diff < 0;
      }
    }
    int restartsA = maxRestarts(a);
    int restartsB = maxRestarts(b);
    if (restartsA != restartsB) {
      return restartsA > restartsB;
    }
    Instant createdA = Pods.time(a.getMetadata().getCreationTimestamp());
    Instant createdB = Pods.time(b.getMetadata().getCreationTimestamp());
    if (!java.util.Objects.equals(createdA, createdB)) {
      if (createdA == null || createdB == null) {
        return afterOrZero(createdA, createdB);
      }
      long diff = logarithmicRankDiff(createdA, createdB);
      if (diff == 0) {
        return uid(a).compareTo(uid(b)) < 0;
      }
      return diff < 0;
    }
    return false;
  }

  /** Go's {@code afterOrZero}: a zero time is "after" every other. */
  private static boolean afterOrZero(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null;
    }
    return a.isAfter(b);
  }

  /** {@code logarithmicRankDiff}: compares log2 of the ages, so similar ages tie. */
  private long logarithmicRankDiff(Instant a, Instant b) {
    return logRank(Duration.between(a, now)) - logRank(Duration.between(b, now));
  }

  private static long logRank(Duration age) {
    long nanos = age.toNanos();
    return nanos > 0 ? (long) (Math.log(nanos) / Math.log(2)) : -1;
  }

  private static int deletionCost(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(DELETION_COST);
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int maxRestarts(Pod pod) {
    int max = 0;
    if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
      List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
      for (ContainerStatus status : statuses) {
        max = Math.max(max, status.getRestartCount() == null ? 0 : status.getRestartCount());
      }
    }
    return max;
  }

  private static String nodeName(Pod pod) {
    return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? ""
        : pod.getSpec().getNodeName();
  }

  private static String uid(Pod pod) {
    return pod.getMetadata().getUid() == null ? "" : pod.getMetadata().getUid();
  }
}
