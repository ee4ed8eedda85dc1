package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;

/**
 * The cluster objects besides nodes and pods that plugins read, from informers' caches
 * (client-go listers). Implementations are thread-safe; lists are never null.
 */
public interface Listers {
  List<Service> services(String namespace);

  List<ReplicaSet> replicaSets(String namespace);

  List<PodDisruptionBudget> podDisruptionBudgets(String namespace);

  /** The labels of namespace {@code name}, empty when it is unknown. */
  Map<String, String> namespaceLabels(String name);

}
