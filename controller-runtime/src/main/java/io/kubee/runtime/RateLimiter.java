package io.kubee.runtime;

import java.time.Duration;

/**
 * How long an item that failed waits before it is retried (client-go's
 * {@code workqueue.RateLimiter}). Implementations are thread-safe.
 */
public interface RateLimiter<T> {

  /** The delay before {@code item} is processed again, counting this failure. */
  Duration when(T item);

  /** Forgets {@code item}'s failures (after it succeeded). */
  void forget(T item);

  /** How many times {@code item} has failed in a row. */
  int failures(T item);
}
