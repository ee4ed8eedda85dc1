package io.kubee.api.protobuf;

import io.kubee.api.protobuf.MessageTable.Field;
import io.kubee.api.protobuf.MessageTable.Kind;
import io.kubee.api.protobuf.MessageTable.Message;
import io.kubee.api.protobuf.MessageTable.Shape;
import io.kubee.api.protobuf.MessageTable.Type;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes a protobuf message by the {@link MessageTable} into the tree that Go's encoding/json
 * writes for the same object after Kubernetes' generated code has read it — the tree a JSON body
 * with that object gives. Go's rules, applied field by field:
 * <ul>
 *   <li>Kubernetes always sends value fields, zero included; a scalar value is written unless
 *       its tag says omitempty and it is zero, a struct value always ({@code "status": {}}).</li>
 *   <li>A pointer is sent only when set, and then written, zero included
 *       ({@code "replicas": 0}, {@code "automountServiceAccountToken": false}).</li>
 *   <li>Repeated fields and maps are written when they hold something.</li>
 *   <li>A field not sent has its Go zero value: written only when its tag lacks omitempty
 *       ({@code null} for a pointer, slice or map; an empty time is {@code null}, as
 *       {@code "creationTimestamp": null}).</li>
 *   <li>Inline (embedded) structs write their fields into the enclosing object.</li>
 * </ul>
 * A message sent twice is merged, as protobuf merges; a scalar sent twice keeps the last value.
 * Field numbers the table does not know are skipped and reported (see {@link #skipped()}); a
 * known field with the wrong wire type is malformed. One decoder per body; not thread-safe.
 */
final class MessageDecoder {
  /** Far deeper than any Kubernetes object nests; bounds the recursion on hostile bodies. */
  static final int MAX_DEPTH = 64;
  /** How many skipped fields are reported by position; the rest are counted. */
  static final int MAX_REPORTED = 20;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final MessageTable table;
  private final List<String> skipped = new ArrayList<>();
  private int unreported;

  MessageDecoder(MessageTable table) {
    this.table = table;
  }

  /** Reads a whole message of the given type from {@code in}. */
  ObjectNode decode(Message type, WireReader in) {
    Partial message = new Partial(type);
    read(message, in, "", 0);
    return render(message);
  }

  /**
   * The fields skipped so far because the table does not know their numbers, one line each:
   * where, which number, what message ("spec.template.spec: field 99 (varint) of
   * core/v1.PodSpec").
   */
  List<String> skipped() {
    if (unreported == 0) {
      return List.copyOf(skipped);
    }
    List<String> all = new ArrayList<>(skipped);
    all.add("and " + unreported + " more");
    return List.copyOf(all);
  }

  /** The fields of one message read so far, kept until the whole body is read. */
  private static final class Partial {
    final Message type;
    /**
     * By field index: a JsonNode, a Partial, a List of either (repeated) or a Map (map); null
     * until a field arrives, as most messages of a body are small or empty.
     */
    private Object[] values;

    Partial(Message type) {
      this.type = type;
    }

    Object get(Field field) {
      return values == null ? null : values[field.index()];
    }

    void put(Field field, Object value) {
      if (values == null) {
        values = new Object[type.fields().size()];
      }
      values[field.index()] = value;
    }

    <T> T computeIfAbsent(Field field, Function<Field, T> create) {
      @SuppressWarnings("unchecked")
      T value = (T) get(field);
      if (value == null) {
        value = create.apply(field);
        put(field, value);
      }
      return value;
    }
  }

  private void read(Partial target, WireReader in, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw MalformedProtobufException.at(path, "messages nested more than " + MAX_DEPTH + " deep");
    }
    while (!in.atEnd()) {
      String at = path;
      try {
        int tag = in.readTag();
        Field field = target.type.field(WireReader.fieldNumber(tag));
        if (field == null) {
          in.skip(tag);
          report(path, target.type.name(), WireReader.fieldNumber(tag), WireReader.wireType(tag));
          continue;
        }
        if (!field.inline()) {
          at = path.isEmpty() ? field.jsonName() : path + "." + field.jsonName();
        }
        readField(target, field, tag, in, at, depth);
      } catch (MalformedProtobufException e) {
        throw e.locate(at);
      }
    }
  }

  private void readField(Partial target, Field field, int tag, WireReader in, String path,
      int depth) {
    switch (field.shape()) {
      case MAP -> readMapEntry(target, field, tag, in, path, depth);
      case REPEATED -> readElement(target, field, tag, in, path, depth);
      case VALUE, POINTER -> {
        if (field.type().kind() == Kind.MESSAGE) {
          expect(tag, WireReader.LEN, path, field);
          Partial message = target.computeIfAbsent(field,
              f -> new Partial(table.message(f.type().name())));
          read(message, in.readMessage(), path, depth + 1);
        } else {
          target.put(field, readValue(field.type(), tag, in, path, label(field)));
        }
      }
    }
  }

  private void readElement(Partial target, Field field, int tag, WireReader in, String path,
      int depth) {
    List<Object> list = target.computeIfAbsent(field, f -> new ArrayList<>());
    Type type = field.type();
    if (type.kind().isVarint() && WireReader.wireType(tag) == WireReader.LEN) {
      WireReader packed = in.readMessage();
      while (!packed.atEnd()) {
        list.add(varint(type.kind(), packed.readVarint()));
      }
    } else if (type.kind() == Kind.MESSAGE) {
      expect(tag, WireReader.LEN, path, field);
      Partial element = new Partial(table.message(type.name()));
      read(element, in.readMessage(), path + "[" + list.size() + "]", depth + 1);
      list.add(element);
    } else {
      list.add(readValue(type, tag, in, path + "[" + list.size() + "]", label(field)));
    }
  }

  /** One entry {1: key, 2: value} of a map; a key or value not sent is Go's zero. */
  private void readMapEntry(Partial target, Field field, int tag, WireReader in, String path,
      int depth) {
    Map<String, Object> map = target.computeIfAbsent(field, f -> new LinkedHashMap<>());
    expect(tag, WireReader.LEN, path, field);
    WireReader entry = in.readMessage();
    Type type = field.type();
    String key = "";
    Object value = null;
    while (!entry.atEnd()) {
      int entryTag = entry.readTag();
      switch (WireReader.fieldNumber(entryTag)) {
        case 1 -> {
          WireReader.expect(entryTag, WireReader.LEN, path, "map key");
          key = entry.readString();
        }
        case 2 -> {
          if (type.kind() == Kind.MESSAGE) {
            WireReader.expect(entryTag, WireReader.LEN, path, "map value");
            Partial message = value instanceof Partial p ? p
                : new Partial(table.message(type.name()));
            read(message, entry.readMessage(), path, depth + 1);
            value = message;
          } else {
            value = readValue(type, entryTag, entry, path, "map value");
          }
        }
        default -> {
          entry.skip(entryTag);
          report(path, "a map entry", WireReader.fieldNumber(entryTag),
              WireReader.wireType(entryTag));
        }
      }
    }
    map.put(key, value);
  }

  /** A scalar or custom-form value (not a message of the table); {@code label} names it. */
  private JsonNode readValue(Type type, int tag, WireReader in, String path, String label) {
    Kind kind = type.kind();
    if (kind.isVarint()) {
      WireReader.expect(tag, WireReader.VARINT, path, label);
      return varint(kind, in.readVarint());
    }
    WireReader.expect(tag, WireReader.LEN, path, label);
    return switch (kind) {
      case STRING -> NODES.stringNode(in.readString());
      case BYTES -> NODES.stringNode(Base64.getEncoder().encodeToString(in.readBytes()));
      default -> CustomJsonTypes.read(kind, in.readMessage(), path,
          (number, wireType) -> report(path, type.toString(), number, wireType));
    };
  }

  private static JsonNode varint(Kind kind, long value) {
    return switch (kind) {
      case BOOL -> NODES.booleanNode(value != 0);
      // Go's generated code keeps the low 32 bits, as a cast does
      case INT32 -> NODES.numberNode((int) value);
      // the node a JSON parse gives: an int when it fits, so trees compare equal
      case INT64 -> value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
      default -> throw new IllegalArgumentException(kind + " is not a varint");
    };
  }

  private static void expect(int tag, int wireType, String path, Field field) {
    WireReader.expect(tag, wireType, path, label(field));
  }

  private static String label(Field field) {
    return field.inline() ? "inline " + field.type() : field.jsonName();
  }

  /** Notes a field skipped in {@code message} at {@code path} ("" at the top level). */
  void report(String path, String message, int number, int wireType) {
    if (skipped.size() >= MAX_REPORTED) {
      unreported++;
      return;
    }
    skipped.add((path.isEmpty() ? "(top level)" : path) + ": field " + number + " ("
        + WireReader.wireTypeName(wireType) + ") of " + message);
  }

  private ObjectNode render(Partial message) {
    ObjectNode out = NODES.objectNode();
    renderInto(message, out);
    return out;
  }

  private void renderInto(Partial message, ObjectNode out) {
    for (Field field : message.type.fields()) {
      Object value = message.get(field);
      if (field.inline()) {
        renderInto(value != null ? (Partial) value
            : new Partial(table.message(field.type().name())), out);
        continue;
      }
      JsonNode node = value == null ? absent(field) : present(field, value);
      if (node != null) {
        out.set(field.jsonName(), node);
      }
    }
  }

  /** The JSON of a field that was sent, or null when Go omits it. */
  private JsonNode present(Field field, Object value) {
    switch (field.shape()) {
      case REPEATED -> {
        List<?> list = (List<?>) value;
        if (list.isEmpty()) {
          // a packed field of length 0 leaves Go's slice nil
          return absent(field);
        }
        ArrayNode array = NODES.arrayNode(list.size());
        list.forEach(element -> array.add(element(element)));
        return array;
      }
      case MAP -> {
        ObjectNode object = NODES.objectNode();
        ((Map<?, ?>) value).forEach((key, element) -> object.set((String) key,
            element == null ? zero(field.type()) : element(element)));
        return object;
      }
      case POINTER -> {
        return element(value);
      }
      default -> {
        JsonNode node = element(value);
        return field.omitEmpty() && !isStruct(field.type()) && isEmpty(node) ? null : node;
      }
    }
  }

  /** The JSON of a field that was not sent: Go's zero value, or null when Go omits it. */
  private JsonNode absent(Field field) {
    if (field.shape() == Shape.VALUE && isStruct(field.type())) {
      return zero(field.type());
    }
    if (field.omitEmpty()) {
      return null;
    }
    return field.shape() == Shape.VALUE ? zero(field.type()) : NODES.nullNode();
  }

  /** Go structs, which omitempty never omits ({@code "status": {}}, a null time). */
  private static boolean isStruct(Type type) {
    return switch (type.kind()) {
      case MESSAGE, QUANTITY, INT_OR_STRING, TIME, FIELDS_V1 -> true;
      default -> false;
    };
  }

  private JsonNode element(Object value) {
    return value instanceof Partial message ? render(message) : (JsonNode) value;
  }

  /** The JSON of the Go zero value of a type. */
  private JsonNode zero(Type type) {
    return switch (type.kind()) {
      case STRING -> NODES.stringNode("");
      case BOOL -> NODES.booleanNode(false);
      case INT32, INT64 -> NODES.numberNode(0);
      case BYTES -> NODES.nullNode();
      case MESSAGE -> render(new Partial(table.message(type.name())));
      default -> CustomJsonTypes.zero(type.kind());
    };
  }

  /** Go's omitempty test: false, 0, "", and empty (or nil) slices. */
  private static boolean isEmpty(JsonNode node) {
    return node.isNull()
        || (node.isString() && node.asString().isEmpty())
        || (node.isBoolean() && !node.asBoolean())
        || (node.isNumber() && node.asLong() == 0)
        || (node.isArray() && node.isEmpty());
  }
}
