package io.kubee.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubee.runtime.ExponentialRateLimiter;
import io.kubee.runtime.Keys;
import io.kubee.runtime.WorkQueue;
import io.kubee.runtime.Workers;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * The shape every queue-driven controller shares (STYLE.md, {@code replica_set.go}): informer
 * handlers only queue {@code namespace/name} keys into a rate-limited work queue; workers call
 * {@link #sync} with each key, never two at once for one key; a sync that throws is retried
 * with backoff (5 ms doubling to 1000 s).
 */
public abstract class QueueController implements Controller {
  private final String name;
  protected final WorkQueue<String> queue;
  private volatile Workers workers;

  protected QueueController(String name, ThreadFactory threads) {
    this.name = name;
    this.queue = new WorkQueue<>(ExponentialRateLimiter.controllerDefault(), threads);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Brings the object of {@code key} to its desired state from what the caches show;
   * idempotent, level-triggered. The seam tests call. Throws to be retried.
   */
  public abstract void sync(String key);

  @Override
  public void run(int count, ThreadFactory threads) {
    workers = Workers.start(name, count, queue, this::sync, threads);
  }

  protected void enqueue(HasMetadata object) {
    queue.add(Keys.of(object));
  }

  protected void enqueue(String key) {
    queue.add(key);
  }

  protected void enqueueAfter(String key, Duration delay) {
    queue.addAfter(key, delay);
  }

  /** The queue, for tests. */
  public WorkQueue<String> queue() {
    return queue;
  }

  @Override
  public void close() {
    Workers running = workers;
    if (running != null) {
      running.close();
    } else {
      queue.close();
    }
  }
}
