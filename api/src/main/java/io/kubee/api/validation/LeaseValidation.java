package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** coordination.k8s.io/v1 Leases ({@code ValidateLeaseSpec}). */
final class LeaseValidation {
  private LeaseValidation() {}

  static void validate(JsonNode lease, FieldErrors errs) {
    JsonNode spec = Json.get(lease, "spec");
    FieldPath path = FieldPath.of("spec");
    Long duration = Json.number(spec, "leaseDurationSeconds");
    if (duration != null && duration <= 0) {
      errs.invalid(path.child("leaseDurationSeconds"), duration, "must be greater than 0");
    }
    Long transitions = Json.number(spec, "leaseTransitions");
    if (transitions != null && transitions < 0) {
      errs.invalid(path.child("leaseTransitions"), transitions,
          "must be greater than or equal to 0");
    }
    String strategy = Json.text(spec, "strategy");
    if (Json.has(spec, "strategy")) {
      FieldPath sp = path.child("strategy");
      if (!strategy.contains("/")) {
        if (!strategy.equals("OldestEmulationVersion")) {
          errs.notSupported(sp, strategy, List.of("OldestEmulationVersion"));
        }
      } else {
        Names.qualifiedName(strategy).forEach(m -> errs.invalid(sp, strategy, m));
      }
    }
    if (!Json.text(spec, "preferredHolder").isEmpty() && strategy.isEmpty()) {
      errs.forbidden(path.child("preferredHolder"), "may only be specified if `strategy` is"
          + " defined");
    }
  }
}
