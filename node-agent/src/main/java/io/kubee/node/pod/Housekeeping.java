package io.kubee.node.pod;

import io.kubee.node.kuberuntime.RuntimeManager;
import io.kubee.node.kuberuntime.RuntimePodStatus;
import io.kubee.node.pleg.GenericPleg;
import io.kubee.node.volume.VolumeManager;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up what no pod accounts for (kubelet's {@code HandlePodCleanups}, every 2 s): pods the
 * runtime runs that the API does not assign to this node (left by a previous run of the node
 * agent, or deleted while it was down) are killed and removed, and pod directories without a pod
 * are torn down. Runs only once the pod informer has synced: before that, every pod would look
 * like an orphan — adopting running pods after a restart depends on this.
 */
public final class Housekeeping implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

  private final GenericPleg pleg;
  private final PodWorkers workers;
  private final RuntimeManager runtime;
  private final VolumeManager volumes;
  private final PodCgroups cgroups;
  private final PodDirs dirs;
  private final BooleanSupplier synced;

  public Housekeeping(GenericPleg pleg, PodWorkers workers, RuntimeManager runtime,
      VolumeManager volumes, PodCgroups cgroups, PodDirs dirs, BooleanSupplier synced) {
    this.pleg = pleg;
    this.workers = workers;
    this.runtime = runtime;
    this.volumes = volumes;
    this.cgroups = cgroups;
    this.dirs = dirs;
    this.synced = synced;
  }

  @Override
  public void run() {
    if (!synced.getAsBoolean()) {
      return;
    }
    try {
      cleanUp();
    } catch (RuntimeException e) {
      LOG.warn("housekeeping failed: {}", e.toString());
    }
  }

  void cleanUp() {
    Set<String> known = workers.uids();
    for (GenericPleg.RuntimePod orphan : pleg.pods().values()) {
      if (known.contains(orphan.uid())) {
        continue;
      }
      LOG.info("removing orphaned pod={}/{} uid={} found in the runtime", orphan.namespace(),
          orphan.name(), orphan.uid());
      RuntimePodStatus status = runtime.podStatus(orphan.uid());
      runtime.killPod(null, status, null);
      runtime.removePod(runtime.podStatus(orphan.uid()));
      PodSyncer.deleteLogs(dirs.podLogDir(orphan.namespace(), orphan.name(), orphan.uid()));
    }
    for (String uid : volumes.podsOnDisk()) {
      if (known.contains(uid) || pleg.pods().containsKey(uid)) {
        continue;
      }
      try {
        volumes.tearDown(uid);
        cgroups.remove(uid);
      } catch (VolumeManager.VolumeException e) {
        LOG.warn("orphaned pod directory {}: {}", uid, e.getMessage());
      }
    }
  }
}
