package io.kubee.scheduler.framework;

/**
 * What plugins get from the scheduler (kube-scheduler's {@code framework.Handle}): the cycle's
 * snapshot, the cluster listers, the nominator, the parallelizer, the API and the framework of
 * their profile (preemption re-runs its filters).
 */
public interface Handle {
  /** The snapshot of the running cycle. */
  Snapshot snapshot();

  Listers listers();

  PodNominator nominator();

  Parallelizer parallelizer();

  ClusterClient client();

  /** The framework of the profile the plugin belongs to. */
  Framework framework();
}
