package io.kubee.scheduler;

import io.kubee.scheduler.framework.ClusterClient;
import io.kubee.scheduler.framework.Framework;
import io.kubee.scheduler.framework.Handle;
import io.kubee.scheduler.framework.Listers;
import io.kubee.scheduler.framework.Parallelizer;
import io.kubee.scheduler.framework.PodNominator;
import io.kubee.scheduler.framework.Snapshot;

/** The {@link Handle} of one profile: shared scheduler parts plus that profile's framework. */
final class SchedulerHandle implements Handle {
  private final Snapshot snapshot;
  private final Listers listers;
  private final PodNominator nominator;
  private final Parallelizer parallelizer;
  private final ClusterClient client;
  private Framework framework;

  SchedulerHandle(Snapshot snapshot, Listers listers, PodNominator nominator,
      Parallelizer parallelizer, ClusterClient client) {
    this.snapshot = snapshot;
    this.listers = listers;
    this.nominator = nominator;
    this.parallelizer = parallelizer;
    this.client = client;
  }

  void setFramework(Framework framework) {
    this.framework = framework;
  }

  @Override
  public Snapshot snapshot() {
    return snapshot;
  }

  @Override
  public Listers listers() {
    return listers;
  }

  @Override
  public PodNominator nominator() {
    return nominator;
  }

  @Override
  public Parallelizer parallelizer() {
    return parallelizer;
  }

  @Override
  public ClusterClient client() {
    return client;
  }

  @Override
  public Framework framework() {
    return framework;
  }
}
