package io.kubee.apiserver.registry.strategy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespaces start Active; their {@code spec.finalizers} change only through the finalize
 * subresource (pkg/registry/core/namespace/strategy.go).
 */
final class NamespaceStrategy implements Strategy {
  @Override
  public void prepareForCreate(ObjectNode object) {
    object.putObject("status").put("phase", "Active");
  }

  @Override
  public void prepareForUpdate(ObjectNode object, ObjectNode old) {
    JsonNode finalizers = old.path("spec").get("finalizers");
    ObjectNode spec = object.get("spec") instanceof ObjectNode s ? s : object.putObject("spec");
    if (finalizers == null) {
      spec.remove("finalizers");
    } else {
      spec.set("finalizers", finalizers.deepCopy());
    }
  }
}
