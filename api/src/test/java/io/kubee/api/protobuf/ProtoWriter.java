package io.kubee.api.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire format for tests: fields in the order called, nothing checked. */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static ProtoWriter message() {
    return new ProtoWriter();
  }

  ProtoWriter varint(int field, long value) {
    tag(field, WireReader.VARINT);
    rawVarint(value);
    return this;
  }

  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter bytes(int field, byte[] value) {
    tag(field, WireReader.LEN);
    rawVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  ProtoWriter message(int field, ProtoWriter value) {
    return bytes(field, value.toByteArray());
  }

  ProtoWriter fixed32(int field, int value) {
    tag(field, WireReader.FIXED32);
    for (int i = 0; i < 4; i++) {
      out.write(value >>> (8 * i));
    }
    return this;
  }

  ProtoWriter fixed64(int field, long value) {
    tag(field, WireReader.FIXED64);
    for (int i = 0; i < 8; i++) {
      out.write((int) (value >>> (8 * i)));
    }
    return this;
  }

  ProtoWriter tag(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
    return this;
  }

  ProtoWriter rawVarint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return this;
  }

  ProtoWriter raw(byte... bytes) {
    out.writeBytes(bytes);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** The body kubectl would send: magic, then runtime.Unknown around {@code object}. */
  static byte[] body(String apiVersion, String kind, ProtoWriter object) {
    ProtoWriter envelope = message()
        .message(1, message().string(1, apiVersion).string(2, kind))
        .message(2, object)
        .string(3, "")
        .string(4, "");
    return message().raw((byte) 'k', (byte) '8', (byte) 's', (byte) 0)
        .raw(envelope.toByteArray()).toByteArray();
  }
}
