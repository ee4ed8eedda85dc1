package io.kubee.node.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubee.api.codec.Codec;
import io.kubee.node.util.Times;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the status the kubelet computed for each pod and writes changes to the apiserver
 * through the status subresource (k8s.io/kubernetes {@code pkg/kubelet/status/
 * status_manager.go}): condition transition times survive unchanged conditions, an unchanged
 * status is not sent again, a pod's writes never overlap, failed writes are retried, and once a
 * terminated pod's last status is written its deletion is finished (DELETE with grace period 0
 * and the pod's uid as precondition), which is what removes a gracefully deleted pod from the
 * API. Several sender threads write different pods at once.
 */
public final class StatusManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusManager.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  /** What to write for one pod. */
  private static final class Entry {
    final String namespace;
    final String name;
    final String uid;
    PodStatus status;
    boolean sent;
    boolean delete;

    Entry(String namespace, String name, String uid, PodStatus status) {
      this.namespace = namespace;
      this.name = name;
      this.uid = uid;
      this.status = status;
    }
  }

  private final PodStatusWriter writer;
  private final Clock clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private final Set<String> inFlight = new LinkedHashSet<>();
  private volatile boolean closed;

  public StatusManager(PodStatusWriter writer, Clock clock, ExecutorService senders, int threads) {
    this.writer = writer;
    this.clock = clock;
    for (int i = 0; i < threads; i++) {
      senders.execute(this::sendLoop);
    }
  }

  /**
   * Records the pod's new status; it is written when it differs from the last one. Condition
   * transition times are carried over from the previous status where the condition did not
   * change.
   */
  public synchronized void setPodStatus(Pod pod, PodStatus status) {
    String uid = pod.getMetadata().getUid();
    Entry entry = entries.get(uid);
    PodStatus previous = entry != null ? entry.status : pod.getStatus();
    keepTransitionTimes(previous, status);
    if (entry == null) {
      entry = new Entry(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid,
          status);
      entries.put(uid, entry);
      if (!equal(pod.getStatus(), status)) {
        markDirty(uid);
      } else {
        entry.sent = true;
      }
      return;
    }
    if (entry.sent && equal(entry.status, status)) {
      return;
    }
    entry.status = status;
    entry.sent = false;
    markDirty(uid);
  }

  /** The last status computed for the pod. */
  public synchronized Optional<PodStatus> getPodStatus(String uid) {
    Entry entry = entries.get(uid);
    return entry == null ? Optional.empty() : Optional.of(entry.status);
  }

  /**
   * After the pod's final status: delete it from the API for good (it has a deletionTimestamp
   * and its node is done with it).
   */
  public synchronized void finishDeletion(Pod pod) {
    String uid = pod.getMetadata().getUid();
    // without a status of ours there is nothing to write first (and the API's may be stale)
    Entry entry = entries.computeIfAbsent(uid, k -> new Entry(pod.getMetadata().getNamespace(),
        pod.getMetadata().getName(), uid, null));
    entry.delete = true;
    markDirty(uid);
  }

  /** Forgets a pod the kubelet no longer has. */
  public synchronized void forget(String uid) {
    Entry entry = entries.get(uid);
    if (entry != null && (entry.delete || !entry.sent)) {
      return; // still has something to write: forgotten after it
    }
    entries.remove(uid);
    dirty.remove(uid);
  }

  /** Whether everything recorded has been written (tests and the benchmark wait on it). */
  public synchronized boolean idle() {
    return dirty.isEmpty() && inFlight.isEmpty();
  }

  private void markDirty(String uid) {
    dirty.add(uid);
    notifyAll();
  }

  private void sendLoop() {
    while (!closed) {
      Entry entry;
      PodStatus status;
      boolean delete;
      synchronized (this) {
        String uid = null;
        for (String candidate : dirty) {
          if (!inFlight.contains(candidate)) {
            uid = candidate;
            break;
          }
        }
        if (uid == null) {
          try {
            wait(500);
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
        dirty.remove(uid);
        entry = entries.get(uid);
        if (entry == null) {
          continue;
        }
        inFlight.add(uid);
        status = entry.status;
        delete = entry.delete;
      }
      boolean ok = send(entry, status, delete);
      synchronized (this) {
        inFlight.remove(entry.uid);
        if (ok) {
          if (entry.status == status) {
            entry.sent = true;
          }
          if (delete) {
            entries.remove(entry.uid);
            dirty.remove(entry.uid);
          }
        } else if (!closed) {
          // retried after a pause, on a thread of its own so the others keep going
          String uid = entry.uid;
          Thread retry = new Thread(() -> {
            sleep(RETRY);
            synchronized (this) {
              if (entries.containsKey(uid)) {
                markDirty(uid);
              }
            }
          }, "status-retry");
          retry.setDaemon(true);
          retry.start();
        }
      }
    }
  }

  /** @return false when it should be retried */
  private boolean send(Entry entry, PodStatus status, boolean delete) {
    PodStatusWriter.Outcome outcome = PodStatusWriter.Outcome.OK;
    if (status != null) {
      outcome = writer.patchStatus(entry.namespace, entry.name, entry.uid, status);
    }
    if (outcome == PodStatusWriter.Outcome.RETRY) {
      return false;
    }
    if (outcome == PodStatusWriter.Outcome.GONE) {
      return true;
    }
    if (delete) {
      PodStatusWriter.Outcome deleted = writer.deletePod(entry.namespace, entry.name, entry.uid);
      if (deleted == PodStatusWriter.Outcome.RETRY) {
        return false;
      }
      LOG.info("pod={}/{} deleted from the API after termination", entry.namespace, entry.name);
    }
    return true;
  }

  private void keepTransitionTimes(PodStatus previous, PodStatus status) {
    String now = Times.format(clock.instant());
    List<PodCondition> old = previous == null || previous.getConditions() == null ? List.of()
        : previous.getConditions();
    for (PodCondition c : status.getConditions()) {
      if (c.getLastTransitionTime() != null) {
        continue;
      }
      Optional<PodCondition> before = old.stream().filter(o -> o.getType().equals(c.getType()))
          .findFirst();
      c.setLastTransitionTime(before.filter(o -> java.util.Objects.equals(o.getStatus(),
              c.getStatus()))
          .map(PodCondition::getLastTransitionTime).orElse(now));
      if (c.getLastProbeTime() == null && before.isPresent()) {
        c.setLastProbeTime(before.get().getLastProbeTime());
      }
    }
  }

  static boolean equal(PodStatus a, PodStatus b) {
    if (a == null || b == null) {
      return a == b;
    }
    JsonNode left = Codec.INSTANCE.fromTyped(a);
    JsonNode right = Codec.INSTANCE.fromTyped(b);
    return left.equals(right);
  }

  private static void sleep(Duration d) {
    try {
      TimeUnit.MILLISECONDS.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}
