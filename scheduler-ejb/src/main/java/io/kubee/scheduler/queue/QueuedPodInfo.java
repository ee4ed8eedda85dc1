package io.kubee.scheduler.queue;

import io.kubee.scheduler.framework.PodInfo;
import java.util.Set;

/**
 * A pod waiting to be scheduled (kube-scheduler's {@code framework.QueuedPodInfo}): when it was
 * queued or last tried, how often it was tried, and which plugins rejected it last (the queue
 * moves it back only on events those plugins care about). Owned by the queue until popped, then
 * by the scheduling cycle.
 */
public final class QueuedPodInfo {
  volatile PodInfo podInfo;
  /** Monotonic nanos: when queued, or the end of the last attempt. */
  long timestamp;
  final long initialAttemptTimestamp;
  int attempts;
  volatile Set<String> unschedulablePlugins = Set.of();

  QueuedPodInfo(PodInfo podInfo, long now) {
    this.podInfo = podInfo;
    this.timestamp = now;
    this.initialAttemptTimestamp = now;
  }

  public PodInfo podInfo() {
    return podInfo;
  }

  /** The pod as the informer knows it now (before it goes back to the queue). */
  public void refresh(PodInfo latest) {
    this.podInfo = latest;
  }

  public int attempts() {
    return attempts;
  }

  /** Monotonic nanos of the first time the pod was queued. */
  public long initialAttemptTimestamp() {
    return initialAttemptTimestamp;
  }

  public Set<String> unschedulablePlugins() {
    return unschedulablePlugins;
  }

  /** Records the plugins that rejected the pod; empty for an error (plain backoff). */
  public void setUnschedulablePlugins(Set<String> plugins) {
    this.unschedulablePlugins = Set.copyOf(plugins);
  }

  String uid() {
    return podInfo.uid();
  }

  @Override
  public String toString() {
    return podInfo.key() + " attempts=" + attempts;
  }
}
