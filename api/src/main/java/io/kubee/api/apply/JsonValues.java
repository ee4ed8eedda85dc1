package io.kubee.api.apply;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values as structured-merge-diff sees them ({@code value/value.go}): a total order over JSON
 * values, equality that compares numbers by value whatever their Jackson node type, Go's
 * {@code %v} rendering used in paths ({@code value.ToString}), and JSON written as Go's
 * {@code encoding/json} and jsoniter write it (map keys sorted, {@code <>&} escaped). Stateless.
 */
final class JsonValues {
  private JsonValues() {}

  /**
   * SMD's {@code value.Compare}: numbers (integers and floats compared by value) before
   * strings, booleans, lists, maps and null.
   */
  static int compare(JsonNode a, JsonNode b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    switch (ra) {
      case 0:
        return compareNumbers(a, b);
      case 1:
        return compareStrings(a.asString(), b.asString());
      case 2:
        return Boolean.compare(a.booleanValue(), b.booleanValue());
      case 3: {
        Iterator<JsonNode> left = a.values().iterator();
        Iterator<JsonNode> right = b.values().iterator();
        while (true) {
          if (!left.hasNext() || !right.hasNext()) {
            return Boolean.compare(left.hasNext(), right.hasNext());
          }
          int c = compare(left.next(), right.next());
          if (c != 0) {
            return c;
          }
        }
      }
      case 4: {
        // maps compare by their entries in key order, a missing key sorting after any value
        TreeMap<String, JsonNode> left = sorted(a);
        TreeMap<String, JsonNode> right = sorted(b);
        if (left.isEmpty() && right.isEmpty()) {
          return 0;
        }
        TreeMap<String, Boolean> keys = new TreeMap<>(JsonValues::compareStrings);
        left.keySet().forEach(k -> keys.put(k, true));
        right.keySet().forEach(k -> keys.put(k, true));
        int i = 0;
        for (String key : keys.keySet()) {
          if (i == left.size()) {
            return -1;
          }
          if (i == right.size()) {
            return 1;
          }
          JsonNode l = left.get(key);
          JsonNode r = right.get(key);
          if (l == null) {
            return 1;
          }
          if (r == null) {
            return -1;
          }
          int c = compare(l, r);
          if (c != 0) {
            return c;
          }
          i++;
        }
        return 0;
      }
      default:
        return 0;
    }
  }

  /** SMD's {@code value.Equals}: deep equality with numbers compared by value. */
  static boolean equal(JsonNode a, JsonNode b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a.isNumber() && b.isNumber()) {
      return compareNumbers(a, b) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> entry : a.properties()) {
        JsonNode other = b.get(entry.getKey());
        if (other == null || !equal(entry.getValue(), other)) {
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

  /** A hash consistent with {@link #equal} for scalars (list-map key values, set members). */
  static int hash(JsonNode value) {
    if (value == null) {
      return 0;
    }
    if (value.isNumber()) {
      double d = value.doubleValue();
      return Double.hashCode(d == 0.0 ? 0.0 : d);
    }
    if (value.isObject() || value.isArray()) {
      return value.size();
    }
    return value.hashCode();
  }

  /** Go's strings.Compare: byte order of UTF-8, which is code point order. */
  static int compareStrings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** SMD's {@code value.ToString}: how a key value appears in a path ({@code [name="nginx"]}). */
  static String goString(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isNumber()) {
      return number(value);
    }
    if (value.isString()) {
      return goQuote(value.asString());
    }
    if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      value.values().forEach(v -> parts.add(goString(v)));
      return "[" + String.join(",", parts) + "]";
    }
    if (value.isObject()) {
      StringBuilder out = new StringBuilder();
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        out.append(e.getKey()).append('=').append(goString(e.getValue()));
      }
      return out.toString();
    }
    return "{{undefined}}";
  }

  /** Go's {@code %q}: a double-quoted string with Go escapes. */
  static String goQuote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case 0x0b -> out.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", c));
          } else if (!isPrint(c)) {
            out.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Go's {@code unicode.IsPrint}, closely enough for the characters Kubernetes names hold. */
  static boolean isPrint(int c) {
    if (c == ' ') {
      return true;
    }
    int type = Character.getType(c);
    return !(Character.isISOControl(c) || Character.isWhitespace(c)
        || type == Character.UNASSIGNED || type == Character.SURROGATE
        || type == Character.PRIVATE_USE || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SPACE_SEPARATOR);
  }

  /** A value as Go's encoding/json writes it: compact, map keys sorted, HTML-safe. */
  static String json(JsonNode value) {
    StringBuilder out = new StringBuilder();
    writeJson(value, out);
    return out.toString();
  }

  static void writeJson(JsonNode value, StringBuilder out) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      out.append("null");
    } else if (value.isString()) {
      writeString(value.asString(), out);
    } else if (value.isNumber()) {
      out.append(number(value));
    } else if (value.isBoolean()) {
      out.append(value.booleanValue());
    } else if (value.isArray()) {
      out.append('[');
      boolean first = true;
      for (JsonNode item : value.values()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeJson(item, out);
      }
      out.append(']');
    } else if (value.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> entry : sorted(value).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(entry.getKey(), out);
        out.append(':');
        writeJson(entry.getValue(), out);
      }
      out.append('}');
    } else {
      out.append(value.asString());
    }
  }

  /** A JSON string as Go writes it with HTML escaping on (encoding/json, jsoniter). */
  static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Fields of an object by key in Go's (byte) order. */
  static TreeMap<String, JsonNode> sorted(JsonNode object) {
    TreeMap<String, JsonNode> map = new TreeMap<>(JsonValues::compareStrings);
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      map.put(e.getKey(), e.getValue());
    }
    return map;
  }

  /** A copy of a tree without the properties whose value is null, at any depth. */
  static JsonNode withoutNulls(JsonNode value) {
    if (value instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (!e.getValue().isNull()) {
          copy.set(e.getKey(), withoutNulls(e.getValue()));
        }
      }
      return copy;
    }
    if (value != null && value.isArray()) {
      var copy = value.deepCopy();
      for (int i = 0; i < copy.size(); i++) {
        ((tools.jackson.databind.node.ArrayNode) copy).set(i, withoutNulls(copy.get(i)));
      }
      return copy;
    }
    return value;
  }

  private static int rank(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return 5;
    }
    if (v.isNumber()) {
      return 0;
    }
    if (v.isString()) {
      return 1;
    }
    if (v.isBoolean()) {
      return 2;
    }
    if (v.isArray()) {
      return 3;
    }
    if (v.isObject()) {
      return 4;
    }
    return 1;
  }

  private static int compareNumbers(JsonNode a, JsonNode b) {
    if (a.isIntegralNumber() && b.isIntegralNumber()) {
      return a.bigIntegerValue().compareTo(b.bigIntegerValue());
    }
    return a.decimalValue().compareTo(b.decimalValue());
  }

  /** A number as Go writes an int64 or a float64 ({@code strconv.FormatFloat(f, 'f', -1)}). */
  private static String number(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    double d = value.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return BigDecimal.valueOf(d).toBigInteger().toString();
    }
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      // Go switches to exponent form ("1e-07") outside [1e-6, 1e21)
      String s = BigDecimal.valueOf(d).stripTrailingZeros().toString().replace("E", "e");
      return s.replaceFirst("e([-+]?)(\\d)$", "e$10$2");
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
