package io.kubee.api.codec;

import io.kubee.api.errors.Errors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * JSON and YAML reading and writing of API objects, on Jackson 3 (the Jackson of the fabric8
 * model). Objects travel through the apiserver as {@link ObjectNode} trees; {@link #toTyped}
 * decodes a tree into its fabric8 model class, which is how bodies are checked for field types.
 * Thread-safe; share {@link #INSTANCE}.
 */
public final class Codec {
  public static final Codec INSTANCE = new Codec();

  /** Deeper nesting than any real object has; guards the parser against hostile bodies. */
  private static final int MAX_NESTING_DEPTH = 200;

  private final JsonMapper json;
  private final JsonMapper canonicalJson;
  private final YAMLMapper yaml;

  private Codec() {
    StreamReadConstraints limits = StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH)
        .build();
    this.json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
    this.canonicalJson = json.rebuild().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    this.yaml = YAMLMapper.builder(YAMLFactory.builder().streamReadConstraints(limits).build())
        .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
        .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
        .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  public JsonMapper json() {
    return json;
  }

  public ObjectNode newObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Parses a request body that must hold one object. Fails with 400 BadRequest when the body is
   * empty, not well-formed, or not an object.
   */
  public ObjectNode parseObject(byte[] body, Format format) {
    if (body.length == 0) {
      throw Errors.badRequest("the body of the request was empty");
    }
    JsonNode node;
    try {
      node = format == Format.YAML ? yaml.readTree(body) : json.readTree(body);
    } catch (JacksonException e) {
      throw Errors.badRequest(
          "the object provided is unrecognized or malformed: " + describe(e, format));
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw Errors.badRequest("the body of the request was empty");
    }
    if (!node.isObject()) {
      throw Errors.badRequest("the object provided is unrecognized (must be a JSON object, was "
          + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
    return (ObjectNode) node;
  }

  /** Parses trusted JSON (what storage wrote). */
  public ObjectNode readStored(byte[] bytes) {
    try {
      return (ObjectNode) json.readTree(bytes);
    } catch (JacksonException | ClassCastException e) {
      throw new IllegalStateException("stored object is not a JSON object", e);
    }
  }

  /**
   * Decodes a tree into its model class; a field of the wrong type is 400 BadRequest, in
   * Kubernetes' words ("Pod in version \"v1\" cannot be handled as a Pod: ...").
   */
  public <T> T toTyped(JsonNode tree, Class<T> type, String kind, String version) {
    try {
      return json.treeToValue(tree, type);
    } catch (JacksonException e) {
      throw Errors.badRequest(kind + " in version \"" + version + "\" cannot be handled as a "
          + kind + ": " + describe(e, Format.JSON));
    } catch (IllegalArgumentException e) {
      // model setters that reject values (Quantity, IntOrString) throw this
      throw Errors.badRequest(kind + " in version \"" + version + "\" cannot be handled as a "
          + kind + ": " + e.getMessage());
    }
  }

  /**
   * The tree of a model object, built by way of its JSON text so that its nodes are the ones a
   * parse of stored JSON gives (a {@code Long} field holding 30 becomes the same node as "30" read
   * back): trees compare equal exactly when their JSON does, in any field order.
   */
  public ObjectNode fromTyped(Object value) {
    return (ObjectNode) json.readTree(json.writeValueAsBytes(value));
  }

  public byte[] write(JsonNode node, Format format) {
    return format == Format.YAML ? yaml.writeValueAsBytes(node) : json.writeValueAsBytes(node);
  }

  public byte[] writeJson(Object value) {
    return json.writeValueAsBytes(value);
  }

  /**
   * JSON with every object's fields sorted by name: one object has one encoding, whatever the
   * order its tree was built in (how storage writes, so that an unchanged object is recognised
   * byte for byte; kubectl prints fields in this order too).
   */
  public byte[] writeCanonicalJson(JsonNode value) {
    return canonicalJson.writeValueAsBytes(value);
  }

  public void write(JsonNode node, Format format, OutputStream out) {
    try {
      if (format == Format.YAML) {
        yaml.writeValue(out, node);
      } else {
        json.writeValue(out, node);
      }
    } catch (JacksonException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw e;
    }
  }

  /**
   * A one-line account of a parse or mapping error: what was wrong and where, without Java
   * class names or source excerpts.
   */
  static String describe(JacksonException e, Format format) {
    String message = e.getOriginalMessage();
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    // Jackson names Java types in backticks ("`java.lang.Integer`"); keep the user's view.
    message = message.replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z0-9_$]+)`", "$1")
        .replaceAll("\\s+", " ")
        .trim();
    String path = e.getPath().stream()
        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
    StringBuilder text = new StringBuilder();
    if (!path.isEmpty()) {
      text.append("field ").append(path).append(": ");
    }
    text.append(message);
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      text.append(" (").append(format == Format.YAML ? "yaml" : "json").append(" line ")
          .append(e.getLocation().getLineNr()).append(", column ")
          .append(e.getLocation().getColumnNr()).append(')');
    }
    return text.toString();
  }
}
