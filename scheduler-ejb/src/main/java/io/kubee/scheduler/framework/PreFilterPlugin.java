package io.kubee.scheduler.framework;

/**
 * Runs once per cycle before the filters: computes the state its Filter reads (written to the
 * {@link CycleState}), rejects the pod outright, or returns {@link Status#SKIP} when its Filter
 * has nothing to check for this pod.
 */
public interface PreFilterPlugin extends Plugin {
  Status preFilter(CycleState state, PodInfo pod, Snapshot nodes);

  /** How to update this plugin's state when preemption adds or removes pods; null if stateless. */
  default PreFilterExtensions preFilterExtensions() {
    return null;
  }

  /** Keeps PreFilter state right while preemption tries removing pods from a node. */
  interface PreFilterExtensions {
    void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node);

    void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node);
  }
}
