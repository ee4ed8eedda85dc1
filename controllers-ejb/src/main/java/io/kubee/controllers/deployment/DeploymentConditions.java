package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployment conditions and their reasons (pkg/controller/deployment/util/deployment_util.go):
 * Progressing, Available and ReplicaFailure, set so that lastTransitionTime moves only when the
 * status changes.
 */
final class DeploymentConditions {
  static final String PROGRESSING = "Progressing";
  static final String AVAILABLE = "Available";
  static final String REPLICA_FAILURE = "ReplicaFailure";

  static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
  static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
  static final String NEW_REPLICA_SET = "NewReplicaSetCreated";
  static final String FOUND_NEW_RS = "FoundNewReplicaSet";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String PAUSED = "DeploymentPaused";
  static final String RESUMED = "DeploymentResumed";
  static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
  static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";

  private DeploymentConditions() {}

  static DeploymentCondition create(String type, String status, String reason, String message,
      Instant now) {
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new DeploymentConditionBuilder().withType(type).withStatus(status)
        .withReason(reason).withMessage(message)
        .withLastUpdateTime(time).withLastTransitionTime(time).build();
  }

  static DeploymentCondition get(DeploymentStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    for (DeploymentCondition condition : status.getConditions()) {
      if (type.equals(condition.getType())) {
        return condition;
      }
    }
    return null;
  }

  /**
   * {@code SetDeploymentCondition}: nothing changes when a condition of the same status and
   * reason is there; a same-status condition keeps its lastTransitionTime.
   */
  static void set(DeploymentStatus status, DeploymentCondition condition) {
    DeploymentCondition current = get(status, condition.getType());
    if (current != null && current.getStatus().equals(condition.getStatus())
        && java.util.Objects.equals(current.getReason(), condition.getReason())) {
      return;
    }
    if (current != null && current.getStatus().equals(condition.getStatus())) {
      condition.setLastTransitionTime(current.getLastTransitionTime());
    }
    List<DeploymentCondition> conditions = without(status, condition.getType());
    conditions.add(condition);
    status.setConditions(conditions);
  }

  static void remove(DeploymentStatus status, String type) {
    List<DeploymentCondition> conditions = without(status, type);
    status.setConditions(conditions.isEmpty() ? null : conditions);
  }

  private static List<DeploymentCondition> without(DeploymentStatus status, String type) {
    List<DeploymentCondition> result = new ArrayList<>();
    if (status.getConditions() != null) {
      for (DeploymentCondition c : status.getConditions()) {
        if (!type.equals(c.getType())) {
          result.add(c);
        }
      }
    }
    return result;
  }
}
