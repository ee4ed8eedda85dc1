package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A pod (anti-)affinity term compiled once per pod (kube-scheduler's {@code framework.AffinityTerm}):
 * the namespaces it looks in (its own when none are named), the selectors, the topology key and,
 * for preferred terms, the weight.
 *
 * @param namespaces        namespaces named by the term, or the pod's own
 * @param namespaceSelector matches namespaces by their labels; null when the term has none
 */
public record AffinityTerm(Set<String> namespaces, Predicate<Map<String, String>> namespaceSelector,
    Predicate<Map<String, String>> selector, String topologyKey, int weight) {

  static AffinityTerm of(PodAffinityTerm term, String podNamespace, int weight) {
    boolean noNamespaces = term.getNamespaces() == null || term.getNamespaces().isEmpty();
    Set<String> namespaces = noNamespaces && term.getNamespaceSelector() == null
        ? Set.of(podNamespace) : noNamespaces ? Set.of() : Set.copyOf(term.getNamespaces());
    Predicate<Map<String, String>> nsSelector = term.getNamespaceSelector() == null ? null
        : LabelSelectors.compile(term.getNamespaceSelector());
    return new AffinityTerm(namespaces, nsSelector, LabelSelectors.compile(term.getLabelSelector()),
        term.getTopologyKey() == null ? "" : term.getTopologyKey(), weight);
  }

  /**
   * Whether {@code pod} is one the term selects: in one of its namespaces (by name or by the
   * namespace's labels) and matching its label selector.
   *
   * @param namespaceLabels labels of a namespace by name (empty when unknown)
   */
  public boolean matches(PodInfo pod, Function<String, Map<String, String>> namespaceLabels) {
    String namespace = pod.namespace();
    boolean inNamespace = namespaces.contains(namespace)
        || (namespaceSelector != null && namespaceSelector.test(namespaceLabels.apply(namespace)));
    return inNamespace && selector.test(pod.labels());
  }
}
