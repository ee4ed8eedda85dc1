package io.kubee.apiserver.registry.strategy;

import io.kubee.api.registry.ResourceType;

/** Finds the strategy of a resource type. */
public final class Strategies {
  private Strategies() {}

  public static Strategy forType(ResourceType type) {
    return switch (type.groupResource()) {
      case "pods" -> new PodStrategy();
      case "namespaces" -> new NamespaceStrategy();
      case "services" -> new ServiceStrategy();
      case "deployments.apps", "replicasets.apps", "replicationcontrollers",
          "horizontalpodautoscalers.autoscaling" -> new ResetStatusStrategy();
      // a PodDisruptionBudget's status is the disruption controller's
      case "poddisruptionbudgets.policy" -> new ResetStatusStrategy();
      default -> Strategy.DEFAULT;
    };
  }
}
