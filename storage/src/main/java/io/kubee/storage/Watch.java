package io.kubee.storage;

import java.time.Duration;

/**
 * One watcher's stream of events, in resourceVersion order, each delivered once. The consumer
 * pulls; the storage pushes into a bounded buffer and ends a watcher that falls too far behind
 * (the client then resumes from the last resourceVersion it saw, as after any disconnect).
 */
public interface Watch extends AutoCloseable {

  /**
   * The next event, waiting at most {@code timeout}; null if none arrived in that time or the
   * watch has ended. After an ERROR event the watch has ended.
   */
  WatchEvent next(Duration timeout) throws InterruptedException;

  /** Whether no event will come any more (closed, ended by the storage, or after an error). */
  boolean isDone();

  /** Stops the watch and frees its buffer. Idempotent. */
  @Override
  void close();
}
