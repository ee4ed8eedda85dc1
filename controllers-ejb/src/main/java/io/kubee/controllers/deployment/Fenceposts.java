package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;

/**
 * How far a rollout may go beyond and below the desired replicas ({@code MaxSurge},
 * {@code MaxUnavailable}, {@code ResolveFenceposts}, {@code NewRSNewReplicas},
 * {@code GetProportion}, pkg/controller/deployment/util/deployment_util.go): percentages of the
 * desired replicas, surge rounded up and unavailability rounded down; when both come to zero,
 * one pod may be unavailable.
 */
final class Fenceposts {
  private Fenceposts() {}

  static boolean isRollingUpdate(Deployment d) {
    return d.getSpec().getStrategy() != null
        && "RollingUpdate".equals(d.getSpec().getStrategy().getType());
  }

  static int replicas(Deployment d) {
    return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  /** {surge, unavailable} for {@code desired} replicas. */
  static int[] resolve(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
    int surge = scaled(maxSurge, desired, true);
    int unavailable = scaled(maxUnavailable, desired, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new int[] {surge, unavailable};
  }

  static int maxSurge(Deployment d) {
    if (!isRollingUpdate(d)) {
      return 0;
    }
    var rolling = d.getSpec().getStrategy().getRollingUpdate();
    return resolve(rolling == null ? null : rolling.getMaxSurge(),
        rolling == null ? null : rolling.getMaxUnavailable(), replicas(d))[0];
  }

  static int maxUnavailable(Deployment d) {
    if (!isRollingUpdate(d) || replicas(d) == 0) {
      return 0;
    }
    var rolling = d.getSpec().getStrategy().getRollingUpdate();
    int unavailable = resolve(rolling == null ? null : rolling.getMaxSurge(),
        rolling == null ? null : rolling.getMaxUnavailable(), replicas(d))[1];
    return Math.min(unavailable, replicas(d));
  }

  /** {@code GetScaledValueFromIntOrPercent}; null counts as 0. */
  static int scaled(IntOrString value, int total, boolean roundUp) {
    if (value == null) {
      return 0;
    }
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal();
    if (text == null || !text.endsWith("%")) {
      throw new IllegalArgumentException("invalid value for IntOrString: " + text);
    }
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    double scaled = percent * (double) total / 100;
    return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
  }

  /** {@code NewRSNewReplicas}: the size the new replica set may have now. */
  static int newReplicaSetReplicas(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
    if (!isRollingUpdate(d)) {
      return replicas(d); // Recreate
    }
    int maxSurge = scaled(d.getSpec().getStrategy().getRollingUpdate() == null ? null
        : d.getSpec().getStrategy().getRollingUpdate().getMaxSurge(), replicas(d), true);
    int current = ReplicaSets.specReplicas(all);
    int maxTotal = replicas(d) + maxSurge;
    int newReplicas = ReplicaSets.replicas(newRs);
    if (current >= maxTotal) {
      return newReplicas;
    }
    int scaleUp = Math.min(maxTotal - current, replicas(d) - newReplicas);
    return newReplicas + scaleUp;
  }

  /**
   * {@code GetProportion}: what {@code rs} gets of {@code toAdd} (negative when scaling down)
   * given {@code added} so far.
   */
  static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
    if (rs == null || ReplicaSets.replicas(rs) == 0 || toAdd == 0 || toAdd == added) {
      return 0;
    }
    int fraction = fraction(rs, d);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /** {@code getReplicaSetFraction}. */
  private static int fraction(ReplicaSet rs, Deployment d) {
    if (replicas(d) == 0) {
      return -ReplicaSets.replicas(rs);
    }
    int maxReplicas = replicas(d) + maxSurge(d);
    Integer before = DeploymentAnnotations.integer(rs, DeploymentAnnotations.MAX_REPLICAS);
    int maxBefore;
    if (before == null || before == 0) {
      maxBefore = d.getStatus() == null || d.getStatus().getReplicas() == null ? 0
          : d.getStatus().getReplicas();
      if (maxBefore == 0) {
        return 0;
      }
    } else {
      maxBefore = before;
    }
    double size = (double) ReplicaSets.replicas(rs) * maxReplicas / maxBefore;
    return (int) Math.round(size) - ReplicaSets.replicas(rs);
  }

  /** {@code IsSaturated}: the new replica set holds, and has available, every replica. */
  static boolean isSaturated(Deployment d, ReplicaSet rs) {
    if (rs == null) {
      return false;
    }
    Integer desired = DeploymentAnnotations.integer(rs, DeploymentAnnotations.DESIRED_REPLICAS);
    return desired != null && ReplicaSets.replicas(rs) == replicas(d) && desired == replicas(d)
        && ReplicaSets.available(rs) == replicas(d);
  }
}
