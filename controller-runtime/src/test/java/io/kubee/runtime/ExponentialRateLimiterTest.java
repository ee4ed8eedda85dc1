package io.kubee.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExponentialRateLimiterTest {

  record Case(String name, Duration base, Duration max, int failures, List<Duration> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("doubles from the base", Duration.ofMillis(5), Duration.ofSeconds(1000), 4,
            List.of(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(40))),
        new Case("stops at the cap: the scheduler's 1 s to 10 s", Duration.ofSeconds(1),
            Duration.ofSeconds(10), 6, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10),
                Duration.ofSeconds(10))),
        new Case("does not overflow after many failures", Duration.ofMillis(5),
            Duration.ofSeconds(1000), 200, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void backsOffExponentially(Case c) {
    ExponentialRateLimiter<String> limiter = new ExponentialRateLimiter<>(c.base(), c.max());
    for (int i = 0; i < c.failures(); i++) {
      Duration delay = limiter.when("item");
      if (c.want() != null) {
        assertThat(delay).isEqualTo(c.want().get(i));
      }
      assertThat(delay).isBetween(c.base(), c.max());
    }
    assertThat(limiter.failures("item")).isEqualTo(c.failures());
    assertThat(limiter.failures("other")).isZero();
    limiter.forget("item");
    assertThat(limiter.when("item")).isEqualTo(c.base());
  }
}
