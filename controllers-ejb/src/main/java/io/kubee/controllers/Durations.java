package io.kubee.controllers;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as Kubernetes' flags take them (Go's {@code time.ParseDuration}):
 * "40s", "5m", "1h30m", "500ms", "0".
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String text) {
    String value = text.trim();
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = PART.matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        break;
      }
      double amount = Double.parseDouble(matcher.group(1));
      long millis = (long) (amount * switch (matcher.group(2)) {
        case "ms" -> 1;
        case "s" -> 1_000;
        case "m" -> 60_000;
        default -> 3_600_000;
      });
      total = total.plusMillis(millis);
      end = matcher.end();
    }
    if (end != value.length() || end == 0) {
      throw new IllegalArgumentException("invalid duration \"" + text
          + "\": use Go's form, e.g. 40s, 5m, 1h30m, 500ms");
    }
    return total;
  }

  /** The Go form of {@code duration} ("1m30s"), for logs and messages. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (minutes > 0) {
      text.append(minutes).append('m');
    }
    if (seconds > 0 || millis > 0) {
      text.append(seconds);
      if (millis > 0) {
        text.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
      }
      text.append('s');
    }
    return text.toString();
  }
}
