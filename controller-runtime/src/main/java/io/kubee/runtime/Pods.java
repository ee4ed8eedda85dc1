package io.kubee.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Pod facts controllers share, as Kubernetes' {@code podutil} (pkg/api/v1/pod/util.go) and
 * {@code controller.IsPodActive}: readiness, availability after {@code minReadySeconds},
 * terminal phases. Null-safe; a pod without status is pending and not ready.
 */
public final class Pods {
  private Pods() {}

  /** The pod's Ready condition, or null. */
  public static PodCondition readyCondition(Pod pod) {
    return condition(pod, "Ready");
  }

  /** The condition of {@code type}, or null. */
  public static PodCondition condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    for (PodCondition condition : pod.getStatus().getConditions()) {
      if (type.equals(condition.getType())) {
        return condition;
      }
    }
    return null;
  }

  /** {@code IsPodReady}: the Ready condition is True. */
  public static boolean isReady(Pod pod) {
    PodCondition ready = readyCondition(pod);
    return ready != null && "True".equals(ready.getStatus());
  }

  /**
   * {@code IsPodAvailable}: ready, and for {@code minReadySeconds} at {@code now} (by the Ready
   * condition's lastTransitionTime; an unknown transition time counts as long ago).
   */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    Instant since = time(readyCondition(pod).getLastTransitionTime());
    return since == null || !since.plusSeconds(minReadySeconds).isAfter(now);
  }

  public static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null
        ? "Pending" : pod.getStatus().getPhase();
  }

  /** Succeeded or Failed: its containers will not run again. */
  public static boolean isTerminal(Pod pod) {
    String phase = phase(pod);
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  /** {@code IsPodActive}: not terminal and not being deleted. */
  public static boolean isActive(Pod pod) {
    return !isTerminal(pod) && pod.getMetadata().getDeletionTimestamp() == null;
  }

  public static boolean isScheduled(Pod pod) {
    return pod.getSpec() != null && pod.getSpec().getNodeName() != null
        && !pod.getSpec().getNodeName().isEmpty();
  }

  /** An RFC 3339 time of the API, or null when absent or malformed. */
  public static Instant time(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(rfc3339);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
