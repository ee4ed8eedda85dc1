package io.kubee.api.validation.field;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.kubee.api.codec.Codec;
import io.kubee.api.errors.Errors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Collects field errors as the {@link StatusCause}s of a 422 Invalid, with Kubernetes' reasons and
 * messages ({@code k8s.io/apimachinery/pkg/util/validation/field/errors.go}): the cause's
 * {@code field} is the path, its {@code message} the error body ("Invalid value: \"x\": detail").
 * Not thread-safe; one collector per validation.
 */
public final class FieldErrors {
  public static final String REQUIRED = "FieldValueRequired";
  public static final String INVALID = "FieldValueInvalid";
  public static final String NOT_SUPPORTED = "FieldValueNotSupported";
  public static final String DUPLICATE = "FieldValueDuplicate";
  public static final String FORBIDDEN = "FieldValueForbidden";
  public static final String TOO_LONG = "FieldValueTooLong";
  public static final String NOT_FOUND = "FieldValueNotFound";
  public static final String TOO_MANY = "FieldValueTooMany";

  private final List<StatusCause> causes = new ArrayList<>();

  /** "Required value", with an optional detail ("" for none). */
  public FieldErrors required(FieldPath path, String detail) {
    return add(REQUIRED, path, withDetail("Required value", detail));
  }

  /** "Invalid value: <value>: <detail>". */
  public FieldErrors invalid(FieldPath path, Object value, String detail) {
    return add(INVALID, path, withDetail("Invalid value: " + render(value), detail));
  }

  /** "Unsupported value: <value>: supported values: "a", "b"". */
  public FieldErrors notSupported(FieldPath path, Object value, Collection<String> supported) {
    StringBuilder detail = new StringBuilder();
    if (!supported.isEmpty()) {
      detail.append("supported values: ");
      int i = 0;
      for (String s : supported) {
        if (i++ > 0) {
          detail.append(", ");
        }
        detail.append(goQuote(s));
      }
    }
    return add(NOT_SUPPORTED, path, withDetail("Unsupported value: " + render(value),
        detail.toString()));
  }

  public FieldErrors duplicate(FieldPath path, Object value) {
    return duplicate(path, value, "");
  }

  public FieldErrors duplicate(FieldPath path, Object value, String detail) {
    return add(DUPLICATE, path, withDetail("Duplicate value: " + render(value), detail));
  }

  public FieldErrors forbidden(FieldPath path, String detail) {
    return add(FORBIDDEN, path, withDetail("Forbidden", detail));
  }

  /** "Too long: may not be more than N bytes"; the value is never echoed. */
  public FieldErrors tooLong(FieldPath path, int maxBytes) {
    return add(TOO_LONG, path, "Too long: may not be more than " + maxBytes + " bytes");
  }

  /** "Too many: N: must have at most M items" ({@code field.TooMany}). */
  public FieldErrors tooMany(FieldPath path, int actual, int max) {
    return add(TOO_MANY, path, "Too many: " + actual + ": must have at most " + max + " items");
  }

  public FieldErrors notFound(FieldPath path, Object value) {
    return add(NOT_FOUND, path, "Not found: " + render(value));
  }

  public FieldErrors addAll(FieldErrors other) {
    causes.addAll(other.causes);
    return this;
  }

  public boolean isEmpty() {
    return causes.isEmpty();
  }

  public int size() {
    return causes.size();
  }

  /** The causes collected so far, in the order they were found. */
  public List<StatusCause> causes() {
    return Collections.unmodifiableList(causes);
  }

  private FieldErrors add(String reason, FieldPath path, String message) {
    causes.add(Errors.cause(reason, path.toString(), message));
    return this;
  }

  private static String withDetail(String body, String detail) {
    return detail == null || detail.isEmpty() ? body : body + ": " + detail;
  }

  /**
   * Renders a bad value as Kubernetes does: strings quoted Go-style, numbers and booleans bare,
   * {@code null} as {@code null}, structures as compact JSON.
   */
  public static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return goQuote(s);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof JsonNode node) {
      if (node.isNull() || node.isMissingNode()) {
        return "null";
      }
      if (node.isString()) {
        return goQuote(node.asString());
      }
      if (node.isNumber() || node.isBoolean()) {
        return node.toString();
      }
      return node.toString();
    }
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      return Codec.INSTANCE.json().writeValueAsString(value);
    }
    return goQuote(value.toString());
  }

  /** Go's {@code %q}: a double-quoted string with Go escapes. */
  public static String goQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        case 0x07 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case 0x0b -> b.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            b.append(String.format("\\x%02x", cp));
          } else if (cp > 0x7f && !isPrintable(cp)) {
            b.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
        && (type != Character.SPACE_SEPARATOR || cp == ' ');
  }
}
