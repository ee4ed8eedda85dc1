package io.kubee.node.pod;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical worker per pod (k8s.io/kubernetes {@code pkg/kubelet/pod_workers.go}): the pod's
 * syncs never overlap, updates that arrive meanwhile are folded into one more run with the
 * newest pod, and each pod goes through kubelet's lifecycle — SYNCING (run it), TERMINATING
 * (stop it, once it is deleted or finished), TERMINATED (clean up; forget it once the API no
 * longer has it). Every syncing pod is synced again after the sync frequency, or sooner when
 * a back-off ends.
 */
public final class PodWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);

  /** What the kubelet does in each phase ({@link PodSyncer}). */
  public interface SyncHandler {
    /**
     * Brings the pod to its spec.
     *
     * @return whether the pod finished (Succeeded or Failed), and when to sync again
     */
    SyncOutcome syncPod(Pod pod);

    /** Stops every container and the sandbox; writes the final status unless removed. */
    void syncTerminatingPod(Pod pod, boolean removedFromApi);

    /**
     * Cleans up after a stopped pod: volumes always; containers, sandboxes and logs too, and the
     * API deletion, once the pod is being deleted or gone.
     */
    void syncTerminatedPod(Pod pod, boolean deleting, boolean removedFromApi);
  }

  /** @param terminal the pod finished; @param resyncAfter null for the sync frequency */
  public record SyncOutcome(boolean terminal, Duration resyncAfter) {}

  enum Phase { SYNCING, TERMINATING, TERMINATED }

  private static final class Worker {
    Pod pod;
    boolean removed;
    Phase phase = Phase.SYNCING;
    boolean working;
    boolean pending;
    ScheduledFuture<?> timer;
  }

  private final SyncHandler handler;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final Duration syncFrequency;
  private final Map<String, Worker> workers = new HashMap<>();

  public PodWorkers(SyncHandler handler, ExecutorService executor,
      ScheduledExecutorService scheduler, Duration syncFrequency) {
    this.handler = handler;
    this.executor = executor;
    this.scheduler = scheduler;
    this.syncFrequency = syncFrequency;
  }

  /** A pod was added or changed in the API (deletionTimestamp included). */
  public synchronized void update(Pod pod) {
    Worker w = workers.computeIfAbsent(pod.getMetadata().getUid(), k -> new Worker());
    w.pod = pod;
    dispatch(pod.getMetadata().getUid(), w);
  }

  /** The pod is gone from the API: stop it (if it runs) and forget it. */
  public synchronized void remove(Pod pod) {
    Worker w = workers.computeIfAbsent(pod.getMetadata().getUid(), k -> new Worker());
    if (w.pod == null) {
      w.pod = pod;
    }
    w.removed = true;
    dispatch(pod.getMetadata().getUid(), w);
  }

  /**
   * Something changed for the pod (runtime event, probe verdict): sync it again. A stopped
   * pod is past that: only API changes (deletion, removal) move it on.
   */
  public synchronized void resync(String uid) {
    Worker w = workers.get(uid);
    if (w != null && w.phase != Phase.TERMINATED) {
      dispatch(uid, w);
    }
  }

  /** Whether the pod has a worker (known to the kubelet, running or being stopped). */
  public synchronized boolean known(String uid) {
    return workers.containsKey(uid);
  }

  public synchronized Set<String> uids() {
    return Set.copyOf(workers.keySet());
  }

  /** Whether the pod is past SYNCING (stopping or stopped). */
  public synchronized boolean terminating(String uid) {
    Worker w = workers.get(uid);
    return w != null && w.phase != Phase.SYNCING;
  }

  private void dispatch(String uid, Worker w) {
    if (w.working) {
      w.pending = true;
      return;
    }
    w.working = true;
    w.pending = false;
    try {
      executor.execute(() -> work(uid));
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      w.working = false;
    }
  }

  private void work(String uid) {
    while (true) {
      Pod pod;
      Phase phase;
      boolean removed;
      synchronized (this) {
        Worker w = workers.get(uid);
        if (w == null) {
          return;
        }
        w.pending = false;
        pod = w.pod;
        removed = w.removed;
        if (w.phase == Phase.SYNCING
            && (removed || pod.getMetadata().getDeletionTimestamp() != null)) {
          w.phase = Phase.TERMINATING;
        }
        phase = w.phase;
      }
      Duration resync = null;
      Phase next = phase;
      try {
        switch (phase) {
          case SYNCING -> {
            SyncOutcome outcome = handler.syncPod(pod);
            if (outcome.terminal()) {
              next = Phase.TERMINATING;
            } else {
              resync = outcome.resyncAfter();
            }
          }
          case TERMINATING -> {
            handler.syncTerminatingPod(pod, removed);
            next = Phase.TERMINATED;
          }
          case TERMINATED -> handler.syncTerminatedPod(pod,
              pod.getMetadata().getDeletionTimestamp() != null, removed);
        }
      } catch (RuntimeException e) {
        LOG.warn("sync of pod={}/{} phase={} failed: {}", pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(), phase, e.toString(), e);
        resync = Duration.ofSeconds(2);
      }
      synchronized (this) {
        Worker w = workers.get(uid);
        if (w == null) {
          return;
        }
        w.phase = next;
        if (next != phase) {
          w.pending = true; // go on with the next phase at once
        }
        if (phase == Phase.TERMINATED && w.removed && !w.pending) {
          cancel(w);
          workers.remove(uid);
          return;
        }
        cancel(w);
        if (w.phase == Phase.SYNCING) {
          Duration delay = resync != null ? resync : jitter(syncFrequency);
          try {
            w.timer = scheduler.schedule(() -> resync(uid), Math.max(1, delay.toMillis()),
                TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            w.working = false;
            return;
          }
        }
        if (!w.pending) {
          w.working = false;
          return;
        }
      }
    }
  }

  private static void cancel(Worker w) {
    if (w.timer != null) {
      w.timer.cancel(false);
      w.timer = null;
    }
  }

  private static Duration jitter(Duration d) {
    long ms = d.toMillis();
    return Duration.ofMillis(ms + ThreadLocalRandom.current().nextLong(Math.max(1, ms / 2)));
  }
}
