package io.kubee.scheduler.framework;

/**
 * Told when a node was chosen for the pod (before binding) and, with {@link #unreserve}, when
 * that choice was undone because binding failed. Both must be idempotent.
 */
public interface ReservePlugin extends Plugin {
  Status reserve(CycleState state, PodInfo pod, String nodeName);

  void unreserve(CycleState state, PodInfo pod, String nodeName);
}
