package io.kubee.apiserver.printers;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Kubernetes' human-readable durations ("5s", "3m2s", "45m", "3h4m", "2d3h", "5y"), as
 * {@code k8s.io/apimachinery/pkg/util/duration.HumanDuration}, and the printers'
 * {@code translateTimestampSince}: the age of an RFC 3339 timestamp, "&lt;unknown&gt;" when it is
 * unset. Stateless and thread-safe.
 */
public final class HumanDuration {
  /** What Kubernetes prints for an unset (zero) timestamp. */
  public static final String UNKNOWN = "<unknown>";

  /** Go's zero {@code time.Time}, which a serialized zero timestamp parses to. */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private HumanDuration() {}

  /**
   * About two or three significant figures of {@code d}. Up to a second in the future reads
   * "0s" (clocks drift); further in the future is "&lt;invalid&gt;".
   */
  public static String format(Duration d) {
    // Go's int(d.Seconds()) truncates toward zero, as Java's long division does
    long seconds = d.toNanos() / 1_000_000_000L;
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = seconds / 3600;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = hours / 24 % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /**
   * The time elapsed from {@code timestamp} (RFC 3339, as metadata.creationTimestamp or a
   * MicroTime) to {@code now}; "&lt;unknown&gt;" when the timestamp is empty, unparseable or Go's
   * zero time.
   */
  public static String since(String timestamp, Instant now) {
    Instant time = parse(timestamp);
    return time == null ? UNKNOWN : format(Duration.between(time, now));
  }

  /** The instant of an RFC 3339 timestamp; null when empty, unparseable or Go's zero time. */
  static Instant parse(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return null;
    }
    Instant time;
    try {
      time = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      try {
        time = OffsetDateTime.parse(timestamp).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
    return time.equals(GO_ZERO_TIME) ? null : time;
  }
}
