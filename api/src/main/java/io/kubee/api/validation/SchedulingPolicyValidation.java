package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * scheduling.k8s.io/v1 PriorityClasses ({@code ValidatePriorityClass},
 * {@code ValidatePriorityClassUpdate}) and policy/v1 PodDisruptionBudgets
 * ({@code ValidatePodDisruptionBudgetSpec}), pkg/apis/scheduling and pkg/apis/policy validation.
 */
final class SchedulingPolicyValidation {
  /** Kubernetes' HighestUserDefinablePriority. */
  static final long HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000L;
  static final String SYSTEM_PREFIX = "system-";
  /** The built-in system PriorityClasses and their values. */
  static final Map<String, Long> SYSTEM_PRIORITY_CLASSES = Map.of(
      "system-cluster-critical", 2_000_000_000L,
      "system-node-critical", 2_000_001_000L);
  private static final List<String> PREEMPTION_POLICIES = List.of("Never",
      "PreemptLowerPriority");
  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

  private SchedulingPolicyValidation() {}

  static void priorityClass(JsonNode pc, FieldErrors errs) {
    String name = Json.text(Json.get(pc, "metadata"), "name");
    long value = Json.longValue(pc, "value");
    if (name.startsWith(SYSTEM_PREFIX)) {
      Long known = SYSTEM_PRIORITY_CLASSES.get(name);
      String problem = known == null ? name + " is not a known system priority class"
          : known != value ? "value of " + name + " PriorityClass must be " + known
          : Json.bool(pc, "globalDefault") ? "globalDefault of " + name
              + " PriorityClass must be false" : null;
      if (problem != null) {
        errs.forbidden(FieldPath.of("metadata", "name"), "priority class names with '"
            + SYSTEM_PREFIX + "' prefix are reserved for system use only. error: " + problem);
      }
    } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
      errs.forbidden(FieldPath.of("value"), "maximum allowed value of a user defined priority is "
          + HIGHEST_USER_DEFINABLE_PRIORITY);
    }
    if (Json.has(pc, "preemptionPolicy")) {
      String policy = Json.text(pc, "preemptionPolicy");
      if (!PREEMPTION_POLICIES.contains(policy)) {
        errs.notSupported(FieldPath.of("preemptionPolicy"), policy, PREEMPTION_POLICIES);
      }
    }
  }

  /** value and preemptionPolicy never change. */
  static void priorityClassUpdate(JsonNode pc, JsonNode old, FieldErrors errs) {
    if (Json.longValue(pc, "value") != Json.longValue(old, "value")) {
      errs.forbidden(FieldPath.of("value"), "may not be changed in an update.");
    }
    MetadataValidation.immutable(Json.get(pc, "preemptionPolicy"),
        Json.get(old, "preemptionPolicy"), FieldPath.of("preemptionPolicy"), errs);
  }

  static void podDisruptionBudget(JsonNode pdb, FieldErrors errs) {
    JsonNode spec = Json.get(pdb, "spec");
    FieldPath path = FieldPath.of("spec");
    if (Json.has(spec, "minAvailable") && Json.has(spec, "maxUnavailable")) {
      errs.invalid(path, spec, "minAvailable and maxUnavailable cannot be both set");
    }
    for (String field : List.of("minAvailable", "maxUnavailable")) {
      JsonNode v = Json.get(spec, field);
      if (v != null && !v.isNull()) {
        intOrPercent(v, path.child(field), errs);
      }
    }
    MetadataValidation.labelSelector(Json.get(spec, "selector"), path.child("selector"), errs);
    if (Json.has(spec, "unhealthyPodEvictionPolicy")) {
      String policy = Json.text(spec, "unhealthyPodEvictionPolicy");
      List<String> supported = List.of("AlwaysAllow", "IfHealthyBudget");
      if (!supported.contains(policy)) {
        errs.notSupported(path.child("unhealthyPodEvictionPolicy"), policy, supported);
      }
    }
  }

  /** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
  private static void intOrPercent(JsonNode v, FieldPath path, FieldErrors errs) {
    if (v.isString()) {
      String s = v.asString();
      if (!PERCENT.matcher(s).matches()) {
        errs.invalid(path, s, "a valid percent string must be a numeric string followed by an "
            + "ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
      } else if (Long.parseLong(s.substring(0, s.length() - 1)) > 100) {
        errs.invalid(path, s, "must not be greater than 100%");
      }
    } else if (v.isNumber() && v.asLong(0) < 0) {
      errs.invalid(path, v.asLong(0), "must be greater than or equal to 0");
    }
  }
}
