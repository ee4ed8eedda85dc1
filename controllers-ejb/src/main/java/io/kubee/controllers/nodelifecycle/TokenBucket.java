package io.kubee.controllers.nodelifecycle;

import java.time.Clock;
import java.time.Instant;

/**
 * A token bucket (client-go's {@code flowcontrol.NewTokenBucketRateLimiter}) that hands out
 * {@code qps} tokens a second up to {@code burst}; a rate of 0 hands out none. The node
 * lifecycle controller taints at most this many nodes a second per zone. Not thread-safe: the
 * monitor uses it from one thread.
 */
final class TokenBucket {
  private final Clock clock;
  private final int burst;
  private double qps;
  private double tokens;
  private Instant last;

  TokenBucket(double qps, int burst, Clock clock) {
    this.clock = clock;
    this.burst = burst;
    this.qps = qps;
    this.tokens = qps > 0 ? burst : 0;
    this.last = clock.instant();
  }

  /** Takes a token if one is there. */
  boolean tryAccept() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** {@code SwapLimiter}: a new rate; a bucket with a rate starts full again. */
  void setRate(double newQps) {
    if (newQps == qps) {
      return;
    }
    qps = newQps;
    tokens = qps > 0 ? burst : 0;
    last = clock.instant();
  }

  double rate() {
    return qps;
  }

  private void refill() {
    Instant now = clock.instant();
    double elapsed = (now.toEpochMilli() - last.toEpochMilli()) / 1000.0;
    last = now;
    if (qps > 0 && elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * qps);
    }
  }
}
