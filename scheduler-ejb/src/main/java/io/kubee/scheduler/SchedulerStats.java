package io.kubee.scheduler;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one scheduler instance (a few of kube-scheduler's metrics): attempts by result and
 * bindings that the apiserver refused. Thread-safe.
 */
public final class SchedulerStats {
  final AtomicLong scheduled = new AtomicLong();
  final AtomicLong unschedulable = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong bindFailures = new AtomicLong();
  final AtomicLong preemptions = new AtomicLong();

  /** Pods this instance bound (binding accepted by the apiserver). */
  public long scheduled() {
    return scheduled.get();
  }

  /** Attempts that found no node. */
  public long unschedulable() {
    return unschedulable.get();
  }

  /** Attempts that failed for another reason (plugin error, no nodes). */
  public long errors() {
    return errors.get();
  }

  /** Bindings the apiserver refused (e.g. 409: another scheduler bound the pod first). */
  public long bindFailures() {
    return bindFailures.get();
  }

  /** Preemptions that nominated a node. */
  public long preemptions() {
    return preemptions.get();
  }

  @Override
  public String toString() {
    return "scheduled=" + scheduled + " unschedulable=" + unschedulable + " errors=" + errors
        + " bindFailures=" + bindFailures + " preemptions=" + preemptions;
  }
}
