package io.kubee.scheduler.queue;

import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;

/**
 * kube-scheduler's {@code PriorityQueue} (pkg/scheduler/internal/queue/scheduling_queue.go):
 * <ul>
 *   <li>activeQ, ordered by priority then queue time (the PrioritySort plugin): what
 *       {@link #pop} hands out;</li>
 *   <li>backoffQ: pods that failed, each waiting initial × 2^(attempts-1) up to max
 *       (1 s → 10 s); {@link #flushBackoffQCompleted} moves the expired ones to activeQ;</li>
 *   <li>unschedulable pods: rejected by plugins; moved back by {@link #moveAllToActiveOrBackoffQueue}
 *       when a cluster event one of those plugins registered for happens, or after
 *       {@code maxInUnschedulable} (5 min) by {@link #flushUnschedulablePodsLeftover}.</li>
 * </ul>
 * A pod that failed while an event happened during its attempt goes to backoffQ rather than
 * unschedulable ({@code moveRequestCycle}), so that it is not stranded. Thread-safe; keys are
 * pod UIDs.
 */
public final class SchedulingQueue implements AutoCloseable {
  private final LongSupplier nanos;
  private final long initialBackoff;
  private final long maxBackoff;
  private final long maxInUnschedulable;
  private final BiPredicate<QueuedPodInfo, ClusterEvent> interested;
  private final Nominator nominator = new Nominator();

  private final PriorityQueue<QueuedPodInfo> activeQ = new PriorityQueue<>(
      Comparator.comparingInt((QueuedPodInfo q) -> q.podInfo.priority()).reversed()
          .thenComparingLong(q -> q.timestamp));
  private final PriorityQueue<QueuedPodInfo> backoffQ =
      new PriorityQueue<>(Comparator.comparingLong(this::backoffExpiry));
  private final Map<String, QueuedPodInfo> active = new HashMap<>();
  private final Map<String, QueuedPodInfo> backoff = new HashMap<>();
  private final Map<String, QueuedPodInfo> unschedulable = new HashMap<>();
  private long schedulingCycle;
  private long moveRequestCycle = -1;
  private boolean closed;

  /**
   * @param nanos      monotonic clock (System::nanoTime; tests drive their own)
   * @param interested whether a pod rejected by its plugins may fit after an event
   */
  public SchedulingQueue(LongSupplier nanos, Duration initialBackoff, Duration maxBackoff,
      Duration maxInUnschedulable, BiPredicate<QueuedPodInfo, ClusterEvent> interested) {
    this.nanos = nanos;
    this.initialBackoff = initialBackoff.toNanos();
    this.maxBackoff = maxBackoff.toNanos();
    this.maxInUnschedulable = maxInUnschedulable.toNanos();
    this.interested = interested;
  }

  public Nominator nominator() {
    return nominator;
  }

  /** A new pending pod (informer add): to activeQ unless queued already. */
  public synchronized void add(PodInfo pod) {
    String uid = pod.uid();
    if (active.containsKey(uid) || backoff.containsKey(uid)) {
      return;
    }
    QueuedPodInfo q = unschedulable.remove(uid);
    if (q == null) {
      q = new QueuedPodInfo(pod, nanos.getAsLong());
    } else {
      q.podInfo = pod;
    }
    pushActive(q);
    nominate(pod);
  }

  /**
   * A pending pod changed: updated in place where it waits; an unschedulable pod goes back to
   * be tried again, since the change may make it fit.
   */
  public synchronized void update(PodInfo pod) {
    String uid = pod.uid();
    nominate(pod);
    QueuedPodInfo q = active.get(uid);
    if (q != null) {
      activeQ.remove(q);
      q.podInfo = pod;
      activeQ.add(q);
      return;
    }
    q = backoff.get(uid);
    if (q != null) {
      q.podInfo = pod;
      return;
    }
    q = unschedulable.remove(uid);
    if (q != null) {
      q.podInfo = pod;
      if (isBackingOff(q)) {
        pushBackoff(q);
      } else {
        pushActive(q);
      }
      return;
    }
    // in flight (being scheduled) or new: add it
    pushActive(new QueuedPodInfo(pod, nanos.getAsLong()));
  }

  /** The pod was deleted or assigned: it leaves every queue. */
  public synchronized void delete(String uid) {
    QueuedPodInfo q = active.remove(uid);
    if (q != null) {
      activeQ.remove(q);
    }
    q = backoff.remove(uid);
    if (q != null) {
      backoffQ.remove(q);
    }
    unschedulable.remove(uid);
    nominator.deleteNominatedPodIfExists(uid);
  }

  /** The next pod to schedule, waiting for one; null once closed. Counts an attempt. */
  public synchronized QueuedPodInfo pop() throws InterruptedException {
    while (activeQ.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      return null;
    }
    QueuedPodInfo q = activeQ.poll();
    active.remove(q.uid());
    q.attempts++;
    schedulingCycle++;
    return q;
  }

  /** The cycle of the latest {@link #pop}. */
  public synchronized long schedulingCycle() {
    return schedulingCycle;
  }

  /**
   * Puts back a pod whose attempt failed: to backoffQ after an error, or when a move request
   * came during the attempt; otherwise among the unschedulable pods.
   */
  public synchronized void addUnschedulableIfNotPresent(QueuedPodInfo q, long podCycle) {
    String uid = q.uid();
    if (closed || active.containsKey(uid) || backoff.containsKey(uid)
        || unschedulable.containsKey(uid)) {
      return;
    }
    q.timestamp = nanos.getAsLong();
    if (moveRequestCycle >= podCycle || q.unschedulablePlugins.isEmpty()) {
      pushBackoff(q);
    } else {
      unschedulable.put(uid, q);
    }
  }

  /** Moves the unschedulable pods that {@code event} may help back to activeQ or backoffQ. */
  public synchronized void moveAllToActiveOrBackoffQueue(ClusterEvent event) {
    List<QueuedPodInfo> moving = new ArrayList<>();
    for (QueuedPodInfo q : unschedulable.values()) {
      if (q.unschedulablePlugins.isEmpty() || interested.test(q, event)) {
        moving.add(q);
      }
    }
    for (QueuedPodInfo q : moving) {
      unschedulable.remove(q.uid());
      if (isBackingOff(q)) {
        pushBackoff(q);
      } else {
        pushActive(q);
      }
    }
    moveRequestCycle = schedulingCycle;
  }

  /** Moves the pods whose backoff ended to activeQ (every second). */
  public synchronized void flushBackoffQCompleted() {
    long now = nanos.getAsLong();
    while (!backoffQ.isEmpty() && backoffExpiry(backoffQ.peek()) <= now) {
      QueuedPodInfo q = backoffQ.poll();
      backoff.remove(q.uid());
      pushActive(q);
    }
  }

  /** Retries pods unschedulable for longer than {@code maxInUnschedulable} (every 30 s). */
  public synchronized void flushUnschedulablePodsLeftover() {
    long now = nanos.getAsLong();
    List<QueuedPodInfo> stale = new ArrayList<>();
    for (QueuedPodInfo q : unschedulable.values()) {
      if (now - q.timestamp > maxInUnschedulable) {
        stale.add(q);
      }
    }
    for (QueuedPodInfo q : stale) {
      unschedulable.remove(q.uid());
      if (isBackingOff(q)) {
        pushBackoff(q);
      } else {
        pushActive(q);
      }
    }
  }

  /** How many pods wait in each queue: [active, backoff, unschedulable]. */
  public synchronized int[] pendingPods() {
    return new int[] {active.size(), backoff.size(), unschedulable.size()};
  }

  /** Where {@code uid} waits: "active", "backoff", "unschedulable" or "" (tests, debugging). */
  public synchronized String whereIs(String uid) {
    return active.containsKey(uid) ? "active" : backoff.containsKey(uid) ? "backoff"
        : unschedulable.containsKey(uid) ? "unschedulable" : "";
  }

  /** Wakes {@link #pop} with null; later adds are ignored. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  private void nominate(PodInfo pod) {
    var status = pod.pod().getStatus();
    String node = status == null ? null : status.getNominatedNodeName();
    if (node != null && !node.isEmpty()) {
      nominator.addNominatedPod(pod, node);
    }
  }

  private void pushActive(QueuedPodInfo q) {
    if (closed) {
      return;
    }
    active.put(q.uid(), q);
    activeQ.add(q);
    notifyAll();
  }

  private void pushBackoff(QueuedPodInfo q) {
    backoff.put(q.uid(), q);
    backoffQ.add(q);
  }

  private boolean isBackingOff(QueuedPodInfo q) {
    return backoffExpiry(q) > nanos.getAsLong();
  }

  /** Kubernetes' calculateBackoffDuration: initial × 2^(attempts-1), at most max. */
  long backoffDuration(QueuedPodInfo q) {
    long duration = initialBackoff;
    for (int i = 1; i < q.attempts; i++) {
      if (duration > maxBackoff - duration) {
        return maxBackoff;
      }
      duration += duration;
    }
    return Math.min(duration, maxBackoff);
  }

  private long backoffExpiry(QueuedPodInfo q) {
    return q.timestamp + backoffDuration(q);
  }
}
