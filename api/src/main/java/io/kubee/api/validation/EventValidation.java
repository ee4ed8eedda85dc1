package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import tools.jackson.databind.JsonNode;

/**
 * core/v1 Events: only the legacy checks Kubernetes applies to that API version
 * ({@code legacyValidateEvent} in {@code pkg/apis/core/validation/events.go}); the stricter rules
 * of events.k8s.io/v1 do not apply to it, on create or on update.
 */
final class EventValidation {
  private EventValidation() {}

  static final int REPORTING_INSTANCE_LIMIT = 128;
  static final int ACTION_LIMIT = 128;
  static final int REASON_LIMIT = 128;
  static final int NOTE_LIMIT = 1024;

  static void validate(JsonNode event, FieldErrors errs) {
    String namespace = Json.text(Json.get(event, "metadata"), "namespace");
    String involvedNamespace = Json.text(Json.get(event, "involvedObject"), "namespace");
    FieldPath involvedPath = FieldPath.of("involvedObject", "namespace");
    if (!Json.has(event, "eventTime")) {
      if (involvedNamespace.isEmpty()) {
        // "default" too, for compatibility with old clients
        if (!namespace.isEmpty() && !namespace.equals("default")) {
          errs.invalid(involvedPath, involvedNamespace, "does not match event.namespace");
        }
      } else if (!namespace.equals(involvedNamespace)) {
        errs.invalid(involvedPath, involvedNamespace, "does not match event.namespace");
      }
    } else {
      if (involvedNamespace.isEmpty() && !namespace.equals("default")
          && !namespace.equals("kube-system")) {
        errs.invalid(involvedPath, involvedNamespace, "does not match event.namespace");
      }
      String controller = Json.text(event, "reportingComponent");
      if (controller.isEmpty()) {
        errs.required(FieldPath.of("reportingController"), "");
      }
      Names.qualifiedName(controller).forEach(m ->
          errs.invalid(FieldPath.of("reportingController"), controller, m));
      limited(event, "reportingInstance", "reportingInstance", REPORTING_INSTANCE_LIMIT, true,
          errs);
      limited(event, "action", "action", ACTION_LIMIT, true, errs);
      limited(event, "reason", "reason", REASON_LIMIT, true, errs);
      limited(event, "message", "message", NOTE_LIMIT, false, errs);
    }
    Names.dns1123Subdomain(namespace).forEach(m ->
        errs.invalid(FieldPath.of("namespace"), namespace, m));
  }

  private static void limited(JsonNode event, String field, String name, int limit,
      boolean required, FieldErrors errs) {
    String v = Json.text(event, field);
    if (required && v.isEmpty()) {
      errs.required(FieldPath.of(name), "");
    }
    if (Names.byteLength(v) > limit) {
      errs.invalid(FieldPath.of(name), "", "can have at most " + limit + " characters");
    }
  }
}
