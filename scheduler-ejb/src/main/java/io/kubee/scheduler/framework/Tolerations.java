package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Objects;

/** Whether tolerations tolerate taints ({@code v1.Toleration.ToleratesTaint}, k8s.io/api). */
public final class Tolerations {
  private Tolerations() {}

  /**
   * Whether {@code toleration} tolerates {@code taint}: the effect is empty or equal; an empty key
   * with operator Exists matches every key; Exists matches any value, Equal (or no operator) the
   * same value.
   */
  public static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = toleration.getEffect();
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
      return false;
    }
    String key = toleration.getKey();
    String operator = toleration.getOperator() == null ? "" : toleration.getOperator();
    if (key == null || key.isEmpty()) {
      if (!operator.equals("Exists")) {
        return false;
      }
    } else if (!key.equals(taint.getKey())) {
      return false;
    }
    return switch (operator) {
      case "Exists" -> true;
      case "", "Equal" -> Objects.equals(emptyIfNull(toleration.getValue()),
          emptyIfNull(taint.getValue()));
      default -> false;
    };
  }

  /** Whether any of {@code tolerations} tolerates {@code taint}. */
  public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
    if (tolerations == null) {
      return false;
    }
    for (Toleration t : tolerations) {
      if (tolerates(t, taint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first taint with one of {@code effects} that no toleration tolerates, or null
   * ({@code v1helper.FindMatchingUntoleratedTaint}).
   */
  public static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations,
      String... effects) {
    if (taints == null) {
      return null;
    }
    for (Taint taint : taints) {
      boolean considered = false;
      for (String effect : effects) {
        considered |= effect.equals(taint.getEffect());
      }
      if (considered && !tolerated(tolerations, taint)) {
        return taint;
      }
    }
    return null;
  }

  private static String emptyIfNull(String s) {
    return s == null ? "" : s;
  }
}
