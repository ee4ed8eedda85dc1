package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compiles {@code metav1.LabelSelector}s to predicates over label maps
 * ({@code metav1.LabelSelectorAsSelector}): matchLabels and matchExpressions (In, NotIn, Exists,
 * DoesNotExist) all hold. An empty selector matches everything; a null one nothing.
 */
public final class LabelSelectors {
  private static final Predicate<Map<String, String>> NOTHING = labels -> false;
  private static final Predicate<Map<String, String>> EVERYTHING = labels -> true;

  private LabelSelectors() {}

  /** The predicate of {@code selector}; an invalid operator matches nothing, as Kubernetes. */
  public static Predicate<Map<String, String>> compile(LabelSelector selector) {
    if (selector == null) {
      return NOTHING;
    }
    List<Predicate<Map<String, String>>> all = new ArrayList<>();
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((key, value) ->
          all.add(labels -> value.equals(labels.get(key))));
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        Predicate<Map<String, String>> p = requirement(requirement);
        if (p == null) {
          return NOTHING;
        }
        all.add(p);
      }
    }
    if (all.isEmpty()) {
      return EVERYTHING;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    return labels -> {
      for (Predicate<Map<String, String>> p : all) {
        if (!p.test(labels)) {
          return false;
        }
      }
      return true;
    };
  }

  /** Whether the selector matches everything ({@code {}}). */
  public static boolean isEmpty(LabelSelector selector) {
    return selector != null
        && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  private static Predicate<Map<String, String>> requirement(LabelSelectorRequirement r) {
    String key = r.getKey();
    Set<String> values = r.getValues() == null ? Set.of() : new HashSet<>(r.getValues());
    return switch (String.valueOf(r.getOperator())) {
      case "In" -> labels -> labels.containsKey(key) && values.contains(labels.get(key));
      case "NotIn" -> labels -> !labels.containsKey(key) || !values.contains(labels.get(key));
      case "Exists" -> labels -> labels.containsKey(key);
      case "DoesNotExist" -> labels -> !labels.containsKey(key);
      default -> null;
    };
  }

  /** Labels of an object, never null. */
  public static Map<String, String> labels(Map<String, String> labels) {
    return labels == null ? Map.of() : labels;
  }
}
