package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubee.runtime.Pods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Recreate strategy (pkg/controller/deployment/recreate.go): every old replica set goes to
 * zero, and only once no old pod runs any more is the new replica set created and scaled up.
 */
final class RolloutRecreate {
  private final DeploymentSync sync;
  private final DeploymentProgress progress;

  RolloutRecreate(DeploymentSync sync, DeploymentProgress progress) {
    this.sync = sync;
    this.progress = progress;
  }

  /** @param podsByReplicaSet the deployment's pods by the uid of their replica set */
  void rollout(Deployment d, List<ReplicaSet> owned, Map<String, List<Pod>> podsByReplicaSet) {
    DeploymentSync.Sets sets = sync.replicaSetsAndSyncRevision(d, owned, false);
    ReplicaSet newRs = sets.newRs();
    List<ReplicaSet> all = sets.all();
    boolean scaledDown = false;
    for (ReplicaSet rs : ReplicaSets.active(sets.old())) {
      scaledDown |= sync.scaleAndRecord(rs, 0, d) != rs;
    }
    if (scaledDown) {
      progress.syncRolloutStatus(d, all, newRs);
      return;
    }
    if (oldPodsRunning(newRs, sets.old(), podsByReplicaSet)) {
      progress.syncRolloutStatus(d, all, newRs);
      return;
    }
    List<ReplicaSet> old = sets.old();
    if (newRs == null) {
      DeploymentSync.Sets created = sync.replicaSetsAndSyncRevision(d, owned, true);
      newRs = created.newRs();
      old = created.old();
      all = created.all();
    }
    sync.scaleAndRecord(newRs, Fenceposts.replicas(d), d);
    if (DeploymentProgress.complete(d, d.getStatus())) {
      sync.cleanup(d, old);
    }
    progress.syncRolloutStatus(d, new ArrayList<>(all), newRs);
  }

  /** {@code oldPodsRunning}: an old replica set reports pods, or an old pod is not terminal. */
  static boolean oldPodsRunning(ReplicaSet newRs, List<ReplicaSet> old,
      Map<String, List<Pod>> podsByReplicaSet) {
    if (ReplicaSets.actualReplicas(old) > 0) {
      return true;
    }
    for (Map.Entry<String, List<Pod>> entry : podsByReplicaSet.entrySet()) {
      if (newRs != null && newRs.getMetadata().getUid().equals(entry.getKey())) {
        continue;
      }
      for (Pod pod : entry.getValue()) {
        if (!Pods.isTerminal(pod)) {
          return true;
        }
      }
    }
    return false;
  }
}
