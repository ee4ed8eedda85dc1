package io.kubee.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.kubee.scheduler.framework.ClusterClient;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.queue.QueuedPodInfo;
import io.kubee.scheduler.queue.SchedulingQueue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a pod the scheduler could not place (kube-scheduler's
 * {@code handleSchedulingFailure}): back to the queue unless it was deleted or bound meanwhile,
 * its nomination recorded, a FailedScheduling event, and the PodScheduled=False condition
 * (reason Unschedulable, or SchedulerError) with the nominated node through the status
 * subresource, only when they changed. Thread-safe.
 */
final class FailureHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  private final SchedulingQueue queue;
  private final ClusterClient client;
  private final PodLookup lookup;

  FailureHandler(SchedulingQueue queue, ClusterClient client, PodLookup lookup,
      SchedulerStats stats) {
    this.queue = queue;
    this.client = client;
    this.lookup = lookup;
  }

  /**
   * @param unschedulable  the pod was rejected (reason Unschedulable) rather than an error
   * @param nominatedNode  the node preemption nominated, "" to clear, null to leave as is
   * @param cycle          the scheduling cycle of the attempt
   */
  void handle(QueuedPodInfo q, String message, boolean unschedulable, String nominatedNode,
      long cycle) {
    Pod pod = q.podInfo().pod();
    Pod current = lookup.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    if (current == null || !Objects.equals(current.getMetadata().getUid(),
        pod.getMetadata().getUid())) {
      LOG.debug("pod deleted while scheduling: pod={}", q.podInfo().key());
      return;
    }
    if (current.getSpec().getNodeName() != null && !current.getSpec().getNodeName().isEmpty()) {
      return; // bound meanwhile (by another scheduler instance)
    }
    PodInfo latest = new PodInfo(current);
    q.refresh(latest);
    queue.addUnschedulableIfNotPresent(q, cycle);
    if (nominatedNode != null) {
      if (nominatedNode.isEmpty()) {
        queue.nominator().deleteNominatedPodIfExists(latest.uid());
      } else {
        queue.nominator().addNominatedPod(latest, nominatedNode);
      }
    }
    LOG.debug("unable to schedule pod: pod={} message={}", latest.key(), message);
    client.event(current, "Warning", "FailedScheduling", message);
    PodCondition condition = condition(current, unschedulable ? "Unschedulable" : "SchedulerError",
        message);
    String currentNominated = current.getStatus() == null
        || current.getStatus().getNominatedNodeName() == null ? ""
        : current.getStatus().getNominatedNodeName();
    boolean nominationChanged = nominatedNode != null && !nominatedNode.equals(currentNominated);
    if (condition != null || nominationChanged) {
      client.updatePodStatus(current, condition, nominationChanged ? nominatedNode : null);
    }
  }

  /** The PodScheduled=False condition to set, or null when the pod already has it. */
  static PodCondition condition(Pod pod, String reason, String message) {
    PodCondition old = null;
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if ("PodScheduled".equals(c.getType())) {
          old = c;
        }
      }
    }
    if (old != null && "False".equals(old.getStatus()) && reason.equals(old.getReason())
        && message.equals(old.getMessage())) {
      return null;
    }
    String transition = old != null && "False".equals(old.getStatus())
        && old.getLastTransitionTime() != null ? old.getLastTransitionTime()
        : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new PodConditionBuilder().withType("PodScheduled").withStatus("False")
        .withReason(reason).withMessage(message).withLastTransitionTime(transition).build();
  }
}
