package io.kubee.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A rate-limited work queue with client-go's guarantees ({@code workqueue.RateLimitingInterface},
 * k8s.io/client-go/util/workqueue): an item added many times before it is processed is processed
 * once; an item is never processed by two workers at once — added while being processed, it is
 * processed again after {@link #done}; failed items come back after their backoff.
 *
 * <p>Workers loop on {@link #get()}, process, call {@link #done} and then {@link #forget} on
 * success or {@link #addRateLimited} on failure. Thread-safe.
 */
public final class WorkQueue<T> implements AutoCloseable {
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private final Set<T> dirty = new HashSet<>();
  private final Set<T> processing = new HashSet<>();
  private final RateLimiter<T> limiter;
  private final ScheduledExecutorService delayed;
  private boolean shuttingDown;

  /**
   * @param threads makes the one thread that re-adds delayed items (the container's managed
   *                thread factory inside WildFly)
   */
  public WorkQueue(RateLimiter<T> limiter, ThreadFactory threads) {
    this.limiter = limiter;
    this.delayed = Executors.newSingleThreadScheduledExecutor(threads);
  }

  /** Queues {@code item} unless it is queued already. */
  public synchronized void add(T item) {
    if (shuttingDown || dirty.contains(item)) {
      return;
    }
    dirty.add(item);
    if (processing.contains(item)) {
      return; // done() queues it again
    }
    queue.addLast(item);
    notify();
  }

  /** Queues {@code item} after {@code delay}. */
  public void addAfter(T item, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(item);
      return;
    }
    synchronized (this) {
      if (shuttingDown) {
        return;
      }
    }
    delayed.schedule(() -> add(item), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Queues {@code item} after the backoff its failures have earned. */
  public void addRateLimited(T item) {
    addAfter(item, limiter.when(item));
  }

  /** Forgets {@code item}'s failures. */
  public void forget(T item) {
    limiter.forget(item);
  }

  public int failures(T item) {
    return limiter.failures(item);
  }

  /**
   * The next item, waiting for one; null once the queue is shut down. The caller owns the item
   * until it calls {@link #done}.
   */
  public synchronized T get() throws InterruptedException {
    while (queue.isEmpty() && !shuttingDown) {
      wait();
    }
    if (queue.isEmpty()) {
      return null;
    }
    T item = queue.removeFirst();
    processing.add(item);
    dirty.remove(item);
    return item;
  }

  /** Ends the processing of {@code item}; if it was added meanwhile it is queued again. */
  public synchronized void done(T item) {
    processing.remove(item);
    if (dirty.contains(item)) {
      queue.addLast(item);
      notify();
    }
  }

  public synchronized int length() {
    return queue.size();
  }

  public synchronized boolean isShuttingDown() {
    return shuttingDown;
  }

  /** Wakes every waiting worker with null; later adds are ignored. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      shuttingDown = true;
      notifyAll();
    }
    delayed.shutdownNow();
  }
}
