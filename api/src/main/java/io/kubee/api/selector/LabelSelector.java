package io.kubee.api.selector;

import io.kubee.api.errors.Errors;
import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.syntax.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A label selector: an AND of {@link Requirement}s over an object's labels. Built from the
 * {@code labelSelector} query parameter ({@link #parse}), from a {@code metav1.LabelSelector}
 * object such as a Deployment's {@code spec.selector} ({@link #fromJson}) or from a plain map such
 * as a Service's {@code spec.selector} ({@link #fromMap}). Immutable and thread-safe. Mirrors
 * {@code k8s.io/apimachinery/pkg/labels/selector.go} and {@code LabelSelectorAsSelector}.
 */
public final class LabelSelector {
  private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
  private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  private final List<Requirement> requirements;
  private final boolean nothing;

  private LabelSelector(List<Requirement> requirements, boolean nothing) {
    List<Requirement> sorted = new ArrayList<>(requirements);
    sorted.sort(Comparator.comparing(Requirement::key)); // stable: keeps the given order per key
    this.requirements = List.copyOf(sorted);
    this.nothing = nothing;
  }

  /** Matches every set of labels, including none. */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** Matches no set of labels at all (a {@code null} metav1.LabelSelector). */
  public static LabelSelector nothing() {
    return NOTHING;
  }

  /**
   * Parses the query-string syntax ({@code app=web,tier in (a,b),!canary}). {@code null} or blank
   * selects everything.
   *
   * @throws io.kubee.api.errors.ApiException 400 BadRequest with Kubernetes' message when the
   *     string is not a valid selector
   */
  public static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    try {
      return new LabelSelector(LabelSelectorParser.parse(selector), false);
    } catch (LabelSelectorParser.ParseError e) {
      throw Errors.badRequest(e.getMessage());
    }
  }

  /**
   * Converts a {@code metav1.LabelSelector} ({@code matchLabels}, {@code matchExpressions}) as
   * Kubernetes' {@code LabelSelectorAsSelector}: a missing or JSON-null selector matches nothing,
   * an empty one everything.
   *
   * @throws io.kubee.api.errors.ApiException 400 BadRequest when an operator, key or value is not
   *     valid
   */
  public static LabelSelector fromJson(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return NOTHING;
    }
    if (!selector.isObject()) {
      throw Errors.badRequest("a label selector must be an object");
    }
    JsonNode matchLabels = selector.path("matchLabels");
    JsonNode matchExpressions = selector.path("matchExpressions");
    List<Requirement> requirements = new ArrayList<>();
    try {
      if (matchLabels.isObject()) {
        for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
          requirements.add(requirement(e.getKey(), Operator.EQUALS, List.of(text(e.getValue()))));
        }
      }
      if (matchExpressions.isArray()) {
        for (JsonNode expr : matchExpressions) {
          String op = text(expr.path("operator"));
          Operator operator = switch (op) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default -> throw new LabelSelectorParser.ParseError(
                FieldErrors.goQuote(op) + " is not a valid label selector operator");
          };
          JsonNode values = expr.path("values");
          List<String> list = new ArrayList<>();
          if (values.isArray()) {
            values.forEach(v -> list.add(text(v)));
          }
          requirements.add(requirement(text(expr.path("key")), operator, list,
              values.isArray()));
        }
      }
    } catch (LabelSelectorParser.ParseError e) {
      throw Errors.badRequest(e.getMessage());
    }
    return requirements.isEmpty() ? EVERYTHING : new LabelSelector(requirements, false);
  }

  /**
   * The selector of a plain label map ({@code key=value} for each entry), as Kubernetes'
   * {@code SelectorFromSet}; an empty map selects everything. Keys and values are not checked.
   */
  public static LabelSelector fromMap(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    labels.forEach((k, v) -> requirements.add(new Requirement(k, Operator.EQUALS, List.of(v))));
    return new LabelSelector(requirements, false);
  }

  /** Whether every requirement holds for {@code labels} ({@code null} means no labels). */
  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    for (Requirement r : requirements) {
      if (!r.matches(actual)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the selector restricts nothing (matches everything); false for {@link #nothing()}. */
  public boolean isEmpty() {
    return !nothing && requirements.isEmpty();
  }

  /** Whether this is the selector that matches no labels at all. */
  public boolean matchesNothing() {
    return nothing;
  }

  /** The requirements, sorted by key. */
  public List<Requirement> requirements() {
    return requirements;
  }

  /**
   * The single value {@code key} must have, when the selector requires one ({@code key=v},
   * {@code key==v} or {@code key in (v)}); lets callers narrow a list before matching.
   */
  public Optional<String> exactValue(String key) {
    for (Requirement r : requirements) {
      if (r.key().equals(key)) {
        boolean exact = r.operator() == Operator.EQUALS || r.operator() == Operator.DOUBLE_EQUALS
            || r.operator() == Operator.IN;
        return exact && r.values().size() == 1 ? Optional.of(r.values().get(0))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The canonical string form: requirements sorted by key, values sorted, comma-separated. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Requirement r : requirements) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(r);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelector other && other.nothing == nothing
        && other.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + (nothing ? 1 : 0);
  }

  // ---- requirement construction, as labels.NewRequirement ----

  /** The error of an invalid key, prefixed by {@code path} as Kubernetes' field error prints it. */
  static String keyError(String key, String path) {
    List<String> errs = Names.qualifiedName(key);
    return errs.isEmpty() ? null
        : path + ": Invalid value: " + FieldErrors.goQuote(key) + ": " + String.join("; ", errs);
  }

  static Requirement requirement(String key, Operator op, List<String> values)
      throws LabelSelectorParser.ParseError {
    return requirement(key, op, values, true);
  }

  private static Requirement requirement(String key, Operator op, List<String> values,
      boolean valuesPresent) throws LabelSelectorParser.ParseError {
    List<String> errs = new ArrayList<>();
    String keyErr = keyError(key, "key");
    if (keyErr != null) {
      errs.add(keyErr);
    }
    String shown = goStrings(values, valuesPresent);
    switch (op) {
      case IN, NOT_IN -> {
        if (values.isEmpty()) {
          errs.add("values: Invalid value: " + shown
              + ": for 'in', 'notin' operators, values set can't be empty");
        }
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        if (values.size() != 1) {
          errs.add("values: Invalid value: " + shown
              + ": exact-match compatibility requires one single value");
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!values.isEmpty()) {
          errs.add("values: Invalid value: " + shown
              + ": values set must be empty for exists and does not exist");
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (values.size() != 1) {
          errs.add("values: Invalid value: " + shown
              + ": for 'Gt', 'Lt' operators, exactly one value is required");
        }
        for (int i = 0; i < values.size(); i++) {
          try {
            Long.parseLong(values.get(i));
          } catch (NumberFormatException e) {
            errs.add("values[" + i + "]: Invalid value: " + FieldErrors.goQuote(values.get(i))
                + ": for 'Gt', 'Lt' operators, the value must be an integer");
          }
        }
      }
    }
    for (int i = 0; i < values.size(); i++) {
      List<String> valueErrs = Names.labelValue(values.get(i));
      if (!valueErrs.isEmpty()) {
        errs.add("values[" + i + "][" + key + "]: Invalid value: "
            + FieldErrors.goQuote(values.get(i)) + ": " + String.join("; ", valueErrs));
      }
    }
    if (errs.size() == 1) {
      throw new LabelSelectorParser.ParseError(errs.get(0));
    }
    if (!errs.isEmpty()) {
      throw new LabelSelectorParser.ParseError("[" + String.join(", ", errs) + "]");
    }
    return new Requirement(key, op, values);
  }

  /** Go's {@code %#v} of a {@code []string}, which Kubernetes prints for bad value sets. */
  private static String goStrings(List<String> values, boolean present) {
    if (!present) {
      return "[]string(nil)";
    }
    StringBuilder b = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(FieldErrors.goQuote(values.get(i)));
    }
    return b.append('}').toString();
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString()
        : node == null || node.isNull() || node.isMissingNode() ? "" : node.toString();
  }
}
