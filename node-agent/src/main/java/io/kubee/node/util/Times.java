package io.kubee.node.util;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Kubernetes time stamps: RFC 3339 in UTC, to the second (metav1.Time). */
public final class Times {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Times() {}

  public static String format(Instant instant) {
    return instant == null ? null : RFC3339.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  public static Instant parse(String value) {
    return value == null || value.isEmpty() ? null : Instant.parse(value);
  }
}
