package io.kubee.api.protobuf;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format (varints, fixed-width numbers, length-delimited fields and
 * groups) from a region of a byte array. Every read is bounds-checked: malformed input raises
 * {@link MalformedProtobufException} naming the byte offset, never an index error. A
 * length-delimited field is read as a reader over the same array, so offsets in messages are
 * offsets in the whole body. Not thread-safe; one reader per message being read.
 */
final class WireReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int START_GROUP = 3;
  static final int END_GROUP = 4;
  static final int FIXED32 = 5;

  /** The largest field number protobuf allows (2^29 - 1). */
  private static final int MAX_FIELD_NUMBER = (1 << 29) - 1;
  /** A varint holds at most 64 bits, in 10 bytes of 7. */
  private static final int MAX_VARINT_BYTES = 10;
  /** Groups are not used by Kubernetes; skipping them is bounded all the same. */
  private static final int MAX_GROUP_DEPTH = 32;

  private final byte[] buf;
  private final int limit;
  private int pos;

  WireReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
  }

  boolean atEnd() {
    return pos >= limit;
  }

  int position() {
    return pos;
  }

  /** Reads a field key; {@link #fieldNumber} and {@link #wireType} take it apart. */
  int readTag() {
    int at = pos;
    long tag = readVarint();
    if (tag > 0xFFFFFFFFL || tag < 0) {
      throw new MalformedProtobufException("field key out of range at byte " + at);
    }
    int number = (int) (tag >>> 3);
    int wireType = (int) (tag & 7);
    if (number < 1 || number > MAX_FIELD_NUMBER) {
      throw new MalformedProtobufException("invalid field number " + number + " at byte " + at);
    }
    if (wireType > FIXED32) {
      throw new MalformedProtobufException("invalid wire type " + wireType + " at byte " + at);
    }
    return (int) tag;
  }

  static int fieldNumber(int tag) {
    return tag >>> 3;
  }

  static int wireType(int tag) {
    return tag & 7;
  }

  long readVarint() {
    int at = pos;
    long value = 0;
    for (int i = 0; i < MAX_VARINT_BYTES; i++) {
      if (pos >= limit) {
        throw new MalformedProtobufException("truncated varint at byte " + at);
      }
      byte b = buf[pos++];
      value |= (long) (b & 0x7F) << (7 * i);
      if (b >= 0) {
        return value;
      }
    }
    throw new MalformedProtobufException("varint longer than 10 bytes at byte " + at);
  }

  long readFixed64() {
    require(8, "fixed64");
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value |= (buf[pos++] & 0xFFL) << (8 * i);
    }
    return value;
  }

  int readFixed32() {
    require(4, "fixed32");
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value |= (buf[pos++] & 0xFF) << (8 * i);
    }
    return value;
  }

  /** Reads a length-delimited field as a reader over its bytes, and moves past them. */
  WireReader readMessage() {
    int length = readLength();
    WireReader message = new WireReader(buf, pos, length);
    pos += length;
    return message;
  }

  byte[] readBytes() {
    int length = readLength();
    byte[] bytes = new byte[length];
    System.arraycopy(buf, pos, bytes, 0, length);
    pos += length;
    return bytes;
  }

  /**
   * Reads a string as UTF-8. Invalid sequences become U+FFFD, as Go's encoding/json writes
   * them, so the tree matches what the JSON of the same object would hold.
   */
  String readString() {
    int length = readLength();
    String value = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return value;
  }

  /** Moves past the value of a field of the given wire type (the key already read). */
  void skip(int tag) {
    skip(tag, 0);
  }

  private void skip(int tag, int depth) {
    switch (wireType(tag)) {
      case VARINT -> readVarint();
      case FIXED64 -> {
        require(8, "fixed64");
        pos += 8;
      }
      case LEN -> {
        int length = readLength();
        pos += length;
      }
      case FIXED32 -> {
        require(4, "fixed32");
        pos += 4;
      }
      case START_GROUP -> skipGroup(fieldNumber(tag), depth);
      default -> throw new MalformedProtobufException(
          "unexpected end of group " + fieldNumber(tag) + " before byte " + pos);
    }
  }

  private void skipGroup(int number, int depth) {
    if (depth >= MAX_GROUP_DEPTH) {
      throw new MalformedProtobufException("groups nested too deeply at byte " + pos);
    }
    int at = pos;
    while (pos < limit) {
      int tag = readTag();
      if (wireType(tag) == END_GROUP) {
        if (fieldNumber(tag) != number) {
          throw new MalformedProtobufException("group " + number + " ended as group "
              + fieldNumber(tag) + " at byte " + pos);
        }
        return;
      }
      skip(tag, depth + 1);
    }
    throw new MalformedProtobufException("unterminated group " + number + " from byte " + at);
  }

  private int readLength() {
    int at = pos;
    long length = readVarint();
    if (length < 0 || length > limit - pos) {
      throw new MalformedProtobufException("length " + Long.toUnsignedString(length)
          + " at byte " + at + " runs past the end of its message (byte " + limit + ")");
    }
    return (int) length;
  }

  private void require(int bytes, String what) {
    if (limit - pos < bytes) {
      throw new MalformedProtobufException("truncated " + what + " at byte " + pos);
    }
  }

  /**
   * Checks the wire type of a known field: another one is malformed, as Go's generated code
   * holds. {@code path} and {@code field} say where, for the message.
   */
  static void expect(int tag, int wireType, String path, String field) {
    if (wireType(tag) != wireType) {
      throw MalformedProtobufException.at(path, field + " (field " + fieldNumber(tag)
          + ") sent as " + wireTypeName(wireType(tag)) + " where " + wireTypeName(wireType)
          + " is expected");
    }
  }

  static String wireTypeName(int wireType) {
    return switch (wireType) {
      case VARINT -> "varint";
      case FIXED64 -> "fixed64";
      case LEN -> "length-delimited";
      case START_GROUP -> "group";
      case END_GROUP -> "end of group";
      case FIXED32 -> "fixed32";
      default -> "wire type " + wireType;
    };
  }
}
