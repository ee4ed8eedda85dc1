package io.kubee.apiserver.handlers;

import io.kubee.api.errors.Errors;
import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.auth.UserInfo;
import io.kubee.apiserver.registry.DeleteRequest;
import io.kubee.apiserver.registry.GenericStore;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST pods/<name>/eviction} with a {@code policy/v1 Eviction}: a delete that disruption
 * budgets may refuse (Kubernetes' EvictionREST). Kubee serves no PodDisruptionBudgets yet, so
 * no eviction is refused for them; the pod is deleted with the eviction's delete options.
 */
final class PodEviction {
  private static final Set<String> VERSIONS = Set.of("policy/v1", "policy/v1beta1");

  private final GenericStore store;

  PodEviction(GenericStore store) {
    this.store = store;
  }

  void evict(ResourceType pods, String namespace, String name, ObjectNode eviction,
      DeleteRequest options, UserInfo user) {
    String apiVersion = Meta.apiVersion(eviction);
    String kind = Meta.kind(eviction);
    if ((!apiVersion.isEmpty() && !VERSIONS.contains(apiVersion))
        || (!kind.isEmpty() && !kind.equals("Eviction"))) {
      throw Errors.badRequest("the body must be a policy/v1 Eviction, not " + apiVersion + " "
          + kind);
    }
    if (!Meta.name(eviction).isEmpty() && !Meta.name(eviction).equals(name)) {
      throw Errors.badRequest("name in URL does not match name in Eviction object");
    }
    store.delete(pods, namespace, name, options, user);
  }
}
