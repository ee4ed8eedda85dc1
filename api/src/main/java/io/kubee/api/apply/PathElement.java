package io.kubee.api.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One step of a path into an object, as structured-merge-diff's {@code fieldpath.PathElement}:
 * a field of a map or struct ({@code f:name}), an element of a list-map by the values of its key
 * fields ({@code k:{"name":"nginx"}}), an element of a set by its value ({@code v:"foo"}), or an
 * element of an atomic list by index ({@code i:0}). Immutable; ordered as SMD orders them (fields,
 * then keys, then values, then indexes), which is the order of {@code FieldsV1}.
 */
public final class PathElement implements Comparable<PathElement> {
  /** The kind of a path element, in SMD's order. */
  public enum Type { FIELD, KEY, VALUE, INDEX }

  /** One key field of a list-map element: its name and value. */
  public record KeyField(String name, JsonNode value) {
    public KeyField {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Comparator<KeyField> BY_NAME =
      (a, b) -> JsonValues.compareStrings(a.name(), b.name());

  private final Type type;
  private final String name;
  private final List<KeyField> keys;
  private final JsonNode value;
  private final int index;

  private PathElement(Type type, String name, List<KeyField> keys, JsonNode value, int index) {
    this.type = type;
    this.name = name;
    this.keys = keys;
    this.value = value;
    this.index = index;
  }

  /** {@code f:<name>}: a field of a struct or a key of a map. */
  public static PathElement field(String name) {
    return new PathElement(Type.FIELD, Objects.requireNonNull(name, "name"), List.of(), null, 0);
  }

  /** {@code k:{...}}: a list-map element; the key fields are sorted by name as SMD sorts them. */
  public static PathElement key(List<KeyField> fields) {
    List<KeyField> sorted = new ArrayList<>(fields);
    sorted.sort(BY_NAME);
    return new PathElement(Type.KEY, "", List.copyOf(sorted), null, 0);
  }

  /** {@code k:{...}} from name/value pairs. */
  public static PathElement key(Map<String, JsonNode> fields) {
    List<KeyField> list = new ArrayList<>();
    fields.forEach((k, v) -> list.add(new KeyField(k, v)));
    return key(list);
  }

  /** {@code v:<json>}: an element of a set. */
  public static PathElement value(JsonNode value) {
    return new PathElement(Type.VALUE, "", List.of(), Objects.requireNonNull(value, "value"), 0);
  }

  /** {@code i:<n>}: an element of an atomic list. */
  public static PathElement index(int index) {
    return new PathElement(Type.INDEX, "", List.of(), null, index);
  }

  public Type type() {
    return type;
  }

  /** The field name of a FIELD element, "" otherwise. */
  public String name() {
    return name;
  }

  /** The key fields of a KEY element, sorted by name; empty otherwise. */
  public List<KeyField> keys() {
    return keys;
  }

  /** The value of a VALUE element, null otherwise. */
  public JsonNode value() {
    return value;
  }

  /** The index of an INDEX element, 0 otherwise. */
  public int index() {
    return index;
  }

  /**
   * The element as a {@code FieldsV1} key: {@code f:name}, {@code k:{"name":"nginx"}},
   * {@code v:"foo"}, {@code i:0} (SMD's {@code SerializePathElement}).
   */
  public String serialize() {
    return switch (type) {
      case FIELD -> "f:" + name;
      case KEY -> {
        StringBuilder out = new StringBuilder("k:{");
        for (int i = 0; i < keys.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          JsonValues.writeString(keys.get(i).name(), out);
          out.append(':');
          JsonValues.writeJson(keys.get(i).value(), out);
        }
        yield out.append('}').toString();
      }
      case VALUE -> "v:" + JsonValues.json(value);
      case INDEX -> "i:" + index;
    };
  }

  /**
   * Parses a {@code FieldsV1} key.
   *
   * @return the element, or null for a key of a type this version does not know (SMD drops
   *     those rather than fail)
   * @throws IllegalArgumentException for a malformed key
   */
  public static PathElement parse(String text) {
    if (text.length() < 2) {
      throw new IllegalArgumentException("key must be 2 characters long: " + text);
    }
    if (text.charAt(1) != ':') {
      throw new IllegalArgumentException("missing colon: " + text);
    }
    String body = text.substring(2);
    switch (text.charAt(0)) {
      case 'f':
        return field(body);
      case 'v':
        return value(readJson(body, text));
      case 'k': {
        JsonNode object = readJson(body, text);
        if (!object.isObject()) {
          throw new IllegalArgumentException("expected an object of key fields: " + text);
        }
        List<KeyField> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
          fields.add(new KeyField(e.getKey(), e.getValue()));
        }
        return key(fields);
      }
      case 'i':
        try {
          return index(Integer.parseInt(body));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid index: " + text, e);
        }
      default:
        return null;
    }
  }

  private static JsonNode readJson(String body, String text) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty value: " + text);
      }
      return node;
    } catch (JacksonException e) {
      throw new IllegalArgumentException("invalid JSON in " + text + ": " + e.getOriginalMessage(),
          e);
    }
  }

  @Override
  public int compareTo(PathElement other) {
    if (type != other.type) {
      return type.compareTo(other.type);
    }
    return switch (type) {
      case FIELD -> JsonValues.compareStrings(name, other.name);
      case KEY -> compareKeys(keys, other.keys);
      case VALUE -> JsonValues.compare(value, other.value);
      case INDEX -> Integer.compare(index, other.index);
    };
  }

  private static int compareKeys(List<KeyField> a, List<KeyField> b) {
    for (int i = 0; ; i++) {
      if (i >= a.size() || i >= b.size()) {
        return Integer.compare(a.size(), b.size());
      }
      int c = JsonValues.compareStrings(a.get(i).name(), b.get(i).name());
      if (c != 0) {
        return c;
      }
      c = JsonValues.compare(a.get(i).value(), b.get(i).value());
      if (c != 0) {
        return c;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathElement other && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return switch (type) {
      case FIELD -> name.hashCode();
      case KEY -> {
        int h = 17;
        for (KeyField k : keys) {
          h = 31 * h + k.name().hashCode() + JsonValues.hash(k.value());
        }
        yield h;
      }
      case VALUE -> 31 + JsonValues.hash(value);
      case INDEX -> 97 + index;
    };
  }

  /**
   * The element as it appears in conflict messages (SMD's {@code PathElement.String}):
   * {@code .name}, {@code [name="nginx"]}, {@code [="foo"]}, {@code [0]}.
   */
  @Override
  public String toString() {
    return switch (type) {
      case FIELD -> "." + name;
      case KEY -> {
        List<String> parts = new ArrayList<>();
        for (KeyField k : keys) {
          parts.add(k.name() + "=" + JsonValues.goString(k.value()));
        }
        yield "[" + String.join(",", parts) + "]";
      }
      case VALUE -> "[=" + JsonValues.goString(value) + "]";
      case INDEX -> "[" + index + "]";
    };
  }
}
