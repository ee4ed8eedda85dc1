package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.kubee.runtime.Keys;
import io.kubee.runtime.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Rollout progress (pkg/controller/deployment/progress.go): the Progressing condition moves to
 * ReplicaSetUpdated while pods are updated or become available, to NewReplicaSetAvailable when
 * the rollout completes, and to ProgressDeadlineExceeded when nothing moved for
 * progressDeadlineSeconds; a stuck deployment is queued again for the deadline check.
 */
final class DeploymentProgress {
  private final DeploymentSync sync;
  private final BiConsumer<String, Duration> requeue;

  /** @param requeue queues a deployment key again after a delay */
  DeploymentProgress(DeploymentSync sync, BiConsumer<String, Duration> requeue) {
    this.sync = sync;
    this.requeue = requeue;
  }

  /** {@code syncRolloutStatus}. */
  void syncRolloutStatus(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
    DeploymentStatus status = sync.calculateStatus(all, newRs, d);
    Instant now = sync.clock.instant();
    if (!DeploymentSync.hasProgressDeadline(d)) {
      DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
    }
    DeploymentCondition current = DeploymentConditions.get(d.getStatus(),
        DeploymentConditions.PROGRESSING);
    boolean completeBefore = Objects.equals(status.getReplicas(), status.getUpdatedReplicas())
        && current != null && DeploymentConditions.NEW_RS_AVAILABLE.equals(current.getReason());
    String subject = newRs != null ? "ReplicaSet \"" + newRs.getMetadata().getName() + "\""
        : "Deployment \"" + d.getMetadata().getName() + "\"";
    if (DeploymentSync.hasProgressDeadline(d) && !completeBefore) {
      if (complete(d, status)) {
        DeploymentConditions.set(status, DeploymentConditions.create(
            DeploymentConditions.PROGRESSING, "True", DeploymentConditions.NEW_RS_AVAILABLE,
            subject + " has successfully progressed.", now));
      } else if (progressing(d, status)) {
        DeploymentCondition condition = DeploymentConditions.create(
            DeploymentConditions.PROGRESSING, "True", DeploymentConditions.REPLICA_SET_UPDATED,
            subject + " is progressing.", now);
        if (current != null) {
          if ("True".equals(current.getStatus())) {
            condition.setLastTransitionTime(current.getLastTransitionTime());
          }
          DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
        }
        // same reason again on purpose: lastUpdateTime records the progress
        List<DeploymentCondition> conditions = status.getConditions() == null
            ? new java.util.ArrayList<>() : new java.util.ArrayList<>(status.getConditions());
        conditions.add(condition);
        status.setConditions(conditions);
      } else if (timedOut(d, status, now)) {
        DeploymentConditions.set(status, DeploymentConditions.create(
            DeploymentConditions.PROGRESSING, "False", DeploymentConditions.TIMED_OUT,
            subject + " has timed out progressing.", now));
      }
    }
    DeploymentCondition failure = replicaFailure(all, newRs);
    if (failure != null) {
      DeploymentConditions.set(status, failure);
    } else {
      DeploymentConditions.remove(status, DeploymentConditions.REPLICA_FAILURE);
    }
    if (Objects.equals(d.getStatus(), status)) {
      requeueStuck(d, status, now);
      return;
    }
    d.setStatus(status);
    sync.updateStatus(d);
  }

  /** {@code DeploymentComplete}: every desired replica updated and available, no old ones. */
  static boolean complete(Deployment d, DeploymentStatus status) {
    if (status == null) {
      return false;
    }
    int replicas = Fenceposts.replicas(d);
    return value(status.getUpdatedReplicas()) == replicas
        && value(status.getReplicas()) == replicas
        && value(status.getAvailableReplicas()) == replicas
        && (status.getObservedGeneration() == null ? 0 : status.getObservedGeneration())
            >= (d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration());
  }

  /** {@code DeploymentProgressing}: more updated, ready or available pods, fewer old ones. */
  static boolean progressing(Deployment d, DeploymentStatus now) {
    DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    int oldOld = value(old.getReplicas()) - value(old.getUpdatedReplicas());
    int newOld = value(now.getReplicas()) - value(now.getUpdatedReplicas());
    return value(now.getUpdatedReplicas()) > value(old.getUpdatedReplicas())
        || newOld < oldOld
        || value(now.getReadyReplicas()) > value(old.getReadyReplicas())
        || value(now.getAvailableReplicas()) > value(old.getAvailableReplicas());
  }

  /** {@code DeploymentTimedOut}. */
  static boolean timedOut(Deployment d, DeploymentStatus status, Instant now) {
    if (!DeploymentSync.hasProgressDeadline(d)) {
      return false;
    }
    DeploymentCondition condition = DeploymentConditions.get(status,
        DeploymentConditions.PROGRESSING);
    if (condition == null || DeploymentConditions.NEW_RS_AVAILABLE.equals(condition.getReason())) {
      return false;
    }
    if (DeploymentConditions.TIMED_OUT.equals(condition.getReason())) {
      return true;
    }
    Instant from = Pods.time(condition.getLastUpdateTime());
    return from != null
        && from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(now);
  }

  /** {@code requeueStuckDeployment}: check the deadline again when it would pass. */
  private void requeueStuck(Deployment d, DeploymentStatus status, Instant now) {
    DeploymentCondition current = DeploymentConditions.get(d.getStatus(),
        DeploymentConditions.PROGRESSING);
    if (!DeploymentSync.hasProgressDeadline(d) || current == null || complete(d, status)
        || DeploymentConditions.TIMED_OUT.equals(current.getReason())) {
      return;
    }
    Instant updated = Pods.time(current.getLastUpdateTime());
    if (updated == null) {
      return;
    }
    Duration after = Duration.between(now,
        updated.plusSeconds(d.getSpec().getProgressDeadlineSeconds()));
    requeue.accept(Keys.of(d), after.compareTo(Duration.ofSeconds(1)) < 0
        ? Duration.ofSeconds(1) : after.plusSeconds(1));
  }

  /** {@code getReplicaFailures}: the new replica set's failure first, else an old one's. */
  private static DeploymentCondition replicaFailure(List<ReplicaSet> all, ReplicaSet newRs) {
    DeploymentCondition found = failureOf(newRs);
    if (found != null) {
      return found;
    }
    for (ReplicaSet rs : all) {
      found = failureOf(rs);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static DeploymentCondition failureOf(ReplicaSet rs) {
    if (rs == null || rs.getStatus() == null || rs.getStatus().getConditions() == null) {
      return null;
    }
    for (ReplicaSetCondition c : rs.getStatus().getConditions()) {
      if (DeploymentConditions.REPLICA_FAILURE.equals(c.getType())) {
        return new DeploymentConditionBuilder().withType(c.getType()).withStatus(c.getStatus())
            .withReason(c.getReason()).withMessage(c.getMessage())
            .withLastUpdateTime(c.getLastTransitionTime())
            .withLastTransitionTime(c.getLastTransitionTime()).build();
      }
    }
    return null;
  }

  private static int value(Integer value) {
    return value == null ? 0 : value;
  }
}
