package io.kubee.api.protobuf;

import io.kubee.api.codec.Codec;
import io.kubee.api.protobuf.MessageTable.Kind;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.BiConsumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The apimachinery types whose JSON is not the JSON of their protobuf message: each is read from
 * its message and written the way its Go {@code MarshalJSON} writes it. Stateless.
 */
final class CustomJsonTypes {
  private CustomJsonTypes() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** metav1.Time's JSON form: RFC 3339 in UTC, to the second. */
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");
  /** The seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the years RFC 3339 writes. */
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;

  /**
   * Reads a value of one of the custom kinds from its message. {@code unknown} receives the
   * number and wire type of each field skipped.
   */
  static JsonNode read(Kind kind, WireReader message, String path,
      BiConsumer<Integer, Integer> unknown) {
    return switch (kind) {
      case QUANTITY -> quantity(message, path, unknown);
      case INT_OR_STRING -> intOrString(message, path, unknown);
      case TIME -> time(message, path, unknown);
      case FIELDS_V1 -> fieldsV1(message, path, unknown);
      case STRING_LIST -> stringList(message, path, unknown);
      default -> throw new IllegalArgumentException(kind + " has no custom JSON form");
    };
  }

  /** The JSON of the Go zero value of a custom kind (a value field that was not sent). */
  static JsonNode zero(Kind kind) {
    return switch (kind) {
      case QUANTITY -> NODES.stringNode("0");
      case INT_OR_STRING -> NODES.numberNode(0);
      case TIME, FIELDS_V1, STRING_LIST -> NODES.nullNode();
      default -> throw new IllegalArgumentException(kind + " has no custom JSON form");
    };
  }

  /**
   * resource.Quantity {1: string}. The string is passed on as sent, as a JSON body's would be;
   * validation judges it.
   */
  private static JsonNode quantity(WireReader in, String path,
      BiConsumer<Integer, Integer> unknown) {
    String value = "";
    while (!in.atEnd()) {
      int tag = in.readTag();
      if (WireReader.fieldNumber(tag) == 1) {
        WireReader.expect(tag, WireReader.LEN, path, "string");
        value = in.readString();
      } else {
        skip(in, tag, unknown);
      }
    }
    return NODES.stringNode(value);
  }

  /** intstr.IntOrString {1: type (0 int, 1 string), 2: intVal, 3: strVal}. */
  private static JsonNode intOrString(WireReader in, String path,
      BiConsumer<Integer, Integer> unknown) {
    long type = 0;
    int intVal = 0;
    String strVal = "";
    while (!in.atEnd()) {
      int tag = in.readTag();
      int number = WireReader.fieldNumber(tag);
      if (number == 1) {
        WireReader.expect(tag, WireReader.VARINT, path, "type");
        type = in.readVarint();
      } else if (number == 2) {
        WireReader.expect(tag, WireReader.VARINT, path, "intVal");
        intVal = (int) in.readVarint();
      } else if (number == 3) {
        WireReader.expect(tag, WireReader.LEN, path, "strVal");
        strVal = in.readString();
      } else {
        skip(in, tag, unknown);
      }
    }
    if (type == 0) {
      return NODES.numberNode(intVal);
    }
    if (type == 1) {
      return NODES.stringNode(strVal);
    }
    throw MalformedProtobufException.at(path,
        "an int-or-string of type " + type + " (0 int, 1 string)");
  }

  /**
   * metav1.Time {1: seconds, 2: nanos}. An empty message is Go's zero time, written as null;
   * nanoseconds are dropped, as Kubernetes drops them (its JSON holds whole seconds).
   */
  private static JsonNode time(WireReader in, String path, BiConsumer<Integer, Integer> unknown) {
    if (in.atEnd()) {
      return NODES.nullNode();
    }
    long seconds = 0;
    while (!in.atEnd()) {
      int tag = in.readTag();
      int number = WireReader.fieldNumber(tag);
      if (number == 1) {
        WireReader.expect(tag, WireReader.VARINT, path, "seconds");
        seconds = in.readVarint();
      } else if (number == 2) {
        WireReader.expect(tag, WireReader.VARINT, path, "nanos");
        in.readVarint();
      } else {
        skip(in, tag, unknown);
      }
    }
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      throw MalformedProtobufException.at(path,
          "time " + seconds + "s from the epoch is outside the years 1 to 9999");
    }
    return NODES.stringNode(
        LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).format(RFC3339));
  }

  /** metav1.FieldsV1 {1: Raw}: JSON text, embedded as the tree it holds. */
  private static JsonNode fieldsV1(WireReader in, String path,
      BiConsumer<Integer, Integer> unknown) {
    byte[] raw = null;
    while (!in.atEnd()) {
      int tag = in.readTag();
      if (WireReader.fieldNumber(tag) == 1) {
        WireReader.expect(tag, WireReader.LEN, path, "Raw");
        raw = in.readBytes();
      } else {
        skip(in, tag, unknown);
      }
    }
    if (raw == null || raw.length == 0) {
      return NODES.nullNode();
    }
    try {
      JsonNode tree = Codec.INSTANCE.json().readTree(raw);
      return tree == null || tree.isMissingNode() ? NODES.nullNode() : tree;
    } catch (JacksonException e) {
      throw MalformedProtobufException.at(path, "fieldsV1 does not hold JSON");
    }
  }

  /** ExtraValue {1: repeated string items}: an array of strings, null when it has none. */
  private static JsonNode stringList(WireReader in, String path,
      BiConsumer<Integer, Integer> unknown) {
    ArrayNode items = NODES.arrayNode();
    while (!in.atEnd()) {
      int tag = in.readTag();
      if (WireReader.fieldNumber(tag) == 1) {
        WireReader.expect(tag, WireReader.LEN, path, "items");
        items.add(in.readString());
      } else {
        skip(in, tag, unknown);
      }
    }
    return items.isEmpty() ? NODES.nullNode() : items;
  }

  private static void skip(WireReader in, int tag, BiConsumer<Integer, Integer> unknown) {
    in.skip(tag);
    unknown.accept(WireReader.fieldNumber(tag), WireReader.wireType(tag));
  }
}
