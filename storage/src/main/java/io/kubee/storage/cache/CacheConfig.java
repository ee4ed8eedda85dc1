package io.kubee.storage.cache;

import java.time.Duration;

/**
 * Sizes and periods of the watch cache of one resource type.
 *
 * @param historySize       how many events the history keeps (Kubernetes' watch cache size)
 * @param queueCapacity     how many events may wait for one watcher's consumer before the
 *                          watcher is ended as too slow
 * @param bookmarkInterval  how often a watcher that asked for bookmarks gets one
 * @param reconnectDelay    the first wait before re-opening a broken etcd watch; doubled on
 *                          each further failure up to {@code maxReconnectDelay}
 * @param maxReconnectDelay the longest wait between attempts
 */
public record CacheConfig(
    int historySize, int queueCapacity, Duration bookmarkInterval, Duration reconnectDelay,
    Duration maxReconnectDelay) {

  public CacheConfig {
    if (historySize < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("history size and queue capacity must be positive");
    }
    if (bookmarkInterval.isNegative() || bookmarkInterval.isZero()) {
      throw new IllegalArgumentException("bookmark interval must be positive");
    }
  }

  /** Kubernetes-like defaults: reconnect after 100 ms, then back off up to 5 s. */
  public static CacheConfig of(int historySize, int queueCapacity, Duration bookmarkInterval) {
    return new CacheConfig(historySize, queueCapacity, bookmarkInterval,
        Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  /** How often the dispatcher looks for due bookmarks: a quarter interval, 10 ms to 1 s. */
  long tickNanos() {
    return clamp(bookmarkInterval.toNanos() / 4, Duration.ofMillis(10), Duration.ofSeconds(1));
  }

  /**
   * How often the dispatcher asks etcd for progress: half a bookmark interval, 50 ms to 5 s, so
   * the revision a bookmark carries is at most about one interval old.
   */
  long progressNanos() {
    return clamp(bookmarkInterval.toNanos() / 2, Duration.ofMillis(50), Duration.ofSeconds(5));
  }

  private static long clamp(long nanos, Duration min, Duration max) {
    return Math.max(min.toNanos(), Math.min(max.toNanos(), nanos));
  }
}
