package io.kubee.api.protobuf;

import static io.kubee.api.protobuf.ProtoWriter.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Go's JSON rules, applied by the decoder to a small table with every shape and kind. */
class MessageDecoderTest {
  static final MessageTable TABLE = MessageTable.parse("test table", List.of(
      "kind example.com/v1 Widget test.Widget",
      "message test.Widget",
      "  1  name                 string",
      "  2  note,omitempty       string",
      "  3  count,omitempty      int32",
      "  4  replicas,omitempty   *int32",
      "  5  enabled,omitempty    *bool",
      "  6  size,omitempty       int64",
      "  7  tags,omitempty       []string",
      "  8  ports                []int32",
      "  9  labels,omitempty     map[string]string",
      "  10 data,omitempty       map[string][]byte",
      "  11 spec,omitempty       test.Spec",
      "  12 ref,omitempty        *test.Spec",
      "  13 ,inline              test.Embedded",
      "  14 port,omitempty       intstr.IntOrString",
      "  15 created,omitempty    meta/v1.Time",
      "  16 limits,omitempty     map[string]resource.Quantity",
      "  17 children,omitempty   []test.Widget",
      "  18 fields,omitempty     *meta/v1.FieldsV1",
      "  19 extra,omitempty      map[string]authentication/v1.ExtraValue",
      "  20 required             []string",
      "  21 blob,omitempty       []byte",
      "  22 specs,omitempty      map[string]test.Spec",
      "  23 flag                 bool",
      "message test.Spec          # a comment",
      "  1  mode,omitempty       string",
      "  2  level                int32",
      "message test.Embedded",
      "  1  inlined,omitempty    string"));

  /** What Go writes for a Widget with nothing set. */
  static final String ZERO = """
      "name": "", "ports": null, "spec": {"level": 0}, "port": 0, "created": null,
      "required": null, "flag": false""";

  record Case(String name, ProtoWriter widget, String json) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> decoding() {
    return Stream.of(
        new Case("a message with nothing set has Go's zero values", message(),
            "{" + ZERO + "}"),
        new Case("a pointer set to zero is written", message().varint(4, 0).varint(5, 0),
            "{" + ZERO + ", \"replicas\": 0, \"enabled\": false}"),
        new Case("zero scalars are omitted under omitempty and written without it",
            message().string(1, "").string(2, "").varint(3, 0).varint(23, 0),
            "{" + ZERO + "}"),
        new Case("scalars keep their values",
            message().string(1, "w").string(2, "n").varint(3, 7).varint(23, 1),
            "{" + ZERO.replace("\"name\": \"\"", "\"name\": \"w\"")
                .replace("\"flag\": false", "\"flag\": true") + ", \"note\": \"n\", \"count\": 7}"),
        new Case("a negative int32 arrives as ten bytes", message().varint(3, -5),
            "{" + ZERO + ", \"count\": -5}"),
        new Case("an int64 beyond the int range stays whole", message().varint(6, 5_000_000_000L),
            "{" + ZERO + ", \"size\": 5000000000}"),
        new Case("repeated scalars are read packed and unpacked",
            message().bytes(8, message().rawVarint(80).rawVarint(443).toByteArray())
                .varint(8, 8080).string(7, "a").string(7, "b"),
            "{" + ZERO.replace("\"ports\": null", "\"ports\": [80, 443, 8080]")
                + ", \"tags\": [\"a\", \"b\"]}"),
        new Case("an empty packed field is a nil slice", message().bytes(8, new byte[0]),
            "{" + ZERO + "}"),
        new Case("map entries keep their order, the last duplicate wins, a missing value is zero",
            message()
                .message(9, message().string(1, "b").string(2, "1"))
                .message(9, message().string(1, "a").string(2, "2"))
                .message(9, message().string(1, "b").string(2, "3"))
                .message(9, message().string(1, "empty")),
            "{" + ZERO + ", \"labels\": {\"b\": \"3\", \"a\": \"2\", \"empty\": \"\"}}"),
        new Case("bytes are base64, in maps and alone",
            message().message(10, message().string(1, "k").bytes(2, new byte[] {0, 1, -1}))
                .bytes(21, "hi".getBytes(StandardCharsets.UTF_8)),
            "{" + ZERO + ", \"data\": {\"k\": \"AAH/\"}, \"blob\": \"aGk=\"}"),
        new Case("struct values are written when empty, pointers when set",
            message().message(11, message()).message(12, message()),
            "{" + ZERO + ", \"ref\": {\"level\": 0}}"),
        new Case("a message sent twice is merged",
            message().message(11, message().string(1, "fast")).message(11, message().varint(2, 3)),
            "{" + ZERO.replace("\"spec\": {\"level\": 0}",
                "\"spec\": {\"mode\": \"fast\", \"level\": 3}") + "}"),
        new Case("inline fields are written into the enclosing object",
            message().message(13, message().string(1, "in")),
            "{" + ZERO + ", \"inlined\": \"in\"}"),
        new Case("an int-or-string of type int is a number",
            message().message(14, message().varint(1, 0).varint(2, 8080)),
            "{" + ZERO.replace("\"port\": 0", "\"port\": 8080") + "}"),
        new Case("an int-or-string of type string is a string",
            message().message(14, message().varint(1, 1).string(3, "http")),
            "{" + ZERO.replace("\"port\": 0", "\"port\": \"http\"") + "}"),
        new Case("a time is RFC 3339 in UTC to the second, nanoseconds dropped",
            message().message(15, message().varint(1, 1_700_000_000L).varint(2, 999)),
            "{" + ZERO.replace("\"created\": null", "\"created\": \"2023-11-14T22:13:20Z\"") + "}"),
        new Case("the epoch is a time, not the zero time",
            message().message(15, message().varint(1, 0)),
            "{" + ZERO.replace("\"created\": null", "\"created\": \"1970-01-01T00:00:00Z\"") + "}"),
        new Case("quantities are their strings, a missing one is zero",
            message()
                .message(16, message().string(1, "cpu").message(2, message().string(1, "500m")))
                .message(16, message().string(1, "memory")),
            "{" + ZERO + ", \"limits\": {\"cpu\": \"500m\", \"memory\": \"0\"}}"),
        new Case("a map of messages renders each value, a missing one as the zero struct",
            message().message(22, message().string(1, "a").message(2, message().string(1, "x")))
                .message(22, message().string(1, "b")),
            "{" + ZERO + ", \"specs\": {\"a\": {\"mode\": \"x\", \"level\": 0},"
                + " \"b\": {\"level\": 0}}}"),
        new Case("repeated messages are decoded one by one",
            message().message(17, message().string(1, "c1")).message(17, message().varint(3, 2)),
            "{" + ZERO + ", \"children\": [{" + ZERO.replace("\"\"", "\"c1\"") + "}, {" + ZERO
                + ", \"count\": 2}]}"),
        new Case("fieldsV1 is the JSON it holds",
            message().message(18, message().string(1, "{\"f:metadata\":{}}")),
            "{" + ZERO + ", \"fields\": {\"f:metadata\": {}}}"),
        new Case("an extra value is an array of strings, null when empty",
            message().message(19, message().string(1, "scopes")
                    .message(2, message().string(1, "a").string(1, "b")))
                .message(19, message().string(1, "none").message(2, message())),
            "{" + ZERO + ", \"extra\": {\"scopes\": [\"a\", \"b\"], \"none\": null}}"),
        new Case("a string that is not UTF-8 reads as U+FFFD, as Go writes it",
            message().bytes(1, new byte[] {'a', (byte) 0xFF, 'b'}),
            "{" + ZERO.replace("\"name\": \"\"", "\"name\": \"a\uFFFDb\"") + "}"),
        new Case("a scalar sent twice keeps the last value",
            message().string(1, "first").string(1, "second"),
            "{" + ZERO.replace("\"name\": \"\"", "\"name\": \"second\"") + "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decoding")
  void decodes(Case c) {
    MessageDecoder decoder = new MessageDecoder(TABLE);

    ObjectNode got = decode(decoder, c.widget().toByteArray());

    assertThat(got).isEqualTo(json(c.json()));
    assertThat(decoder.skipped()).isEmpty();
  }

  @Test
  void unknownFieldsAreSkippedAndReportedWithTheirPlace() {
    MessageDecoder decoder = new MessageDecoder(TABLE);
    byte[] widget = message()
        .varint(99, 1)
        .message(11, message().fixed32(7, 1).string(1, "kept"))
        .message(17, message().fixed64(88, 1))
        .message(14, message().string(9, "x"))
        .message(9, message().string(1, "k").string(2, "v").varint(3, 1))
        .toByteArray();

    ObjectNode got = decode(decoder, widget);

    assertThat(got.get("spec").get("mode").asString()).isEqualTo("kept");
    assertThat(got.get("labels").get("k").asString()).isEqualTo("v");
    assertThat(decoder.skipped()).containsExactly(
        "(top level): field 99 (varint) of test.Widget",
        "spec: field 7 (fixed32) of test.Spec",
        "children[0]: field 88 (fixed64) of test.Widget",
        "port: field 9 (length-delimited) of intstr.IntOrString",
        "labels: field 3 (varint) of a map entry");
  }

  @Test
  void manySkippedFieldsAreCountedBeyondTheFirstTwenty() {
    MessageDecoder decoder = new MessageDecoder(TABLE);
    ProtoWriter widget = message();
    for (int i = 0; i < 25; i++) {
      widget.varint(100 + i, i);
    }

    decode(decoder, widget.toByteArray());

    assertThat(decoder.skipped()).hasSize(MessageDecoder.MAX_REPORTED + 1)
        .last().isEqualTo("and 5 more");
  }

  record ErrorCase(String name, byte[] widget, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ErrorCase> malformed() {
    ProtoWriter deep = message().string(1, "leaf");
    for (int i = 0; i < MessageDecoder.MAX_DEPTH + 1; i++) {
      deep = message().message(17, deep);
    }
    return Stream.of(
        new ErrorCase("a string sent as a varint", message().varint(1, 3).toByteArray(),
            "name (field 1) sent as varint where length-delimited is expected"),
        new ErrorCase("a number sent as a string", message().string(3, "3").toByteArray(),
            "count (field 3) sent as length-delimited where varint is expected"),
        new ErrorCase("a nested message sent as a number, with its path",
            message().message(17, message().varint(11, 1)).toByteArray(),
            "children[0].spec: spec (field 11) sent as varint where length-delimited is expected"),
        new ErrorCase("an inline struct sent as a number", message().varint(13, 1).toByteArray(),
            "inline test.Embedded (field 13) sent as varint"),
        new ErrorCase("a map key sent as a number",
            message().message(9, message().varint(1, 1)).toByteArray(),
            "labels: map key (field 1) sent as varint"),
        new ErrorCase("a length past the end", message().raw((byte) 0x0A, (byte) 0x05, (byte) 'a')
            .toByteArray(), "length 5 at byte 1 runs past the end of its message (byte 3)"),
        new ErrorCase("a varint cut short", message().raw((byte) 0x18, (byte) 0x80).toByteArray(),
            "truncated varint at byte 1"),
        new ErrorCase("an int-or-string of an unknown type",
            message().message(14, message().varint(1, 2)).toByteArray(),
            "port: an int-or-string of type 2 (0 int, 1 string)"),
        new ErrorCase("a time past year 9999",
            message().message(15, message().varint(1, 253_402_300_800L)).toByteArray(),
            "created: time 253402300800s from the epoch is outside the years 1 to 9999"),
        new ErrorCase("fieldsV1 that is not JSON",
            message().message(18, message().string(1, "{nope")).toByteArray(),
            "fields: fieldsV1 does not hold JSON"),
        new ErrorCase("messages nested too deeply", deep.toByteArray(),
            "messages nested more than 64 deep"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformed(ErrorCase c) {
    assertThatThrownBy(() -> decode(new MessageDecoder(TABLE), c.widget()))
        .isInstanceOf(MalformedProtobufException.class)
        .hasMessageContaining(c.message());
  }

  private static ObjectNode decode(MessageDecoder decoder, byte[] bytes) {
    return decoder.decode(TABLE.message("test.Widget"), new WireReader(bytes, 0, bytes.length));
  }

  private static ObjectNode json(String text) {
    return Codec.INSTANCE.parseObject(text.getBytes(StandardCharsets.UTF_8), Format.JSON);
  }
}
