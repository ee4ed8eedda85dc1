package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The RollingUpdate strategy (pkg/controller/deployment/rolling.go): scale the new replica set
 * up as far as maxSurge allows, then old ones down as far as maxUnavailable allows (unhealthy
 * old pods first), one step per sync; the replica sets' events bring the next sync.
 */
final class RolloutRolling {
  private final DeploymentSync sync;
  private final DeploymentProgress progress;

  RolloutRolling(DeploymentSync sync, DeploymentProgress progress) {
    this.sync = sync;
    this.progress = progress;
  }

  void rollout(Deployment d, List<ReplicaSet> owned) {
    DeploymentSync.Sets sets = sync.replicaSetsAndSyncRevision(d, owned, true);
    ReplicaSet newRs = sets.newRs();
    List<ReplicaSet> all = sets.all();
    if (reconcileNew(all, newRs, d)) {
      progress.syncRolloutStatus(d, all, newRs);
      return;
    }
    if (reconcileOld(all, ReplicaSets.active(sets.old()), newRs, d)) {
      progress.syncRolloutStatus(d, all, newRs);
      return;
    }
    if (DeploymentProgress.complete(d, d.getStatus())) {
      sync.cleanup(d, sets.old());
    }
    progress.syncRolloutStatus(d, all, newRs);
  }

  /** {@code reconcileNewReplicaSet}; returns whether it scaled. */
  private boolean reconcileNew(List<ReplicaSet> all, ReplicaSet newRs, Deployment d) {
    int desired = Fenceposts.replicas(d);
    int current = ReplicaSets.replicas(newRs);
    if (current == desired) {
      return false;
    }
    if (current > desired) {
      return sync.scaleAndRecord(newRs, desired, d) != newRs;
    }
    int target = Fenceposts.newReplicaSetReplicas(d, all, newRs);
    return sync.scaleAndRecord(newRs, target, d) != newRs;
  }

  /** {@code reconcileOldReplicaSets}; returns whether it scaled anything down. */
  private boolean reconcileOld(List<ReplicaSet> all, List<ReplicaSet> old, ReplicaSet newRs,
      Deployment d) {
    if (ReplicaSets.specReplicas(old) == 0) {
      return false;
    }
    int allPods = ReplicaSets.specReplicas(all);
    int minAvailable = Fenceposts.replicas(d) - Fenceposts.maxUnavailable(d);
    int newUnavailable = ReplicaSets.replicas(newRs) - ReplicaSets.available(newRs);
    // the old pods that may go: counting the new replica set's unavailable pods keeps a
    // failing new template from eating into availability
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return false;
    }
    List<ReplicaSet> cleaned = new ArrayList<>(old);
    int cleanedUp = cleanupUnhealthy(cleaned, d, maxScaledDown);
    List<ReplicaSet> afterCleanup = new ArrayList<>(cleaned);
    afterCleanup.add(newRs);
    int scaledDown = scaleDownOld(afterCleanup, cleaned, d);
    return cleanedUp + scaledDown > 0;
  }

  /** {@code cleanupUnhealthyReplicas}: scales old replica sets down by their unavailable pods. */
  private int cleanupUnhealthy(List<ReplicaSet> old, Deployment d, int maxCleanup) {
    old.sort(ReplicaSets.BY_CREATION);
    int total = 0;
    for (int i = 0; i < old.size() && total < maxCleanup; i++) {
      ReplicaSet rs = old.get(i);
      int replicas = ReplicaSets.replicas(rs);
      if (replicas == 0 || replicas == ReplicaSets.available(rs)) {
        continue;
      }
      int count = Math.min(maxCleanup - total, replicas - ReplicaSets.available(rs));
      old.set(i, sync.scaleAndRecord(rs, replicas - count, d));
      total += count;
    }
    return total;
  }

  /** {@code scaleDownOldReplicaSetsForRollingUpdate}: as far as availability allows. */
  private int scaleDownOld(List<ReplicaSet> all, List<ReplicaSet> old, Deployment d) {
    int minAvailable = Fenceposts.replicas(d) - Fenceposts.maxUnavailable(d);
    int available = ReplicaSets.availableReplicas(all);
    if (available <= minAvailable) {
      return 0;
    }
    old.sort(ReplicaSets.BY_CREATION);
    int total = 0;
    int wanted = available - minAvailable;
    for (ReplicaSet rs : old) {
      if (total >= wanted) {
        break;
      }
      int replicas = ReplicaSets.replicas(rs);
      if (replicas == 0) {
        continue;
      }
      int count = Math.min(replicas, wanted - total);
      sync.scaleAndRecord(rs, replicas - count, d);
      total += count;
    }
    return total;
  }
}
