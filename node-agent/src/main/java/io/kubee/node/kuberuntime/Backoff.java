package io.kubee.node.kuberuntime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key exponential back-off (k8s.io/client-go {@code util/flowcontrol/backoff.go}), used for
 * CrashLoopBackOff and ImagePullBackOff: the first failure waits {@code initial}, each later one
 * twice as long up to {@code max}; an entry not updated for twice {@code max} starts over.
 * Thread-safe.
 */
public final class Backoff {
  private record Entry(Duration backoff, Instant lastUpdate) {}

  private final Duration initial;
  private final Duration max;
  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>();

  public Backoff(Duration initial, Duration max, Clock clock) {
    this.initial = initial;
    this.max = max;
    this.clock = clock;
  }

  /** The current back-off of {@code key}, zero when it has none. */
  public synchronized Duration get(String key) {
    Entry entry = entries.get(key);
    return entry == null ? Duration.ZERO : entry.backoff();
  }

  /** Records a failure of {@code key} at {@code eventTime}: the back-off grows. */
  public synchronized void next(String key, Instant eventTime) {
    Entry entry = entries.get(key);
    Duration backoff;
    if (entry == null || expired(eventTime, entry.lastUpdate())) {
      backoff = initial;
    } else {
      Duration doubled = entry.backoff().multipliedBy(2);
      backoff = doubled.compareTo(max) > 0 ? max : doubled;
    }
    entries.put(key, new Entry(backoff, clock.instant()));
  }

  /**
   * Whether {@code key}, which last failed at {@code eventTime}, must still wait: less than its
   * back-off has passed since then.
   */
  public synchronized boolean isInBackOffSince(String key, Instant eventTime) {
    Entry entry = entries.get(key);
    if (entry == null || expired(eventTime, entry.lastUpdate())) {
      return false;
    }
    return Duration.between(eventTime, clock.instant()).compareTo(entry.backoff()) < 0;
  }

  /** How long until {@code key}, failed at {@code eventTime}, may go again (zero: now). */
  public synchronized Duration remaining(String key, Instant eventTime) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Duration.ZERO;
    }
    Duration left = entry.backoff().minus(Duration.between(eventTime, clock.instant()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  public synchronized void reset(String key) {
    entries.remove(key);
  }

  /** Drops entries that have expired (called periodically). */
  public synchronized void gc() {
    Instant now = clock.instant();
    entries.values().removeIf(e -> expired(now, e.lastUpdate()));
  }

  private boolean expired(Instant eventTime, Instant lastUpdate) {
    return Duration.between(lastUpdate, eventTime).compareTo(max.multipliedBy(2)) > 0;
  }
}
