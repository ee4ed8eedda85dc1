package io.kubee.bench;

import org.HdrHistogram.Histogram;

/** A latency distribution summarised in milliseconds (values are recorded in nanoseconds). */
record Stats(long count, double mean, double p50, double p90, double p99, double p999,
    double max) {
  /** Nanoseconds up to a minute, 3 significant digits. */
  static Histogram newHistogram() {
    return new Histogram(60_000_000_000L, 3);
  }

  static Stats of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Stats(h.getTotalCount(), ms(h.getMean()), ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
  }

  static double ms(double nanos) {
    return nanos / 1_000_000.0;
  }

  /** A milliseconds figure for a table: 3 significant digits, at most 3 decimals. */
  static String fmt(double ms) {
    if (Double.isNaN(ms)) {
      return "–";
    }
    if (ms >= 100) {
      return String.format("%.0f", ms);
    }
    if (ms >= 10) {
      return String.format("%.1f", ms);
    }
    if (ms >= 1) {
      return String.format("%.2f", ms);
    }
    return String.format("%.3f", ms);
  }

  String json() {
    return String.format(java.util.Locale.ROOT,
        "{\"count\":%d,\"meanMs\":%s,\"p50Ms\":%s,\"p90Ms\":%s,\"p99Ms\":%s,\"p999Ms\":%s,"
            + "\"maxMs\":%s}", count, num(mean), num(p50), num(p90), num(p99), num(p999),
        num(max));
  }

  static String num(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "null"
        : String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
