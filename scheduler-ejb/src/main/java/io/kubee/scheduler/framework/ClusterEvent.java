package io.kubee.scheduler.framework;

/**
 * What changed in the cluster, as far as rejected pods care (kube-scheduler's
 * {@code framework.ClusterEvent} of resource and action type).
 */
public enum ClusterEvent {
  NODE_ADD,
  NODE_DELETE,
  NODE_LABEL_CHANGE,
  NODE_TAINT_CHANGE,
  NODE_ALLOCATABLE_CHANGE,
  NODE_CONDITION_CHANGE,
  /** A pod was assigned to a node (or an assigned pod appeared). */
  ASSIGNED_POD_ADD,
  ASSIGNED_POD_UPDATE,
  /** An assigned pod went away: its resources and ports are free. */
  ASSIGNED_POD_DELETE,
  /** Something the queue cannot attribute: every rejected pod is retried. */
  UNKNOWN
}
