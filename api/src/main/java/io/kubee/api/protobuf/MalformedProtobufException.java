package io.kubee.api.protobuf;

/**
 * Bytes that are not a well-formed protobuf message. Raised by {@link WireReader} with the byte
 * offset, given the path of the field being read by {@link MessageDecoder}, and turned into a
 * 400 BadRequest by {@link ProtobufBodies}; it never leaves this package.
 */
final class MalformedProtobufException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean located;

  /** A problem in the wire format, not yet placed in the object. */
  MalformedProtobufException(String message) {
    this(message, false);
  }

  private MalformedProtobufException(String message, boolean located) {
    super(message, null, false, false);
    this.located = located;
  }

  /** A problem at a field path of the object ("spec.replicas"; "" for the object itself). */
  static MalformedProtobufException at(String path, String message) {
    return new MalformedProtobufException(path.isEmpty() ? message : path + ": " + message, true);
  }

  /** This problem placed at {@code path}, unless a deeper field already placed it. */
  MalformedProtobufException locate(String path) {
    return located ? this : at(path, getMessage());
  }
}
