package io.kubee.api.patch;

import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON patch ({@code application/json-patch+json}), as kube-apiserver applies it with
 * {@code gopkg.in/evanphx/json-patch.v4} ({@code handlers/patch.go}, {@code applyJSPatch}).
 *
 * <p>Operations {@code add} (with {@code -} to append), {@code remove}, {@code replace},
 * {@code move}, {@code copy} and {@code test}, on RFC 6901 pointers ({@code ~1} is {@code /},
 * {@code ~0} is {@code ~}). Where json-patch v4 is more lenient than the RFC, Kubernetes'
 * clients may rely on it, so we are too: a negative array index counts from the end, a
 * {@code replace} of an object member that does not exist adds it, a missing {@code value}
 * reads as {@code null}, and a {@code test} of an absent member against {@code null} passes.
 * Where v4 produces garbage we follow the RFC: a {@code copy} from an absent member fails
 * (v4 copies a {@code null}). Numbers compare by value in {@code test} (RFC 6902 section 4.6).
 *
 * <p>Errors, as Kubernetes answers them: a document that is not an array of operation objects
 * is 400 BadRequest ({@code jsonpatch.DecodePatch} fails); more than {@value #MAX_OPERATIONS}
 * operations is 413; an operation that does not apply (a missing path, an index out of range,
 * a failed {@code test}, an unknown {@code op}) is 422 Invalid with json-patch's message
 * (Kubernetes itself replaces that message with "the server rejected our request due to an
 * error in our request"; we keep it). Copies are limited to {@value #MAX_COPY_BYTES} bytes in
 * all (the apiserver's {@code JSONPatchMaxCopyBytes}); a result that is not an object, or that
 * nests deeper than {@value #MAX_DEPTH} levels (what {@code Codec} reads back from storage), is
 * 422.
 *
 * <p><b>resourceVersion.</b> A patch that carries {@code /metadata/resourceVersion} makes it a
 * precondition, as in Kubernetes, without anything special here. fabric8's {@code edit()} and
 * JSON {@code patch()} send an {@code add} of the resourceVersion they read
 * ({@code OperationSupport.handlePatch} clears it on the base before diffing): the value lands
 * in the result, and the store's update compares the result's resourceVersion with the stored
 * one, 409 Conflict when they differ ({@code registry/generic/registry/store.go}). A patch that
 * does not mention it keeps the current one and so always passes, also when the update is
 * retried on a newer object. A {@code test} of it fails with 422 once the object has moved on.
 * The apiserver must therefore apply the patch to the object as stored, resourceVersion
 * included, and hand the result to the store's precondition check as the patch left it.
 *
 * <p>Thread-safe and stateless; {@link #apply} does not modify its arguments.
 */
public final class JsonPatch {
  /** kube-apiserver's {@code maxJSONPatchOperations}. */
  public static final int MAX_OPERATIONS = 10_000;

  /** kube-apiserver's default {@code JSONPatchMaxCopyBytes} (3 MiB). */
  public static final long MAX_COPY_BYTES = 3L * 1024 * 1024;

  /** The nesting {@code Codec} parses, hence the deepest object storage can give back. */
  public static final int MAX_DEPTH = 200;

  private static final Pattern INDEX = Pattern.compile("[+-]?[0-9]+");
  private static final String MISSING = ": missing value";

  private JsonPatch() {}

  /**
   * Applies {@code operations} to a copy of {@code document}.
   *
   * @param document the current object; not modified
   * @param operations the parsed patch body: an array of operation objects; JSON {@code null}
   *     is an empty patch, as in Kubernetes
   * @return the patched object, sharing no container node with the inputs
   * @throws ApiException 400, 413 or 422 as described in the class comment
   */
  public static ObjectNode apply(ObjectNode document, JsonNode operations) {
    Objects.requireNonNull(document, "document");
    List<JsonNode> ops = decode(operations);
    if (ops.size() > MAX_OPERATIONS) {
      throw Errors.requestEntityTooLarge("The allowed maximum operations in a JSON patch is "
          + MAX_OPERATIONS + ", got " + ops.size());
    }
    if (Values.depth(document) > StrategicMergePatch.MAX_DEPTH) {
      throw PatchErrors.invalid("the object nests deeper than "
          + StrategicMergePatch.MAX_DEPTH + " levels");
    }
    Document doc = new Document(document.deepCopy());
    for (JsonNode op : ops) {
      doc.apply(op);
    }
    if (!(doc.root instanceof ObjectNode result)) {
      throw PatchErrors.invalidAt("patch", "FieldValueInvalid", "Invalid value: \""
          + Values.typeName(doc.root) + "\": the patched document must be a JSON object");
    }
    if (Values.depth(result) > MAX_DEPTH) {
      throw PatchErrors.invalidAt("patch", "FieldValueInvalid",
          "Invalid value: \"object\": the patched object nests deeper than " + MAX_DEPTH
              + " levels");
    }
    return result;
  }

  /** {@code jsonpatch.DecodePatch}: an array of objects (or nulls), else 400. */
  private static List<JsonNode> decode(JsonNode operations) {
    if (operations == null || operations.isMissingNode()) {
      throw PatchErrors.badRequest("invalid JSON patch");
    }
    List<JsonNode> ops = new ArrayList<>();
    if (operations.isNull()) {
      return ops;
    }
    if (!operations.isArray()) {
      throw PatchErrors.badRequest("json: cannot unmarshal " + goType(operations)
          + " into Go value of type jsonpatch.Patch");
    }
    if (Values.depth(operations) > StrategicMergePatch.MAX_DEPTH) {
      throw PatchErrors.badRequest("the patch nests deeper than "
          + StrategicMergePatch.MAX_DEPTH + " levels");
    }
    for (JsonNode op : operations) {
      if (!op.isObject() && !op.isNull()) {
        throw PatchErrors.badRequest("json: cannot unmarshal " + goType(op)
            + " into Go value of type jsonpatch.Operation");
      }
      ops.add(op);
    }
    return ops;
  }

  private static String goType(JsonNode node) {
    String type = Values.typeName(node);
    return type.equals("boolean") ? "bool" : type;
  }

  /** The document being patched and the copy budget left. */
  private static final class Document {
    JsonNode root;
    long copied;

    Document(JsonNode root) {
      this.root = root;
    }

    void apply(JsonNode op) {
      String kind = text(op, "op");
      switch (kind == null ? "unknown" : kind) {
        case "add":
          add(op);
          break;
        case "remove":
          remove(op);
          break;
        case "replace":
          replace(op);
          break;
        case "move":
          move(op);
          break;
        case "copy":
          copy(op);
          break;
        case "test":
          test(op);
          break;
        default:
          throw fail("Unexpected kind: " + (kind == null ? "unknown" : kind));
      }
    }

    private void add(JsonNode op) {
      String path = text(op, "path");
      if (path == null) {
        throw fail("add operation failed to decode path" + MISSING);
      }
      Parent parent = parent(path);
      if (parent == null) {
        throw fail("add operation does not apply: doc is missing path: \"" + path + "\""
            + MISSING);
      }
      String error = parent.add(value(op).deepCopy());
      if (error != null) {
        throw fail("error in add for path: '" + path + "': " + error);
      }
    }

    private void remove(JsonNode op) {
      String path = text(op, "path");
      if (path == null) {
        throw fail("remove operation failed to decode path" + MISSING);
      }
      Parent parent = parent(path);
      if (parent == null) {
        throw fail("remove operation does not apply: doc is missing path: \"" + path + "\""
            + MISSING);
      }
      String error = parent.remove();
      if (error != null) {
        throw fail("error in remove for path: '" + path + "': " + error);
      }
    }

    private void replace(JsonNode op) {
      String path = text(op, "path");
      if (path == null) {
        throw fail("replace operation failed to decode path: operation missing path field"
            + MISSING);
      }
      JsonNode value = value(op);
      if (path.isEmpty()) {
        if (!value.isContainer()) {
          throw fail("replace operation value must be object or array");
        }
        root = value.deepCopy();
        return;
      }
      Parent parent = parent(path);
      if (parent == null) {
        throw fail("replace operation does not apply: doc is missing path: " + path + MISSING);
      }
      if (parent.container instanceof ArrayNode list && parent.index(list.size()) < 0) {
        throw fail("replace operation does not apply: doc is missing key: " + path + MISSING);
      }
      parent.set(value.deepCopy());
    }

    private void move(JsonNode op) {
      String from = text(op, "from");
      if (from == null) {
        throw fail("move operation failed to decode from: operation, missing from field"
            + MISSING);
      }
      Parent source = parent(from);
      if (source == null) {
        throw fail("move operation does not apply: doc is missing from path: " + from
            + MISSING);
      }
      Lookup found = source.get();
      if (found.error != null) {
        throw fail("error in move for path: '" + source.key + "': " + found.error);
      }
      String error = source.remove();
      if (error != null) {
        throw fail("error in move for path: '" + source.key + "': " + error);
      }
      String path = text(op, "path");
      if (path == null) {
        throw fail("move operation failed to decode path: operation missing path field"
            + MISSING);
      }
      Parent target = parent(path);
      if (target == null) {
        throw fail("move operation does not apply: doc is missing destination path: " + path
            + MISSING);
      }
      error = target.add(found.value);
      if (error != null) {
        throw fail("error in move for path: '" + path + "': " + error);
      }
    }

    private void copy(JsonNode op) {
      String from = text(op, "from");
      if (from == null) {
        throw fail("copy operation failed to decode from: operation, missing from field"
            + MISSING);
      }
      Parent source = parent(from);
      if (source == null) {
        throw fail("copy operation does not apply: doc is missing from path: " + from
            + MISSING);
      }
      Lookup found = source.get();
      if (found.error != null) {
        throw fail("error in copy for from: '" + from + "': " + found.error);
      }
      if (found.value == null) {
        throw fail("copy operation does not apply: doc is missing from path: " + from
            + MISSING);
      }
      String path = text(op, "path");
      if (path == null) {
        throw fail("copy operation failed to decode path" + MISSING);
      }
      Parent target = parent(path);
      if (target == null) {
        throw fail("copy operation does not apply: doc is missing destination path: " + path
            + MISSING);
      }
      copied += found.value.toString().getBytes(StandardCharsets.UTF_8).length;
      if (copied > MAX_COPY_BYTES) {
        throw fail("Unable to complete the copy, the accumulated size increase of copy is "
            + copied + ", exceeding the limit " + MAX_COPY_BYTES);
      }
      String error = target.add(found.value.deepCopy());
      if (error != null) {
        throw fail("error while adding value during copy: " + error);
      }
    }

    private void test(JsonNode op) {
      String path = text(op, "path");
      if (path == null) {
        throw fail("test operation failed to decode path: operation missing path field"
            + MISSING);
      }
      JsonNode expected = op.get("value");
      boolean expectNothing = expected == null || expected.isNull();
      JsonNode actual;
      if (path.isEmpty()) {
        actual = root;
      } else {
        Parent parent = parent(path);
        if (parent == null) {
          throw fail("test operation does not apply: is missing path: " + path + MISSING);
        }
        Lookup found = parent.get();
        if (found.error != null) {
          throw fail("error in test for path: '" + path + "': " + found.error);
        }
        actual = found.value;
      }
      boolean nothing = actual == null || actual.isNull();
      if (nothing ? expectNothing : !expectNothing && Values.equal(actual, expected)) {
        return;
      }
      throw fail("testing value " + path + " failed: test failed");
    }

    /**
     * json-patch's {@code findObject}: the container of the pointer's last token, or
     * {@code null} when the pointer is malformed or a token before the last does not resolve.
     */
    private Parent parent(String pointer) {
      if (!pointer.startsWith("/")) {
        return null;
      }
      String[] tokens = pointer.substring(1).split("/", -1);
      JsonNode container = root;
      for (int i = 0; i < tokens.length - 1; i++) {
        JsonNode next = new Parent(container, unescape(tokens[i])).get().value;
        if (next == null || !next.isContainer()) {
          return null;
        }
        container = next;
      }
      if (!container.isContainer()) {
        return null;
      }
      return new Parent(container, unescape(tokens[tokens.length - 1]));
    }
  }

  /** A value found, or why not; {@code value} is {@code null} for an absent object member. */
  private record Lookup(JsonNode value, String error) {}

  /** A container and one key or index in it. */
  private record Parent(JsonNode container, String key) {

    Lookup get() {
      if (container instanceof ObjectNode object) {
        return new Lookup(object.get(key), null);
      }
      ArrayNode list = (ArrayNode) container;
      if (!INDEX.matcher(key).matches()) {
        return new Lookup(null, atoiSyntax(key));
      }
      int i = index(list.size());
      if (i < 0) {
        return new Lookup(null, invalidIndex(key));
      }
      return new Lookup(list.get(i), null);
    }

    /** The index in a list of {@code size} elements, negatives from the end; -1 if invalid. */
    int index(int size) {
      if (!INDEX.matcher(key).matches()) {
        return -1;
      }
      BigInteger parsed = new BigInteger(key.startsWith("+") ? key.substring(1) : key);
      if (parsed.bitLength() > 31) {
        return -1;
      }
      int i = parsed.intValue();
      if (i < 0) {
        i += size;
      }
      return i >= 0 && i < size ? i : -1;
    }

    /** @return {@code null}, or json-patch's error */
    String add(JsonNode value) {
      if (container instanceof ObjectNode object) {
        object.set(key, value);
        return null;
      }
      ArrayNode list = (ArrayNode) container;
      if (key.equals("-")) {
        list.add(value);
        return null;
      }
      if (!INDEX.matcher(key).matches()) {
        return "value was not a proper array index: '" + key + "': " + atoiSyntax(key);
      }
      // Inserting may address one past the end: index into the list as it will be.
      int i = index(list.size() + 1);
      if (i < 0) {
        return invalidIndex(key);
      }
      list.insert(i, value);
      return null;
    }

    /** @return {@code null}, or json-patch's error */
    String remove() {
      if (container instanceof ObjectNode object) {
        if (!object.has(key)) {
          return "Unable to remove nonexistent key: " + key + MISSING;
        }
        object.remove(key);
        return null;
      }
      ArrayNode list = (ArrayNode) container;
      if (!INDEX.matcher(key).matches()) {
        return atoiSyntax(key);
      }
      int i = index(list.size());
      if (i < 0) {
        return invalidIndex(key);
      }
      list.remove(i);
      return null;
    }

    /** Replaces the member or element; for lists the index must have been checked. */
    void set(JsonNode value) {
      if (container instanceof ObjectNode object) {
        object.set(key, value);
      } else {
        ArrayNode list = (ArrayNode) container;
        list.set(index(list.size()), value);
      }
    }
  }

  private static String atoiSyntax(String key) {
    return "strconv.Atoi: parsing \"" + key + "\": invalid syntax";
  }

  private static String invalidIndex(String key) {
    return "Unable to access invalid index: " + key + ": invalid index referenced";
  }

  /** RFC 6901 section 4, left to right; an unknown escape stays as written, as in v4. */
  static String unescape(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    StringBuilder out = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '~' && i + 1 < token.length()
          && (token.charAt(i + 1) == '0' || token.charAt(i + 1) == '1')) {
        out.append(token.charAt(++i) == '0' ? '~' : '/');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String text(JsonNode op, String field) {
    JsonNode value = op.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }

  /** The operation's {@code value}; absent reads as {@code null}, as in json-patch v4. */
  private static JsonNode value(JsonNode op) {
    JsonNode value = op.get("value");
    return value == null ? JsonNodeFactory.instance.nullNode() : value;
  }

  private static ApiException fail(String message) {
    return PatchErrors.invalid(message);
  }
}
