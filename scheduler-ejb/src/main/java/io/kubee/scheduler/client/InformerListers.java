package io.kubee.scheduler.client;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kubee.scheduler.PodLookup;
import io.kubee.scheduler.framework.Listers;
import java.util.List;
import java.util.Map;

/** {@link Listers} and {@link PodLookup} over the informers' stores (client-go listers). */
final class InformerListers implements Listers, PodLookup {
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<ReplicaSet> replicaSets;
  private final SharedIndexInformer<PodDisruptionBudget> pdbs;
  private final SharedIndexInformer<Namespace> namespaces;

  InformerListers(SharedIndexInformer<Pod> pods, SharedIndexInformer<Service> services,
      SharedIndexInformer<ReplicaSet> replicaSets, SharedIndexInformer<PodDisruptionBudget> pdbs,
      SharedIndexInformer<Namespace> namespaces) {
    this.pods = pods;
    this.services = services;
    this.replicaSets = replicaSets;
    this.pdbs = pdbs;
    this.namespaces = namespaces;
  }

  @Override
  public Pod get(String namespace, String name) {
    return pods.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
  }

  @Override
  public List<Service> services(String namespace) {
    return services.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  @Override
  public List<ReplicaSet> replicaSets(String namespace) {
    return replicaSets.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  /** @param namespace null for every namespace */
  @Override
  public List<PodDisruptionBudget> podDisruptionBudgets(String namespace) {
    return namespace == null ? pdbs.getStore().list()
        : pdbs.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  @Override
  public Map<String, String> namespaceLabels(String name) {
    Namespace ns = namespaces.getStore().getByKey(name);
    return ns == null || ns.getMetadata().getLabels() == null ? Map.of()
        : ns.getMetadata().getLabels();
  }
}
