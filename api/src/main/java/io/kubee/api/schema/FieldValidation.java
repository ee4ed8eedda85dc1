package io.kubee.api.schema;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.api.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side field validation, Kubernetes' {@code fieldValidation} option: finds the unknown
 * and duplicate fields of a request body and drops the unknown ones, as Kubernetes' strict
 * decoder does ({@code k8s.io/apiserver/pkg/endpoints/handlers/create.go}, {@code update.go},
 * {@code patch.go}).
 *
 * <ul>
 *   <li>{@code Strict}: a problem fails the request: 400 {@code BadRequest} for a create or
 *       update ({@code Pod in version "v1" cannot be handled as a Pod: strict decoding error:
 *       unknown field "spec.x", duplicate field "metadata.name"}), 422 {@code Invalid} for a
 *       patch.</li>
 *   <li>{@code Warn} (the default): the request succeeds without the unknown fields; each
 *       problem becomes a {@code Warning: 299 - "unknown field \"spec.x\""} header.</li>
 *   <li>{@code Ignore}: the unknown fields are dropped silently.</li>
 * </ul>
 *
 * <p>JSON bodies report problems in document order with the paths of {@code sigs.k8s.io/json};
 * YAML bodies report repeated keys first, worded by go-yaml ({@code yaml: unmarshal errors:\n
 * line 6: key "name" already set in map}), then unknown fields with keys in sorted order, as
 * Kubernetes meets them after converting YAML to JSON. Stateless and thread-safe.
 *
 * <p>The pipeline calls {@link #enforce} (create, update) or {@link #enforcePatch} (merge and
 * strategic-merge patches, JSON patches) with the raw body and its parsed tree, before decoding
 * the tree into its model class.
 */
public final class FieldValidation {
  private FieldValidation() {}

  /** Prefix of go-yaml's strict errors, which Kubernetes splits into one warning per line. */
  private static final String YAML_ERRORS = "yaml: unmarshal errors:\n";
  /** Kubernetes' warning limits: past 4 KiB in total, each warning is cut to 256 runes. */
  private static final int WARNINGS_TOTAL_RUNES = 4 * 1024;
  private static final int WARNING_ITEM_RUNES = 256;

  /** The {@code fieldValidation} query parameter. */
  public enum Directive {
    IGNORE("Ignore"),
    WARN("Warn"),
    STRICT("Strict");

    private final String value;

    Directive(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }

    /**
     * The directive a request asks for; absent or "" means {@code Warn}, as in Kubernetes.
     *
     * @throws ApiException 400 for any other value
     */
    public static Directive of(String value) {
      if (value == null || value.isEmpty()) {
        return WARN;
      }
      for (Directive directive : values()) {
        if (directive.value.equals(value)) {
          return directive;
        }
      }
      throw Errors.badRequest("fieldValidation: Unsupported value: \"" + value
          + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
    }
  }

  /**
   * The problems of one body.
   *
   * @param unknownFields   paths of fields the schema does not know ({@code spec.x})
   * @param duplicateFields paths of fields set twice in one object ({@code metadata.name})
   * @param errors          the strict decoding errors in Kubernetes' words and order; a YAML
   *                        body's repeated keys make one multi-line entry, as in Kubernetes
   */
  public record Result(List<String> unknownFields, List<String> duplicateFields,
      List<String> errors) {

    public static final Result NONE = new Result(List.of(), List.of(), List.of());

    public Result {
      unknownFields = List.copyOf(unknownFields);
      duplicateFields = List.copyOf(duplicateFields);
      errors = List.copyOf(errors);
    }

    public boolean isEmpty() {
      return errors.isEmpty();
    }

    /** {@code strict decoding error: unknown field "x", duplicate field "y"}. */
    public String strictMessage() {
      return "strict decoding error: " + String.join(", ", errors);
    }

    /** The texts of the warnings for {@code Warn}: one per problem, one per YAML line. */
    public List<String> warnings() {
      Set<String> texts = new LinkedHashSet<>();
      for (String error : errors) {
        if (error.startsWith(YAML_ERRORS)) {
          for (String line : error.substring(YAML_ERRORS.length()).split("\n")) {
            texts.add(line.trim());
          }
        } else {
          texts.add(error);
        }
      }
      return List.copyOf(texts);
    }

    /** The 400 of a create or update under {@code Strict}, worded as Kubernetes words it. */
    public ApiException strictError(ResourceType type) {
      return Errors.badRequest(type.kind() + " in version \"" + type.version()
          + "\" cannot be handled as a " + type.kind() + ": " + strictMessage());
    }

    /**
     * The 422 of a patch under {@code Strict}: Kubernetes reports the patched object as the
     * invalid value of the field {@code patch}.
     */
    public ApiException strictPatchError(JsonNode patchedObject) {
      String patched = new String(Codec.INSTANCE.writeJson(patchedObject),
          StandardCharsets.UTF_8);
      return Errors.invalid("", "", "", List.of(Errors.cause("FieldValueInvalid", "patch",
          "Invalid value: " + GoStrings.quote(patched) + ": " + strictMessage())));
    }
  }

  /** Checks a create or update body against its kind's schema. Does not change the tree. */
  public static Result check(byte[] body, Format format, ObjectNode tree, ResourceType type) {
    return check(body, format, tree, ModelSchema.forKind(type));
  }

  /**
   * Checks a body against a schema.
   *
   * @param body   the raw request body, for duplicates (a parsed tree keeps one of each key)
   * @param format how the body is encoded
   * @param tree   the body as parsed
   */
  public static Result check(byte[] body, Format format, ObjectNode tree, ObjectSchema schema) {
    Objects.requireNonNull(tree, "tree");
    if (format == Format.YAML) {
      List<YamlDuplicateKeys.Duplicate> duplicates = YamlDuplicateKeys.scan(body);
      List<String> unknown = UnknownFields.find(tree, schema);
      List<String> errors = new ArrayList<>();
      if (!duplicates.isEmpty()) {
        errors.add(YAML_ERRORS + duplicates.stream()
            .map(d -> "  " + d.message())
            .collect(Collectors.joining("\n")));
      }
      unknown.forEach(path -> errors.add(new StrictProblem(false, path).message()));
      return new Result(unknown,
          duplicates.stream().map(YamlDuplicateKeys.Duplicate::path).toList(), errors);
    }
    return result(StrictJsonScanner.scan(body, schema));
  }

  /**
   * Checks a merge or strategic-merge patch (or a JSON patch): duplicates in the patch body,
   * unknown fields in the object it produced; Kubernetes reports them in that order, the
   * duplicates of a JSON patch prefixed "json patch".
   *
   * @param patch         the raw patch body (JSON)
   * @param jsonPatch     whether the body is an RFC 6902 JSON patch
   * @param patchedObject the object the patch produced
   */
  public static Result checkPatch(byte[] patch, boolean jsonPatch, JsonNode patchedObject,
      ResourceType type) {
    List<StrictProblem> duplicates = StrictJsonScanner.scan(patch, FreeFormSchema.ANY);
    List<String> unknown = UnknownFields.find(patchedObject, ModelSchema.forKind(type));
    List<String> errors = new ArrayList<>();
    duplicates.forEach(d -> errors.add((jsonPatch ? "json patch " : "") + d.message()));
    unknown.forEach(path -> errors.add(new StrictProblem(false, path).message()));
    return new Result(unknown, duplicates.stream().map(StrictProblem::path).toList(), errors);
  }

  /** Removes the unknown fields of an object in place; answers how many it removed. */
  public static int prune(JsonNode tree, ResourceType type) {
    return UnknownFields.prune(tree, ModelSchema.forKind(type));
  }

  /** Removes the fields a schema does not know from a tree in place. */
  public static int prune(JsonNode tree, ObjectSchema schema) {
    return UnknownFields.prune(tree, schema);
  }

  /**
   * What the pipeline does with a create or update body: checks it as the directive asks,
   * removes its unknown fields (always, as Kubernetes' decoding does), and answers the warnings
   * to send. Idempotent on the tree.
   *
   * @param fieldValidation the query parameter, null when absent
   * @return the warning texts ({@link #warningHeaders}), empty unless {@code Warn} found problems
   * @throws ApiException 400 for an unsupported directive, and under {@code Strict} when the
   *     body has unknown or duplicate fields
   */
  public static List<String> enforce(String fieldValidation, byte[] body, Format format,
      ObjectNode tree, ResourceType type) {
    Directive directive = Directive.of(fieldValidation);
    List<String> warnings = List.of();
    if (directive != Directive.IGNORE) {
      Result result = check(body, format, tree, type);
      if (!result.isEmpty()) {
        if (directive == Directive.STRICT) {
          throw result.strictError(type);
        }
        warnings = result.warnings();
      }
    }
    prune(tree, type);
    return warnings;
  }

  /**
   * {@link #enforce} for a patch: to be called with the object the patch produced, before it is
   * decoded. Under {@code Strict} a problem is a 422 Invalid.
   */
  public static List<String> enforcePatch(String fieldValidation, byte[] patch,
      boolean jsonPatch, ObjectNode patchedObject, ResourceType type) {
    Directive directive = Directive.of(fieldValidation);
    List<String> warnings = List.of();
    if (directive != Directive.IGNORE) {
      Result result = checkPatch(patch, jsonPatch, patchedObject, type);
      if (!result.isEmpty()) {
        if (directive == Directive.STRICT) {
          throw result.strictPatchError(patchedObject);
        }
        warnings = result.warnings();
      }
    }
    prune(patchedObject, type);
    return warnings;
  }

  /**
   * {@code Warning} header values for warning texts, as Kubernetes writes them: {@code 299 -
   * "text"} with {@code "} and {@code \} escaped, each text once, texts cut to 256 runes when
   * they pass 4 KiB in total. Texts with control characters are left out, as Kubernetes does.
   */
  public static List<String> warningHeaders(List<String> warnings) {
    List<String> texts = new ArrayList<>(new LinkedHashSet<>(warnings));
    texts.removeIf(text -> text.isEmpty() || text.codePoints().anyMatch(Character::isISOControl));
    int total = texts.stream().mapToInt(t -> t.codePointCount(0, t.length())).sum();
    List<String> headers = new ArrayList<>();
    for (String text : texts) {
      if (total > WARNINGS_TOTAL_RUNES && text.codePointCount(0, text.length())
          > WARNING_ITEM_RUNES) {
        text = text.substring(0, text.offsetByCodePoints(0, WARNING_ITEM_RUNES));
      }
      headers.add("299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return headers;
  }

  /**
   * The warnings as one {@code Warning} header value ({@code 299 - "a", 299 - "b"}), for
   * responses that carry one value per header name; clients split it as they split repeated
   * headers. "" when there are none.
   */
  public static String warningHeader(List<String> warnings) {
    return String.join(", ", warningHeaders(warnings));
  }

  private static Result result(List<StrictProblem> problems) {
    List<String> unknown = new ArrayList<>();
    List<String> duplicate = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (StrictProblem problem : problems) {
      (problem.duplicate() ? duplicate : unknown).add(problem.path());
      errors.add(problem.message());
    }
    return new Result(unknown, duplicate, errors);
  }
}
