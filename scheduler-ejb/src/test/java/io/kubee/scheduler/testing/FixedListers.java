package io.kubee.scheduler.testing;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kubee.scheduler.framework.Listers;
import java.util.List;
import java.util.Map;

/** Listers over fixed lists, whatever the namespace asked for; namespaces carry no labels. */
public record FixedListers(List<Service> services, List<ReplicaSet> replicaSets,
    List<PodDisruptionBudget> podDisruptionBudgets) implements Listers {
  /** An empty cluster. */
  public static final FixedListers EMPTY = new FixedListers(List.of(), List.of(), List.of());

  public static FixedListers ofServices(Service... services) {
    return new FixedListers(List.of(services), List.of(), List.of());
  }

  public static FixedListers ofPodDisruptionBudgets(List<PodDisruptionBudget> budgets) {
    return new FixedListers(List.of(), List.of(), budgets);
  }

  @Override
  public List<Service> services(String namespace) {
    return services;
  }

  @Override
  public List<ReplicaSet> replicaSets(String namespace) {
    return replicaSets;
  }

  @Override
  public List<PodDisruptionBudget> podDisruptionBudgets(String namespace) {
    return podDisruptionBudgets;
  }

  @Override
  public Map<String, String> namespaceLabels(String name) {
    return Map.of();
  }
}
