package io.kubee.api.protobuf;

import static io.kubee.api.protobuf.ProtoWriter.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireReaderTest {

  record VarintCase(String name, byte[] bytes, long value) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<VarintCase> varints() {
    return Stream.of(
        new VarintCase("one byte", bytes(0x05), 5),
        new VarintCase("two bytes", bytes(0xAC, 0x02), 300),
        new VarintCase("the largest int32", bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07), Integer.MAX_VALUE),
        new VarintCase("minus one in ten bytes",
            bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01), -1),
        new VarintCase("redundant continuation bytes", bytes(0x81, 0x80, 0x00), 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("varints")
  void readsVarints(VarintCase c) {
    WireReader in = new WireReader(c.bytes(), 0, c.bytes().length);

    assertThat(in.readVarint()).isEqualTo(c.value());
    assertThat(in.atEnd()).isTrue();
  }

  record ErrorCase(String name, byte[] bytes, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ErrorCase> malformedKeys() {
    return Stream.of(
        new ErrorCase("a varint cut short", bytes(0x80, 0x80), "truncated varint at byte 0"),
        new ErrorCase("a varint of eleven bytes",
            bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
            "varint longer than 10 bytes at byte 0"),
        new ErrorCase("field number zero", bytes(0x02), "invalid field number 0 at byte 0"),
        new ErrorCase("wire type 6", bytes(0x0E), "invalid wire type 6 at byte 0"),
        new ErrorCase("wire type 7", bytes(0x0F), "invalid wire type 7 at byte 0"),
        new ErrorCase("a key beyond 32 bits", bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
            "field key out of range at byte 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedKeys")
  void rejectsMalformedKeys(ErrorCase c) {
    assertThatThrownBy(() -> new WireReader(c.bytes(), 0, c.bytes().length).readTag())
        .isInstanceOf(MalformedProtobufException.class)
        .hasMessage(c.message());
  }

  static Stream<ErrorCase> malformedSkips() {
    return Stream.of(
        new ErrorCase("a length past the end", bytes(0x0A, 0x03, 'a'),
            "length 3 at byte 1 runs past the end of its message (byte 3)"),
        new ErrorCase("a negative length", message().tag(1, WireReader.LEN).rawVarint(-1)
            .toByteArray(), "length 18446744073709551615 at byte 1 runs past the end"),
        new ErrorCase("a fixed64 cut short", bytes(0x09, 1, 2, 3), "truncated fixed64 at byte 1"),
        new ErrorCase("a fixed32 cut short", bytes(0x0D, 1), "truncated fixed32 at byte 1"),
        new ErrorCase("an end of group with no group", bytes(0x0C),
            "unexpected end of group 1 before byte 1"),
        new ErrorCase("an unterminated group", bytes(0x0B, 0x10, 0x01),
            "unterminated group 1 from byte 1"),
        new ErrorCase("a group closed by another", bytes(0x0B, 0x14), "group 1 ended as group 2"),
        new ErrorCase("groups nested too deeply", deepGroups(40), "groups nested too deeply"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedSkips")
  void rejectsMalformedFieldsWhenSkipping(ErrorCase c) {
    WireReader in = new WireReader(c.bytes(), 0, c.bytes().length);

    assertThatThrownBy(() -> in.skip(in.readTag()))
        .isInstanceOf(MalformedProtobufException.class)
        .hasMessageContaining(c.message());
  }

  @Test
  void skipsEveryWireTypeIncludingGroups() {
    byte[] bytes = message()
        .varint(1, 300)
        .fixed64(2, 7)
        .string(3, "abc")
        .fixed32(4, 9)
        .tag(5, WireReader.START_GROUP).varint(1, 1).tag(6, WireReader.START_GROUP)
        .tag(6, WireReader.END_GROUP).tag(5, WireReader.END_GROUP)
        .string(7, "after")
        .toByteArray();
    WireReader in = new WireReader(bytes, 0, bytes.length);

    for (int i = 0; i < 5; i++) {
      in.skip(in.readTag());
    }

    assertThat(WireReader.fieldNumber(in.readTag())).isEqualTo(7);
    assertThat(in.readString()).isEqualTo("after");
    assertThat(in.atEnd()).isTrue();
  }

  @Test
  void aMessageIsReadInPlaceWithOffsetsInTheWholeBody() {
    byte[] bytes = message().string(1, "xx").message(2, message().raw((byte) 0x80)).toByteArray();
    WireReader in = new WireReader(bytes, 0, bytes.length);
    in.skip(in.readTag());
    in.readTag();

    WireReader inner = in.readMessage();

    assertThat(in.atEnd()).isTrue();
    assertThatThrownBy(inner::readVarint).hasMessage("truncated varint at byte 6");
  }

  @Test
  void readsFixedWidthNumbersLittleEndian() {
    byte[] bytes = bytes(0x01, 0x02, 0x03, 0x04, 0x01, 0, 0, 0, 0, 0, 0, 0x80);
    WireReader in = new WireReader(bytes, 0, bytes.length);

    assertThat(in.readFixed32()).isEqualTo(0x04030201);
    assertThat(in.readFixed64()).isEqualTo(0x8000000000000001L);
  }

  private static byte[] deepGroups(int depth) {
    ProtoWriter groups = message();
    for (int i = 0; i < depth; i++) {
      groups.tag(1, WireReader.START_GROUP);
    }
    for (int i = 0; i < depth; i++) {
      groups.tag(1, WireReader.END_GROUP);
    }
    return groups.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
