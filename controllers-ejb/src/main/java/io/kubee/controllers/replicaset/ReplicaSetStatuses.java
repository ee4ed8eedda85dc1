package io.kubee.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubee.controllers.util.Json;
import io.kubee.controllers.util.Selectors;
import io.kubee.runtime.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A replica set's status from its pods ({@code calculateStatus} and
 * {@code updateReplicaSetStatus}, pkg/controller/replicaset/replica_set_utils.go): replicas,
 * fullyLabeledReplicas (labels match the template's), readyReplicas, availableReplicas (ready
 * for minReadySeconds), observedGeneration, and the ReplicaFailure condition while creating or
 * deleting pods fails.
 */
final class ReplicaSetStatuses {
  static final String REPLICA_FAILURE = "ReplicaFailure";

  private ReplicaSetStatuses() {}

  /**
   * @param manageError the failure of this sync's creates or deletes, or null
   */
  static ReplicaSetStatus calculate(ReplicaSet rs, List<Pod> pods, RuntimeException manageError,
      Instant now) {
    ReplicaSetStatus status = rs.getStatus() == null ? new ReplicaSetStatus()
        : Json.copy(rs.getStatus());
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    int minReady = minReadySeconds(rs);
    java.util.Map<String, String> templateLabels = rs.getSpec().getTemplate() == null
        || rs.getSpec().getTemplate().getMetadata() == null ? java.util.Map.of()
        : rs.getSpec().getTemplate().getMetadata().getLabels();
    for (Pod pod : pods) {
      if (Selectors.matchesSet(templateLabels == null ? java.util.Map.of() : templateLabels,
          pod.getMetadata().getLabels())) {
        fullyLabeled++;
      }
      if (Pods.isReady(pod)) {
        ready++;
        if (Pods.isAvailable(pod, minReady, now)) {
          available++;
        }
      }
    }
    ReplicaSetCondition failure = condition(status, REPLICA_FAILURE);
    if (manageError != null && failure == null) {
      int diff = pods.size() - replicas(rs);
      String reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
      List<ReplicaSetCondition> conditions = status.getConditions() == null
          ? new ArrayList<>() : new ArrayList<>(status.getConditions());
      conditions.add(new ReplicaSetConditionBuilder().withType(REPLICA_FAILURE)
          .withStatus("True").withReason(reason).withMessage(manageError.getMessage())
          .withLastTransitionTime(now.toString()).build());
      status.setConditions(conditions);
    } else if (manageError == null && failure != null) {
      List<ReplicaSetCondition> conditions = new ArrayList<>(status.getConditions());
      conditions.removeIf(c -> REPLICA_FAILURE.equals(c.getType()));
      status.setConditions(conditions.isEmpty() ? null : conditions);
    }
    status.setReplicas(pods.size());
    status.setFullyLabeledReplicas(fullyLabeled);
    status.setReadyReplicas(ready);
    status.setAvailableReplicas(available);
    return status;
  }

  /** Whether {@code status} differs from the stored one or the generation is unobserved. */
  static boolean needsUpdate(ReplicaSet rs, ReplicaSetStatus status) {
    ReplicaSetStatus old = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
    return !Objects.equals(value(old.getReplicas()), value(status.getReplicas()))
        || !Objects.equals(value(old.getFullyLabeledReplicas()),
            value(status.getFullyLabeledReplicas()))
        || !Objects.equals(value(old.getReadyReplicas()), value(status.getReadyReplicas()))
        || !Objects.equals(value(old.getAvailableReplicas()), value(status.getAvailableReplicas()))
        || !Objects.equals(old.getConditions() == null ? List.of() : old.getConditions(),
            status.getConditions() == null ? List.of() : status.getConditions())
        || !Objects.equals(old.getObservedGeneration(), rs.getMetadata().getGeneration());
  }

  static ReplicaSetCondition condition(ReplicaSetStatus status, String type) {
    if (status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElse(null);
  }

  static int replicas(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }

  static int minReadySeconds(ReplicaSet rs) {
    return rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
  }

  private static int value(Integer value) {
    return value == null ? 0 : value;
  }
}
