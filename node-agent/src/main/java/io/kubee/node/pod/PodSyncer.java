package io.kubee.node.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubee.node.api.EventRecorder;
import io.kubee.node.kuberuntime.PodRefs;
import io.kubee.node.kuberuntime.ReasonCache;
import io.kubee.node.kuberuntime.RuntimeManager;
import io.kubee.node.kuberuntime.RuntimePodStatus;
import io.kubee.node.prober.ProbeManager;
import io.kubee.node.status.StatusManager;
import io.kubee.node.volume.MountedVolume;
import io.kubee.node.volume.VolumeManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kubelet does for one pod in each phase of its life (kubelet's {@code SyncPod},
 * {@code SyncTerminatingPod} and {@code SyncTerminatedPod} in {@code kubelet.go}): status first,
 * then volumes, then the runtime; the pod's status is regenerated from the runtime right after,
 * so that a started container shows Running without waiting for the next relist.
 */
public final class PodSyncer implements PodWorkers.SyncHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PodSyncer.class);
  private static final Duration VOLUME_RETRY = Duration.ofSeconds(2);

  private final RuntimeManager runtime;
  private final VolumeManager volumes;
  private final ProbeManager probes;
  private final StatusManager statuses;
  private final PodStatusGenerator generator;
  private final PodCache cache;
  private final ReasonCache reasons;
  private final PodCgroups cgroups;
  private final PodDirs dirs;
  private final EventRecorder events;

  public PodSyncer(RuntimeManager runtime, VolumeManager volumes, ProbeManager probes,
      StatusManager statuses, PodStatusGenerator generator, PodCache cache, ReasonCache reasons,
      PodCgroups cgroups, PodDirs dirs, EventRecorder events) {
    this.runtime = runtime;
    this.volumes = volumes;
    this.probes = probes;
    this.statuses = statuses;
    this.generator = generator;
    this.cache = cache;
    this.reasons = reasons;
    this.cgroups = cgroups;
    this.dirs = dirs;
    this.events = events;
  }

  @Override
  public PodWorkers.SyncOutcome syncPod(Pod pod) {
    String uid = pod.getMetadata().getUid();
    RuntimePodStatus before = runtime.podStatus(uid);
    cache.put(before);
    PodStatus status = generator.generate(pod, before, false);
    statuses.setPodStatus(pod, status);
    if (terminal(status)) {
      return new PodWorkers.SyncOutcome(true, null);
    }
    probes.addPod(pod);
    Map<String, MountedVolume> mounted;
    try {
      mounted = volumes.setUp(pod, before.podIps());
    } catch (VolumeManager.VolumeException e) {
      events.event(PodRefs.pod(pod), EventRecorder.WARNING, "FailedMount",
          "MountVolume.SetUp failed: " + e.getMessage());
      for (var c : pod.getSpec().getContainers()) {
        if (before.latest(c.getName(), false).isEmpty()) {
          reasons.add(uid, c.getName(), "ContainerCreating", e.getMessage());
        }
      }
      statuses.setPodStatus(pod, generator.generate(pod, before, false));
      return new PodWorkers.SyncOutcome(false, VOLUME_RETRY);
    }
    RuntimeManager.SyncResult result = runtime.syncPod(pod, before, probes, mounted);
    if (result.error() != null) {
      LOG.debug("pod={}/{} sync: {}", pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(), result.error());
    }
    RuntimePodStatus after = runtime.podStatus(uid);
    cache.put(after);
    PodStatus updated = generator.generate(pod, after, false);
    statuses.setPodStatus(pod, updated);
    return new PodWorkers.SyncOutcome(terminal(updated), result.retryAfter());
  }

  @Override
  public void syncTerminatingPod(Pod pod, boolean removedFromApi) {
    String uid = pod.getMetadata().getUid();
    RuntimePodStatus status = runtime.podStatus(uid);
    runtime.killPod(pod, status, null);
    probes.removePod(uid);
    RuntimePodStatus stopped = runtime.podStatus(uid);
    cache.put(stopped);
    if (!removedFromApi) {
      statuses.setPodStatus(pod, generator.generate(pod, stopped, true));
    }
  }

  @Override
  public void syncTerminatedPod(Pod pod, boolean deleting, boolean removedFromApi) {
    String uid = pod.getMetadata().getUid();
    try {
      volumes.tearDown(uid);
    } catch (VolumeManager.VolumeException e) {
      LOG.warn("pod={}/{}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          e.getMessage());
    }
    cgroups.remove(uid);
    if (!deleting && !removedFromApi) {
      return; // finished but still in the API: its containers stay for their logs
    }
    runtime.removePod(runtime.podStatus(uid));
    deleteLogs(dirs.podLogDir(pod));
    cache.remove(uid);
    reasons.forget(uid);
    if (removedFromApi) {
      statuses.forget(uid);
    } else {
      statuses.finishDeletion(pod);
    }
  }

  private static boolean terminal(PodStatus status) {
    return "Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase());
  }

  static void deleteLogs(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("cannot remove logs {}: {}", dir, e.getMessage());
    }
  }
}
