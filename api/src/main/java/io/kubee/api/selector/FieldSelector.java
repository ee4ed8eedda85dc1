package io.kubee.api.selector;

import io.kubee.api.errors.Errors;
import io.kubee.api.registry.ResourceType;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A field selector ({@code fieldSelector=spec.nodeName=n1,status.phase!=Failed}): an AND of
 * equality and inequality terms over the selectable fields of one resource type. Parsing follows
 * {@code k8s.io/apimachinery/pkg/fields/selector.go} (terms split on unescaped commas, values
 * unescaped with {@code \\}, {@code \,} and {@code \=}); the supported labels are
 * {@code metadata.name}, {@code metadata.namespace} for namespaced types, and the type's
 * {@link ResourceType#fieldLabels()}, as Kubernetes' field label conversion functions. Immutable
 * and thread-safe.
 */
public final class FieldSelector {
  private static final FieldSelector EVERYTHING = new FieldSelector(List.of(), Map.of());
  private static final Map<String, String> ZERO_VALUES = new ConcurrentHashMap<>();

  /**
   * One term: {@code label=value} ({@code equal}) or {@code label!=value}.
   *
   * @param label   the field label ("spec.nodeName")
   * @param equal   true for {@code =} and {@code ==}, false for {@code !=}
   * @param value   the unescaped value
   */
  public record Term(String label, boolean equal, String value) {
    @Override
    public String toString() {
      return label + (equal ? "=" : "!=") + escapeValue(value);
    }
  }

  private record Selectable(JsonPointer pointer, String zero) {}

  private final List<Term> terms;
  private final Map<String, Selectable> fields;

  private FieldSelector(List<Term> terms, Map<String, Selectable> fields) {
    this.terms = List.copyOf(terms);
    this.fields = Map.copyOf(fields);
  }

  /** Selects everything. */
  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /**
   * Parses a field selector for objects of {@code type}; {@code null} or "" selects everything.
   *
   * @throws io.kubee.api.errors.ApiException 400 BadRequest for a malformed selector or a label
   *     the type does not support ("field label not supported: x")
   */
  public static FieldSelector parse(String selector, ResourceType type) {
    if (selector == null || selector.isEmpty()) {
      return EVERYTHING;
    }
    List<String> parts = splitTerms(selector);
    Collections.sort(parts);
    List<Term> terms = new ArrayList<>();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      Term term = splitTerm(part);
      if (term == null) {
        throw Errors.badRequest("invalid selector: '" + selector + "'; can't understand '"
            + part + "'");
      }
      terms.add(term);
    }
    Map<String, String> supported = supportedLabels(type);
    Map<String, Selectable> fields = new LinkedHashMap<>();
    for (Term term : terms) {
      String pointer = supported.get(term.label());
      if (pointer == null) {
        throw Errors.badRequest("field label not supported: " + term.label());
      }
      fields.computeIfAbsent(term.label(),
          l -> new Selectable(JsonPointer.compile(pointer),
              zeroValue(type.modelClass(), pointer)));
    }
    return terms.isEmpty() ? EVERYTHING : new FieldSelector(terms, fields);
  }

  /** The labels a type can be selected by, with the JSON pointer of each. */
  public static Map<String, String> supportedLabels(ResourceType type) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("metadata.name", "/metadata/name");
    if (type.namespaced()) {
      labels.put("metadata.namespace", "/metadata/namespace");
    }
    labels.putAll(type.fieldLabels());
    return labels;
  }

  /**
   * Whether the object satisfies every term. A field absent from the object compares as the zero
   * value of its type in the model ("" for strings, "false" for booleans, "0" for numbers), as
   * Kubernetes' selectable fields are derived from Go structs.
   */
  public boolean matches(ObjectNode object) {
    for (Term term : terms) {
      Selectable field = fields.get(term.label());
      String actual = valueAt(object, field);
      if (actual.equals(term.value()) != term.equal()) {
        return false;
      }
    }
    return true;
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  /** The terms, sorted as Kubernetes sorts them when parsing. */
  public List<Term> terms() {
    return terms;
  }

  /** The name {@code metadata.name=x} requires, if any: lets a list become a get. */
  public Optional<String> exactName() {
    return exactValue("metadata.name");
  }

  /** The value an equality term requires of {@code label}, if there is one. */
  public Optional<String> exactValue(String label) {
    for (Term t : terms) {
      if (t.equal() && t.label().equals(label)) {
        return Optional.of(t.value());
      }
    }
    return Optional.empty();
  }

  /** The labels the selector refers to. */
  public Collection<String> labels() {
    return fields.keySet();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Term t : terms) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(t);
    }
    return b.toString();
  }

  /** Escapes {@code \}, {@code ,} and {@code =} in a value, as {@code fields.EscapeValue}. */
  public static String escapeValue(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }

  // ---- parsing ----

  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    int start = 0;
    boolean inSlash = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (inSlash) {
        inSlash = false;
      } else if (c == '\\') {
        inSlash = true;
      } else if (c == ',') {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  private static Term splitTerm(String term) {
    for (int i = 0; i < term.length(); i++) {
      String rest = term.substring(i);
      for (String op : new String[] {"!=", "==", "="}) {
        if (rest.startsWith(op)) {
          String lhs = term.substring(0, i);
          String rhs = term.substring(i + op.length());
          return new Term(lhs, !op.equals("!="), unescape(rhs));
        }
      }
    }
    return null;
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf(',') < 0 && s.indexOf('=') < 0) {
      return s;
    }
    StringBuilder v = new StringBuilder(s.length());
    boolean inSlash = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (inSlash) {
        if (c == '\\' || c == ',' || c == '=') {
          v.appendCodePoint(c);
        } else {
          throw Errors.badRequest("invalid field selector: invalid escape sequence: \\"
              + new String(Character.toChars(c)));
        }
        inSlash = false;
        continue;
      }
      switch (c) {
        case '\\' -> inSlash = true;
        // Go prints the rune with %v, i.e. as its number
        case ',', '=' -> throw Errors.badRequest(
            "invalid field selector: unescaped character in value: " + c);
        default -> v.appendCodePoint(c);
      }
    }
    if (inSlash) {
      throw Errors.badRequest("invalid field selector: invalid escape sequence: \\");
    }
    return v.toString();
  }

  // ---- matching ----

  private static String valueAt(ObjectNode object, Selectable field) {
    JsonNode node = object.at(field.pointer());
    if (node == null || node.isMissingNode() || node.isNull()) {
      return field.zero();
    }
    if (node.isString()) {
      return node.asString();
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  /** The Go zero value, as text, of the model field a pointer leads to. */
  private static String zeroValue(Class<?> model, String pointer) {
    if (model == null) {
      return "";
    }
    return ZERO_VALUES.computeIfAbsent(model.getName() + pointer, k -> {
      Class<?> current = model;
      String[] segments = pointer.substring(1).split("/");
      for (String segment : segments) {
        Field f = field(current, segment);
        if (f == null) {
          return "";
        }
        current = f.getType();
      }
      if (current == Boolean.class || current == boolean.class) {
        return "false";
      }
      if (current == Integer.class || current == int.class || current == Long.class
          || current == long.class || current == Short.class || current == short.class) {
        return "0";
      }
      return "";
    });
  }

  private static Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    return null;
  }
}
