package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HumanDurationTest {

  record Case(String name, Duration duration, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> durations() {
    return Stream.of(
        new Case("now is 0s", Duration.ZERO, "0s"),
        new Case("a second in the future is tolerated as 0s", Duration.ofMillis(-1500), "0s"),
        new Case("two seconds in the future is invalid", Duration.ofSeconds(-2), "<invalid>"),
        new Case("fractions of a second are cut", Duration.ofMillis(5999), "5s"),
        new Case("under two minutes counts seconds", Duration.ofSeconds(119), "119s"),
        new Case("two minutes flat", Duration.ofMinutes(2), "2m"),
        new Case("minutes and seconds under ten minutes", Duration.ofSeconds(3 * 60 + 2), "3m2s"),
        new Case("ten minutes drops the seconds", Duration.ofSeconds(10 * 60 + 59), "10m"),
        new Case("minutes up to three hours", Duration.ofMinutes(179), "179m"),
        new Case("three hours flat", Duration.ofHours(3), "3h"),
        new Case("hours and minutes under eight hours", Duration.ofMinutes(3 * 60 + 4), "3h4m"),
        new Case("eight hours drops the minutes", Duration.ofMinutes(8 * 60 + 30), "8h"),
        new Case("hours up to two days", Duration.ofHours(47), "47h"),
        new Case("two days flat", Duration.ofHours(48), "2d"),
        new Case("days and hours under eight days", Duration.ofHours(2 * 24 + 3), "2d3h"),
        new Case("eight days drops the hours", Duration.ofHours(8 * 24 + 5), "8d"),
        new Case("days up to two years", Duration.ofDays(729), "729d"),
        new Case("two years flat", Duration.ofDays(730), "2y"),
        new Case("years and days under eight years", Duration.ofDays(3 * 365 + 10), "3y10d"),
        new Case("whole years from eight years", Duration.ofDays(9 * 365 + 100), "9y"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void formatsLikeKubernetes(Case c) {
    assertThat(HumanDuration.format(c.duration())).isEqualTo(c.want());
  }

  record SinceCase(String name, String timestamp, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<SinceCase> timestamps() {
    return Stream.of(
        new SinceCase("an unset timestamp is unknown", "", "<unknown>"),
        new SinceCase("a null timestamp is unknown", null, "<unknown>"),
        new SinceCase("Go's zero time is unknown", "0001-01-01T00:00:00Z", "<unknown>"),
        new SinceCase("an unparseable timestamp is unknown", "yesterday", "<unknown>"),
        new SinceCase("an RFC 3339 timestamp in UTC", "2026-03-01T11:55:00Z", "5m"),
        new SinceCase("a MicroTime with fractions", "2026-03-01T11:59:30.123456Z", "29s"),
        new SinceCase("a timestamp with an offset", "2026-03-01T12:00:00+01:00", "60m"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timestamps")
  void translatesTimestampsIntoAges(SinceCase c) {
    assertThat(HumanDuration.since(c.timestamp(), NOW)).isEqualTo(c.want());
  }
}
