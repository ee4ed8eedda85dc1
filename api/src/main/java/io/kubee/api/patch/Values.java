package io.kubee.api.patch;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Comparisons and renderings of JSON values shared by the patch engines. Every method is total:
 * it accepts any tree Jackson can build (including non-finite doubles and {@code null}) and
 * never throws.
 */
final class Values {
  private Values() {}

  /**
   * Whether two values are the same JSON value: objects compare member by member regardless of
   * order, arrays element by element, numbers by numeric value (RFC 6902 section 4.6, so
   * {@code 1} equals {@code 1.0}). {@code null} (absent) equals only itself.
   */
  static boolean equal(JsonNode a, JsonNode b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a.isNumber() && b.isNumber()) {
      return numberKey(a).equals(numberKey(b));
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (!equal(e.getValue(), b.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * A string that two values share exactly when {@link #equal} holds: the identity under which
   * merge-key values and the elements of a set-like list are compared.
   */
  static String key(JsonNode node) {
    StringBuilder out = new StringBuilder();
    appendKey(node, out);
    return out.toString();
  }

  private static void appendKey(JsonNode node, StringBuilder out) {
    if (node == null || node.isMissingNode()) {
      out.append('~');
    } else if (node.isNull()) {
      out.append('z');
    } else if (node.isNumber()) {
      out.append('n').append(numberKey(node)).append(';');
    } else if (node.isString()) {
      String s = node.asString();
      out.append('s').append(s.length()).append(':').append(s);
    } else if (node.isBoolean()) {
      out.append(node.booleanValue() ? 't' : 'f');
    } else if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      out.append('{');
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        out.append(e.getKey().length()).append(':').append(e.getKey());
        appendKey(e.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode element : node) {
        appendKey(element, out);
      }
      out.append(']');
    } else {
      out.append('?').append(node);
    }
  }

  private static String numberKey(JsonNode node) {
    if (node.isIntegralNumber()) {
      return new BigDecimal(node.bigIntegerValue()).stripTrailingZeros().toString();
    }
    if (node.isBigDecimal()) {
      return node.decimalValue().stripTrailingZeros().toString();
    }
    double d = node.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toString();
  }

  /** The JSON type of a value as RFC 8259 names it ("object", "array", "string"...). */
  static String typeName(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isString()) {
      return "string";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (node.isNull()) {
      return "null";
    }
    return "value";
  }

  /**
   * The value as Go's {@code fmt} prints the {@code map[string]interface{}} it decodes to
   * ({@code map[name:web ports:[80 443]]}), which is how Kubernetes' patch errors quote
   * patches; keeping the format keeps the messages users search for.
   */
  static String go(JsonNode node) {
    StringBuilder out = new StringBuilder();
    appendGo(node, out, 0);
    return out.toString();
  }

  private static void appendGo(JsonNode node, StringBuilder out, int depth) {
    if (depth > 64) {
      out.append("...");
    } else if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("<nil>");
    } else if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      out.append("map[");
      Iterator<Map.Entry<String, JsonNode>> it = sorted.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.append(e.getKey()).append(':');
        appendGo(e.getValue(), out, depth + 1);
        if (it.hasNext()) {
          out.append(' ');
        }
      }
      out.append(']');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        appendGo(node.get(i), out, depth + 1);
      }
      out.append(']');
    } else if (node.isString()) {
      out.append(node.asString());
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      out.append(goFloat(node.doubleValue()));
    } else {
      out.append(node.asString());
    }
  }

  /** Go's {@code %v} of a float64: shortest form, exponent outside [-4, 21). */
  private static String goFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    BigDecimal value = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = value.precision() - value.scale() - 1;
    if (exponent < -4 || exponent >= 21) {
      String digits = value.unscaledValue().abs().toString();
      StringBuilder out = new StringBuilder();
      if (value.signum() < 0) {
        out.append('-');
      }
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        out.append('0');
      }
      return out.append(abs).toString();
    }
    return value.toPlainString();
  }

  /**
   * How deeply containers nest in {@code node}, counted as Jackson's parser counts it (a
   * top-level object is depth 1, a scalar 0). Iterative, so safe on any tree.
   */
  static int depth(JsonNode node) {
    if (node == null || !node.isContainer()) {
      return 0;
    }
    int max = 0;
    Deque<Map.Entry<JsonNode, Integer>> pending = new ArrayDeque<>();
    pending.push(Map.entry(node, 1));
    while (!pending.isEmpty()) {
      Map.Entry<JsonNode, Integer> next = pending.pop();
      int level = next.getValue();
      max = Math.max(max, level);
      for (JsonNode child : next.getKey()) {
        if (child != null && child.isContainer()) {
          pending.push(Map.entry(child, level + 1));
        }
      }
    }
    return max;
  }
}
