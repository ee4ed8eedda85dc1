package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.concurrent.CompletionStage;

/**
 * What the scheduler writes to the API (client-go calls in kube-scheduler): bindings, pod status
 * conditions, preemption's deletions, events. The production implementation speaks to the
 * apiserver through fabric8; tests record the calls. Thread-safe.
 */
public interface ClusterClient {
  /**
   * POSTs a binding of {@code pod} to {@code node}; the stage completes exceptionally when the
   * apiserver refuses it (e.g. 409 when the pod is already bound).
   */
  CompletionStage<Void> bind(Pod pod, String node);

  /**
   * Sets {@code condition} (matched by type; null for none) and, when {@code nominatedNodeName} is not null,
   * {@code status.nominatedNodeName} ("" clears it) through the status subresource.
   */
  void updatePodStatus(Pod pod, PodCondition condition, String nominatedNodeName);

  /** Deletes a pod (a preemption victim) with its default grace period. */
  void deletePod(Pod pod);

  /** Records an event about {@code pod}; never blocks on the API. */
  void event(Pod pod, String type, String reason, String message);
}
