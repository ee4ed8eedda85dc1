package io.kubee.api.protobuf;

import io.kubee.api.errors.Errors;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies in Kubernetes' protobuf encoding ({@value #MEDIA_TYPE}), which kubectl 1.32
 * sends for {@code create <kind>}, {@code create token}, {@code auth can-i} and
 * {@code auth whoami} without falling back to JSON on 415. A body is the magic {@code k8s\0}
 * followed by a {@code runtime.Unknown} envelope {1: typeMeta {1: apiVersion, 2: kind}, 2: raw,
 * 3: contentEncoding, 4: contentType} whose {@code raw} is the object's own protobuf message;
 * it is decoded by the field table of {@link MessageTable} into the tree a JSON body with the
 * same object gives, so the rest of the pipeline sees no difference. Mirrors
 * {@code k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go} (Serializer.Decode).
 *
 * <p>Every failure is an {@code ApiException}: 400 BadRequest for a body that is not such an
 * envelope, is truncated or malformed, or holds a kind the table does not cover. Stateless and
 * thread-safe.
 */
public final class ProtobufBodies {
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};
  /** How much of a client's string an error message repeats. */
  private static final int MAX_QUOTED = 64;

  private ProtobufBodies() {}

  /**
   * Whether a request's Content-Type is Kubernetes protobuf (parameters and case ignored); null
   * or blank is not.
   */
  public static boolean isProtobuf(String contentType) {
    if (contentType == null) {
      return false;
    }
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
  }

  /** The top-level objects read from protobuf, as "apiVersion Kind" ("apps/v1 Deployment"). */
  public static Set<String> kinds() {
    return MessageTable.kubernetes().kinds();
  }

  /**
   * Decodes a body whose envelope names its apiVersion and kind, as kubectl's always do.
   *
   * @throws io.kubee.api.errors.ApiException 400 for any body that cannot be read
   */
  public static ObjectNode decode(byte[] body) {
    return decode(body, null, null).object();
  }

  /**
   * Decodes a body; {@code defaultApiVersion} and {@code defaultKind} (from the request's URL,
   * may be null) stand in for an apiVersion or kind the envelope leaves empty, as Kubernetes
   * does. The tree starts with {@code apiVersion} and {@code kind}.
   *
   * @throws io.kubee.api.errors.ApiException 400 for any body that cannot be read
   */
  public static DecodedBody decode(byte[] body, String defaultApiVersion, String defaultKind) {
    if (body == null || body.length == 0) {
      throw Errors.badRequest("the body of the request was empty");
    }
    if (body.length < MAGIC.length || !startsWithMagic(body)) {
      throw Errors.badRequest("the body of the request does not appear to be a protobuf message:"
          + " it must start with the bytes 'k8s\\x00' (" + MEDIA_TYPE + ")");
    }
    if (body.length == MAGIC.length) {
      throw Errors.badRequest("the body of the request was empty");
    }
    MessageTable table = MessageTable.kubernetes();
    MessageDecoder decoder = new MessageDecoder(table);
    Envelope envelope;
    try {
      envelope = Envelope.read(new WireReader(body, MAGIC.length, body.length - MAGIC.length),
          decoder);
    } catch (MalformedProtobufException e) {
      throw Errors.badRequest("the protobuf envelope (runtime.Unknown) of the request is "
          + "malformed: " + e.getMessage());
    }
    String apiVersion = envelope.apiVersion.isEmpty() && defaultApiVersion != null
        ? defaultApiVersion : envelope.apiVersion;
    String kind = envelope.kind.isEmpty() && defaultKind != null ? defaultKind : envelope.kind;
    if (kind.isEmpty()) {
      throw Errors.badRequest("Object 'Kind' is missing in the protobuf envelope");
    }
    if (apiVersion.isEmpty()) {
      throw Errors.badRequest("Object 'apiVersion' is missing in the protobuf envelope");
    }
    if (!envelope.contentEncoding.isEmpty()) {
      throw Errors.badRequest("the protobuf envelope's contentEncoding "
          + quoted(envelope.contentEncoding) + " is not supported; send the object unencoded");
    }
    MessageTable.Message root = table.root(apiVersion, kind).orElseThrow(() -> Errors.badRequest(
        "no kind " + quoted(kind) + " is registered for version " + quoted(apiVersion)
            + " in the protobuf decoder; send it as application/json (protobuf is read for "
            + String.join(", ", table.kinds()) + ")"));
    ObjectNode fields;
    try {
      fields = decoder.decode(root, envelope.raw);
    } catch (MalformedProtobufException e) {
      // the kind and version are the table's own here, short and safe to repeat
      throw Errors.badRequest(kind + " in version \"" + apiVersion + "\" cannot be handled as a "
          + kind + ": malformed protobuf: " + e.getMessage());
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.setAll(fields);
    return new DecodedBody(object, decoder.skipped());
  }

  private static String quoted(String value) {
    String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
    return "\"" + shown + "\"";
  }

  private static boolean startsWithMagic(byte[] body) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (body[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** runtime.Unknown, with {@code raw} left unread (an empty message when not sent). */
  private static final class Envelope {
    String apiVersion = "";
    String kind = "";
    String contentEncoding = "";
    WireReader raw;
    private final MessageDecoder reporter;

    private Envelope(MessageDecoder reporter) {
      this.reporter = reporter;
    }

    /** Reads the envelope; {@code reporter} hears of the fields skipped. */
    static Envelope read(WireReader in, MessageDecoder reporter) {
      Envelope envelope = new Envelope(reporter);
      envelope.raw = new WireReader(new byte[0], 0, 0);
      while (!in.atEnd()) {
        int tag = in.readTag();
        switch (WireReader.fieldNumber(tag)) {
          case 1 -> {
            WireReader.expect(tag, WireReader.LEN, "", "typeMeta");
            envelope.readTypeMeta(in.readMessage());
          }
          case 2 -> {
            WireReader.expect(tag, WireReader.LEN, "", "raw");
            envelope.raw = in.readMessage();
          }
          case 3 -> {
            WireReader.expect(tag, WireReader.LEN, "", "contentEncoding");
            envelope.contentEncoding = in.readString();
          }
          case 4 -> {
            // Kubernetes ignores it too: raw is protobuf whatever this says
            WireReader.expect(tag, WireReader.LEN, "", "contentType");
            in.readString();
          }
          default -> envelope.skip(in, tag, "runtime.Unknown");
        }
      }
      return envelope;
    }

    private void readTypeMeta(WireReader in) {
      while (!in.atEnd()) {
        int tag = in.readTag();
        switch (WireReader.fieldNumber(tag)) {
          case 1 -> {
            WireReader.expect(tag, WireReader.LEN, "typeMeta", "apiVersion");
            apiVersion = in.readString();
          }
          case 2 -> {
            WireReader.expect(tag, WireReader.LEN, "typeMeta", "kind");
            kind = in.readString();
          }
          default -> skip(in, tag, "runtime.TypeMeta");
        }
      }
    }

    private void skip(WireReader in, int tag, String message) {
      in.skip(tag);
      reporter.report("(envelope)", message, WireReader.fieldNumber(tag),
          WireReader.wireType(tag));
    }
  }
}
