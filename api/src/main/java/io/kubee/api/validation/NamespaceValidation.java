package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Namespaces: the names of {@code spec.finalizers} ({@code ValidateNamespace}). */
final class NamespaceValidation {
  private NamespaceValidation() {}

  static void validate(JsonNode namespace, boolean indexed, FieldErrors errs) {
    List<String> finalizers = Json.strings(Json.get(namespace, "spec"), "finalizers");
    FieldPath path = FieldPath.of("spec", "finalizers");
    for (int i = 0; i < finalizers.size(); i++) {
      // on create Kubernetes reports these without the index, on finalize with it
      MetadataValidation.finalizerName(finalizers.get(i), indexed ? path.index(i) : path, errs);
    }
  }
}
