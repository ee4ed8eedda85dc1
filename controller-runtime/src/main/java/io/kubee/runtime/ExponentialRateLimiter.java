package io.kubee.runtime;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-item exponential backoff: {@code base × 2^failures}, capped at {@code max} (client-go's
 * {@code ItemExponentialFailureRateLimiter}; controllers use 5 ms to 1000 s, the scheduler's
 * backoff queue 1 s to 10 s).
 */
public final class ExponentialRateLimiter<T> implements RateLimiter<T> {
  private final Duration base;
  private final Duration max;
  private final ConcurrentMap<T, Integer> failures = new ConcurrentHashMap<>();

  public ExponentialRateLimiter(Duration base, Duration max) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max, got " + base + ", " + max);
    }
    this.base = base;
    this.max = max;
  }

  /** client-go's default for controllers: 5 ms doubling up to 1000 s. */
  public static <T> ExponentialRateLimiter<T> controllerDefault() {
    return new ExponentialRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
  }

  @Override
  public Duration when(T item) {
    int previous = failures.merge(item, 1, Integer::sum) - 1;
    double delay = base.toNanos() * Math.pow(2, previous);
    return delay >= max.toNanos() ? max : Duration.ofNanos((long) delay);
  }

  @Override
  public void forget(T item) {
    failures.remove(item);
  }

  @Override
  public int failures(T item) {
    return failures.getOrDefault(item, 0);
  }
}
