package io.kubee.controllers;

import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * One controller of the manager. It is built with its informers' handlers registered; the
 * manager starts the informers, waits for their caches, then calls {@link #run}. A controller
 * is used for one term of leadership: losing the lease closes it and a new term builds a new
 * one.
 */
public interface Controller extends AutoCloseable {

  /** The name Kubernetes gives it ("replicaset", "nodelifecycle"). */
  String name();

  /** Starts {@code workers} workers on threads of {@code threads}. */
  void run(int workers, ThreadFactory threads);

  /** What it does on a period; empty by default. */
  default List<PeriodicJob> periodicJobs() {
    return List.of();
  }

  /** Queues every object it owns again (the informers' periodic resync). */
  default void resync() {}

  /** Stops its workers; idempotent. */
  @Override
  void close();
}
