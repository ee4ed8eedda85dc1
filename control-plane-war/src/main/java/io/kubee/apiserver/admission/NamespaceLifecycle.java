package io.kubee.apiserver.admission;

import io.kubee.api.errors.Errors;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' NamespaceLifecycle admission plugin (plugin/pkg/admission/namespace/lifecycle):
 * nothing is created in a namespace that does not exist (404) or is terminating (403), and the
 * system namespaces cannot be deleted.
 */
public final class NamespaceLifecycle implements AdmissionPlugin {
  /** Namespaces that exist from the start and may never be deleted. */
  public static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");

  private final NamespaceLookup namespaces;

  public NamespaceLifecycle(NamespaceLookup namespaces) {
    this.namespaces = namespaces;
  }

  @Override
  public String name() {
    return "NamespaceLifecycle";
  }

  @Override
  public void admit(AdmissionRequest request) {
    if (request.type().plural().equals("namespaces")) {
      if (request.operation() == Operation.DELETE && IMMORTAL.contains(request.name())) {
        throw Errors.forbidden("", "namespaces", request.name(), "this namespace may not be deleted");
      }
      return;
    }
    if (!request.type().namespaced() || request.operation() != Operation.CREATE) {
      return;
    }
    ObjectNode namespace = namespaces.find(request.namespace())
        .orElseThrow(() -> Errors.notFound("", "namespaces", request.namespace()));
    if ("Terminating".equals(namespace.path("status").path("phase").asString(""))
        || !namespace.path("metadata").path("deletionTimestamp").isMissingNode()) {
      throw Errors.forbidden(request.type().group(), request.type().plural(), request.name(),
          "unable to create new content in namespace " + request.namespace()
              + " because it is being terminated");
    }
  }

  /** How the plugin finds a namespace; the apiserver reads it from storage. */
  @FunctionalInterface
  public interface NamespaceLookup {
    Optional<ObjectNode> find(String name);
  }
}
