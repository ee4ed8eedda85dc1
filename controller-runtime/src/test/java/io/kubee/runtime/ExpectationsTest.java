package io.kubee.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();
  private final Expectations expectations = new Expectations(clock);

  @Test
  void aKeyWithoutExpectationsIsSatisfied() {
    assertThat(expectations.satisfied("ns/rs")).isTrue();
  }

  @Test
  void creationsAreSatisfiedOnceAllAreObserved() {
    expectations.expectCreations("ns/rs", 2);
    expectations.creationObserved("ns/rs");
    assertThat(expectations.satisfied("ns/rs")).isFalse();
    expectations.creationObserved("ns/rs");
    assertThat(expectations.satisfied("ns/rs")).isTrue();
  }

  @Test
  void aDeletionSeenTwiceCountsOnce() {
    expectations.expectDeletions("ns/rs", List.of("ns/a", "ns/b"));
    expectations.deletionObserved("ns/rs", "ns/a");
    expectations.deletionObserved("ns/rs", "ns/a");
    assertThat(expectations.satisfied("ns/rs")).isFalse();
    expectations.deletionObserved("ns/rs", "ns/b");
    assertThat(expectations.satisfied("ns/rs")).isTrue();
  }

  @Test
  void expectationsExpireAfterFiveMinutes() {
    expectations.expectCreations("ns/rs", 1);
    clock.now = clock.now.plus(Duration.ofMinutes(5));
    assertThat(expectations.satisfied("ns/rs")).isFalse();
    clock.now = clock.now.plusSeconds(1);
    assertThat(expectations.satisfied("ns/rs")).isTrue();
  }

  @Test
  void creationsNeverSentAreLowered() {
    expectations.expectCreations("ns/rs", 3);
    expectations.creationObserved("ns/rs");
    expectations.lowerCreations("ns/rs", 2);
    assertThat(expectations.satisfied("ns/rs")).isTrue();
    assertThat(expectations.pending("ns/rs")).containsExactly(0, 0);
  }
}
