package io.kubee.apiserver.registry;

import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.auth.UserInfo;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DELETE of a namespace, as Kubernetes' namespace REST storage
 * (pkg/registry/core/namespace/storage/storage.go): the first request only marks the namespace
 * Terminating (deletionTimestamp, {@code status.phase}, the garbage collector's finalizers the
 * propagation policy asks for) and keeps its {@code spec.finalizers}; the namespace controller
 * then deletes everything in it, removes the {@code kubernetes} finalizer through
 * {@code namespaces/finalize} and deletes it again. A DELETE while {@code spec.finalizers}
 * remain answers the namespace, still there; once they are gone it deletes as any object
 * (waiting for {@code metadata.finalizers}).
 */
final class NamespaceDeleter {
  private final GenericStore store;
  private final Clock clock;

  NamespaceDeleter(GenericStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  DeleteResult delete(ResourceType namespaces, String name, DeleteRequest request,
      UserInfo user) {
    ObjectNode current = store.get(namespaces, "", name);
    if (Meta.deletionTimestamp(current).isEmpty()) {
      ObjectNode marked = store.guaranteedUpdate(namespaces, "", name, false, existing -> {
        if (existing == null) {
          return null;
        }
        store.checkDeletion(namespaces, "", name, request, user, existing);
        if (Meta.deletionTimestamp(existing).isEmpty()) {
          Meta.metadata(existing).put("deletionTimestamp", Meta.timestamp(clock.instant()));
        }
        existing.withObject("status").put("phase", "Terminating");
        GarbageCollectionFinalizers.apply(namespaces, existing, request.propagationPolicy());
        return existing;
      });
      return new DeleteResult(marked, false);
    }
    if (specFinalizersPending(namespaces, current)) {
      store.checkDeletion(namespaces, "", name, request, user, current);
      return new DeleteResult(current, false);
    }
    return store.deleteObject(namespaces, "", name, request, user);
  }

  /** Whether {@code object} is a namespace whose {@code spec.finalizers} still hold it. */
  static boolean specFinalizersPending(ResourceType type, ObjectNode object) {
    if (!type.group().isEmpty() || !type.plural().equals("namespaces")) {
      return false;
    }
    JsonNode finalizers = object.path("spec").path("finalizers");
    return finalizers.isArray() && !finalizers.isEmpty();
  }
}
