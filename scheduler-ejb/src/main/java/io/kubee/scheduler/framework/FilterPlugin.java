package io.kubee.scheduler.framework;

/**
 * Whether the pod fits one node (a predicate). Called in parallel for many nodes: must only read
 * the node, the pod and the cycle state.
 */
public interface FilterPlugin extends Plugin {
  Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
