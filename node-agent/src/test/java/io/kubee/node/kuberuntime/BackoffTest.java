package io.kubee.node.kuberuntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** CrashLoopBackOff's timing: 10 s doubling to 5 min, starting over after 10 quiet minutes. */
class BackoffTest {
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  @Test
  void doubles_from_ten_seconds_to_five_minutes() {
    MutableClock clock = new MutableClock();
    Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);
    long[] expected = {10, 20, 40, 80, 160, 300, 300};
    for (long seconds : expected) {
      backoff.next("k", clock.instant());
      assertThat(backoff.get("k")).isEqualTo(Duration.ofSeconds(seconds));
    }
  }

  @Test
  void a_failure_waits_its_back_off_from_when_it_happened() {
    MutableClock clock = new MutableClock();
    Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);
    Instant failed = clock.instant();
    assertThat(backoff.isInBackOffSince("k", failed)).isFalse();
    backoff.next("k", failed);
    clock.advance(Duration.ofSeconds(9));
    assertThat(backoff.isInBackOffSince("k", failed)).isTrue();
    assertThat(backoff.remaining("k", failed)).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(backoff.isInBackOffSince("k", failed)).isFalse();
  }

  @Test
  void a_long_quiet_time_starts_over() {
    MutableClock clock = new MutableClock();
    Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);
    backoff.next("k", clock.instant());
    backoff.next("k", clock.instant());
    assertThat(backoff.get("k")).isEqualTo(Duration.ofSeconds(20));
    clock.advance(Duration.ofMinutes(11));
    backoff.next("k", clock.instant());
    assertThat(backoff.get("k")).isEqualTo(Duration.ofSeconds(10));
    clock.advance(Duration.ofMinutes(11));
    backoff.gc();
    assertThat(backoff.get("k")).isZero();
  }
}
