package io.kubee.api.validation.syntax;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A resource quantity ("500m", "1Gi", "2e3") parsed with Kubernetes' grammar
 * ({@code k8s.io/apimachinery/pkg/api/resource/quantity.go}): a signed decimal number followed by
 * a binary-SI suffix (Ki..Ei), a decimal-SI suffix (n, u, m, k, M..E) or a decimal exponent.
 *
 * @param text  the quantity as written
 * @param value its exact value
 */
public record Quantity(String text, BigDecimal value) implements Comparable<Quantity> {
  public static final String FORMAT_WRONG =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  public static final String NUMERIC = "unable to parse numeric part of quantity";
  public static final String SUFFIX = "unable to parse quantity's suffix";

  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", new BigDecimal("1e-9")),
      Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")),
      Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")),
      Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")),
      Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
      Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
      Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
      Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  /**
   * Parses a quantity; throws {@link IllegalArgumentException} with Kubernetes' message when the
   * text is not one.
   */
  public static Quantity parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(FORMAT_WRONG);
    }
    int pos = 0;
    int end = text.length();
    boolean negative = false;
    if (text.charAt(0) == '+' || text.charAt(0) == '-') {
      negative = text.charAt(0) == '-';
      pos++;
    }
    int numStart = pos;
    while (pos < end && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < end && text.charAt(pos) == '.') {
      pos++;
      while (pos < end && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    String number = text.substring(numStart, pos);
    int suffixStart = pos;
    while (pos < end && "eEinumkKMGTP".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (pos < end && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
      pos++;
    }
    while (pos < end && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos != end) {
      throw new IllegalArgumentException(FORMAT_WRONG);
    }
    String suffix = text.substring(suffixStart);
    BigDecimal amount;
    try {
      amount = new BigDecimal(number.equals(".") || number.isEmpty() ? "x" : number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(NUMERIC, e);
    }
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier == null) {
      multiplier = exponent(suffix);
    }
    BigDecimal value = amount.multiply(multiplier);
    return new Quantity(text, negative ? value.negate() : value);
  }

  /** Whether {@code text} parses; the message of the failure otherwise, {@code null} if valid. */
  public static String problem(String text) {
    try {
      parse(text);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static BigDecimal exponent(String suffix) {
    if (suffix.length() >= 2 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      String exp = suffix.substring(1);
      if (exp.matches("[-+]?[0-9]+") && exp.length() < 10) {
        return BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(exp));
      }
    }
    throw new IllegalArgumentException(SUFFIX);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  public int signum() {
    return value.signum();
  }

  /** Whether the value has no fractional part (integer resources such as pods). */
  public boolean isInteger() {
    return value.stripTrailingZeros().scale() <= 0;
  }

  @Override
  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return text;
  }
}
