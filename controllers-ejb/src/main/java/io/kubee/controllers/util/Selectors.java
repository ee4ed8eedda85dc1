package io.kubee.controllers.util;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Label selectors of the fabric8 model evaluated as {@code metav1.LabelSelectorAsSelector} does:
 * a null selector selects nothing, an empty one everything; {@code matchLabels} and each
 * {@code matchExpressions} requirement (In, NotIn, Exists, DoesNotExist) must all hold.
 */
public final class Selectors {
  private Selectors() {}

  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
        if (!wanted.getValue().equals(actual.get(wanted.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!matches(requirement, actual)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(requirement.getKey());
      case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
      default -> false;
    };
  }

  /** A plain label map as a selector ({@code labels.SelectorFromSet}): all must match. */
  public static boolean matchesSet(Map<String, String> selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    return selector.entrySet().stream()
        .allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
  }

  /** Whether the selector selects everything (neither labels nor expressions). */
  public static boolean isEmpty(LabelSelector selector) {
    return selector != null
        && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  /** The selector in kubectl's syntax ("app=web,tier in (a,b)"), for messages. */
  public static String format(LabelSelector selector) {
    if (selector == null) {
      return "<none>";
    }
    StringJoiner text = new StringJoiner(",");
    if (selector.getMatchLabels() != null) {
      new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> text.add(k + "=" + v));
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        switch (r.getOperator()) {
          case "Exists" -> text.add(r.getKey());
          case "DoesNotExist" -> text.add("!" + r.getKey());
          default -> text.add(r.getKey() + " " + r.getOperator().toLowerCase()
              + " (" + String.join(",", r.getValues()) + ")");
        }
      }
    }
    return text.toString();
  }
}
