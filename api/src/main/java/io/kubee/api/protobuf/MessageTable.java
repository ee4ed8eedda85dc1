package io.kubee.api.protobuf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field table the decoder runs on: for each message, its field numbers with their JSON names
 * and Go shapes, and the kinds accepted at the top level. Loaded once from
 * {@code kubernetes-1.32-messages.txt} beside this class, whose header describes the notation;
 * a table that does not hold together (an undefined message, a duplicate number) fails the
 * loading, so a broken table cannot ship past {@code MessageTableTest}. Immutable, thread-safe.
 */
final class MessageTable {
  static final String RESOURCE = "kubernetes-1.32-messages.txt";

  /** What a field's values are, as read from the wire and written into JSON. */
  enum Kind {
    STRING, BOOL, INT32, INT64, BYTES, MESSAGE,
    /** resource.Quantity: a message with one string field, written as that string. */
    QUANTITY,
    /** intstr.IntOrString: {type, intVal, strVal}, written as a number or a string. */
    INT_OR_STRING,
    /** meta/v1.Time: {seconds, nanos}, written as RFC 3339 to the second, null when empty. */
    TIME,
    /** meta/v1.FieldsV1: {Raw bytes} holding JSON, written as that JSON. */
    FIELDS_V1,
    /** ExtraValue: {repeated string items}, written as an array of strings. */
    STRING_LIST;

    /** Whether values of this kind arrive as varints (and so may be packed when repeated). */
    boolean isVarint() {
      return this == BOOL || this == INT32 || this == INT64;
    }
  }

  /** How a field holds its values, after Go's struct field types. */
  enum Shape {
    /** A Go value: a scalar is written unless omitempty and zero, a struct always. */
    VALUE,
    /** A Go pointer: written whenever it is set, zero included. */
    POINTER,
    REPEATED,
    /** map[string]T, sent as repeated entries {1: key, 2: value}. */
    MAP
  }

  /** A type as the table spells it: "string", "resource.Quantity", "core/v1.Container". */
  record Type(Kind kind, String name) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A field; {@code index} is its position in its message. {@code inline} fields are embedded
   * structs whose fields join the enclosing JSON object.
   */
  record Field(int number, int index, String jsonName, boolean omitEmpty, boolean inline,
      Shape shape, Type type) {}

  record Message(String name, List<Field> fields, Map<Integer, Field> byNumber) {
    Field field(int number) {
      return byNumber.get(number);
    }
  }

  private static final Map<String, Kind> SCALARS = Map.of(
      "string", Kind.STRING, "bool", Kind.BOOL, "int32", Kind.INT32, "int64", Kind.INT64,
      "[]byte", Kind.BYTES);

  private static final Map<String, Kind> OWN_JSON_FORMS = Map.of(
      "resource.Quantity", Kind.QUANTITY,
      "intstr.IntOrString", Kind.INT_OR_STRING,
      "meta/v1.Time", Kind.TIME,
      "meta/v1.FieldsV1", Kind.FIELDS_V1,
      "authentication/v1.ExtraValue", Kind.STRING_LIST,
      "authorization/v1.ExtraValue", Kind.STRING_LIST);

  private static final MessageTable KUBERNETES = load(RESOURCE);

  private final Map<String, Message> messages;
  /** "apiVersion Kind" → message name. */
  private final Map<String, String> kinds;

  private MessageTable(Map<String, Message> messages, Map<String, String> kinds) {
    this.messages = messages;
    this.kinds = kinds;
  }

  /** The table of the Kubernetes objects kubectl sends as protobuf. */
  static MessageTable kubernetes() {
    return KUBERNETES;
  }

  /** The message of a top-level object, or empty when the table has none for it. */
  Optional<Message> root(String apiVersion, String kind) {
    String name = kinds.get(apiVersion + " " + kind);
    return name == null ? Optional.empty() : Optional.of(messages.get(name));
  }

  Message message(String name) {
    Message message = messages.get(name);
    if (message == null) {
      throw new IllegalArgumentException("no message " + name);
    }
    return message;
  }

  /** The accepted top-level objects as "apiVersion Kind", sorted. */
  Set<String> kinds() {
    return Collections.unmodifiableSet(new TreeSet<>(kinds.keySet()));
  }

  static MessageTable load(String resource) {
    try (InputStream in = MessageTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("protobuf message table " + resource + " is missing");
      }
      return parse(resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and checks a table; {@code source} names it in errors. */
  static MessageTable parse(String source, List<String> lines) {
    Map<String, List<Field>> fields = new LinkedHashMap<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    String current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int comment = line.indexOf('#');
      String[] words = (comment >= 0 ? line.substring(0, comment) : line).trim().split("\\s+");
      if (words[0].isEmpty()) {
        continue;
      }
      String where = source + ":" + (i + 1);
      if (words[0].equals("kind") && words.length == 4) {
        if (kinds.put(words[1] + " " + words[2], words[3]) != null) {
          throw new IllegalStateException(where + ": kind " + words[2] + " declared twice");
        }
      } else if (words[0].equals("message") && words.length == 2) {
        current = words[1];
        if (fields.put(current, new ArrayList<>()) != null) {
          throw new IllegalStateException(where + ": message " + current + " declared twice");
        }
      } else if (current != null && words.length == 3 && words[0].matches("[0-9]+")) {
        List<Field> list = fields.get(current);
        list.add(field(where, words, list.size()));
      } else {
        throw new IllegalStateException(where + ": cannot read \"" + line.trim() + "\"");
      }
    }
    Map<String, Message> messages = new LinkedHashMap<>();
    fields.forEach((name, list) -> messages.put(name, message(source, name, list)));
    check(source, messages, kinds);
    return new MessageTable(Map.copyOf(messages), Map.copyOf(kinds));
  }

  private static Field field(String where, String[] words, int index) {
    int number;
    try {
      number = Integer.parseInt(words[0]);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + ": field number " + words[0] + " out of range");
    }
    if (number < 1 || number > (1 << 29) - 1) {
      throw new IllegalStateException(where + ": field number " + number + " out of range");
    }
    String[] tag = words[1].split(",", -1);
    boolean inline = tag.length == 2 && tag[0].isEmpty() && tag[1].equals("inline");
    boolean omitEmpty = tag.length == 2 && tag[1].equals("omitempty");
    if (!inline && (tag[0].isEmpty() || (tag.length == 2 && !omitEmpty) || tag.length > 2)) {
      throw new IllegalStateException(where + ": json tag \"" + words[1]
          + "\" is neither name[,omitempty] nor ,inline");
    }
    String shape = words[2];
    Shape form;
    String element;
    if (shape.startsWith("*")) {
      form = Shape.POINTER;
      element = shape.substring(1);
    } else if (shape.startsWith("map[string]")) {
      form = Shape.MAP;
      element = shape.substring("map[string]".length());
    } else if (shape.startsWith("[]") && !shape.equals("[]byte")) {
      form = Shape.REPEATED;
      element = shape.substring(2);
    } else {
      form = Shape.VALUE;
      element = shape;
    }
    Type type = type(element);
    if (inline && (form != Shape.VALUE || type.kind() != Kind.MESSAGE)) {
      throw new IllegalStateException(where + ": only a struct value can be inline, not " + shape);
    }
    return new Field(number, index, inline ? "" : tag[0], omitEmpty, inline, form, type);
  }

  private static Type type(String name) {
    Kind kind = SCALARS.get(name);
    if (kind == null) {
      kind = OWN_JSON_FORMS.get(name);
    }
    return new Type(kind != null ? kind : Kind.MESSAGE, name);
  }

  private static Message message(String source, String name, List<Field> list) {
    Map<Integer, Field> byNumber = new HashMap<>();
    for (Field field : list) {
      if (byNumber.put(field.number(), field) != null) {
        throw new IllegalStateException(source + ": message " + name + " has field "
            + field.number() + " twice");
      }
    }
    return new Message(name, List.copyOf(list), Map.copyOf(byNumber));
  }

  private static void checkFinite(String source, Map<String, Message> messages, String name,
      Deque<String> holding, Set<String> finite) {
    if (finite.contains(name)) {
      return;
    }
    if (holding.contains(name)) {
      throw new IllegalStateException(source + ": message " + name + " holds itself by value ("
          + String.join(" > ", holding) + " > " + name + ")");
    }
    holding.addLast(name);
    for (Field field : messages.get(name).fields()) {
      if (field.shape() == Shape.VALUE && field.type().kind() == Kind.MESSAGE) {
        checkFinite(source, messages, field.type().name(), holding, finite);
      }
    }
    holding.removeLast();
    finite.add(name);
  }

  private static void check(String source, Map<String, Message> messages,
      Map<String, String> kinds) {
    for (Message message : messages.values()) {
      for (Field field : message.fields()) {
        if (field.type().kind() == Kind.MESSAGE && !messages.containsKey(field.type().name())) {
          throw new IllegalStateException(source + ": " + message.name() + "." + field.jsonName()
              + " refers to " + field.type().name() + ", which the table does not define");
        }
      }
    }
    // Go structs cannot hold themselves by value; a table that says so would render for ever
    Set<String> finite = new HashSet<>();
    for (String name : messages.keySet()) {
      checkFinite(source, messages, name, new ArrayDeque<>(), finite);
    }
    kinds.forEach((kind, name) -> {
      if (!messages.containsKey(name)) {
        throw new IllegalStateException(source + ": kind " + kind + " is message " + name
            + ", which the table does not define");
      }
    });
  }
}
