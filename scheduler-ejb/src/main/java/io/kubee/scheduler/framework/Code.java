package io.kubee.scheduler.framework;

/**
 * The outcome of a plugin call, as kube-scheduler's {@code framework.Code}
 * (pkg/scheduler/framework/interface.go).
 */
public enum Code {
  /** The plugin ran and the pod may go on. */
  SUCCESS,
  /** Something went wrong inside the plugin or with the cluster: retry with backoff. */
  ERROR,
  /** The pod does not fit, but preemption might help (resources, ports, anti-affinity). */
  UNSCHEDULABLE,
  /** The pod does not fit and preempting pods on the node cannot change that (taints, labels). */
  UNSCHEDULABLE_AND_UNRESOLVABLE,
  /** The plugin has nothing to do for this pod: its later extension points are skipped. */
  SKIP
}
