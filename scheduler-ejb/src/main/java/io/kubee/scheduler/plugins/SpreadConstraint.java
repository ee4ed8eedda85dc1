package io.kubee.scheduler.plugins;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubee.scheduler.framework.LabelSelectors;
import io.kubee.scheduler.framework.Listers;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.NodeSelectors;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Tolerations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One topology spread constraint, compiled (kube-scheduler's {@code topologySpreadConstraint},
 * plugins/podtopologyspread/common.go): its selector (with matchLabelKeys merged in), skew,
 * minimum domains and node inclusion policies. Also builds the system default constraints that
 * spread the pods of one Service or ReplicaSet over hostnames (skew 3) and zones (skew 5).
 */
record SpreadConstraint(int maxSkew, String topologyKey, boolean doNotSchedule,
    Predicate<Map<String, String>> selector, int minDomains, boolean honorNodeAffinity,
    boolean honorNodeTaints) {

  static final String HOSTNAME = "kubernetes.io/hostname";
  static final String ZONE = "topology.kubernetes.io/zone";

  /** The pod's own constraints with {@code whenUnsatisfiable} as asked. */
  static List<SpreadConstraint> of(Pod pod, boolean doNotSchedule) {
    List<TopologySpreadConstraint> constraints = pod.getSpec().getTopologySpreadConstraints();
    if (constraints == null || constraints.isEmpty()) {
      return List.of();
    }
    List<SpreadConstraint> result = new ArrayList<>();
    for (TopologySpreadConstraint c : constraints) {
      boolean dns = "DoNotSchedule".equals(c.getWhenUnsatisfiable());
      if (dns != doNotSchedule) {
        continue;
      }
      result.add(new SpreadConstraint(c.getMaxSkew() == null ? 1 : c.getMaxSkew(),
          c.getTopologyKey(), dns, LabelSelectors.compile(withMatchLabelKeys(c, pod)),
          c.getMinDomains() == null ? 1 : c.getMinDomains(),
          !"Ignore".equals(c.getNodeAffinityPolicy()), "Honor".equals(c.getNodeTaintsPolicy())));
    }
    return result;
  }

  /** matchLabelKeys: the pod's own values of those keys join the selector. */
  private static LabelSelector withMatchLabelKeys(TopologySpreadConstraint c, Pod pod) {
    if (c.getMatchLabelKeys() == null || c.getMatchLabelKeys().isEmpty()
        || c.getLabelSelector() == null) {
      return c.getLabelSelector();
    }
    Map<String, String> labels = LabelSelectors.labels(pod.getMetadata().getLabels());
    LabelSelectorBuilder b = new LabelSelectorBuilder(c.getLabelSelector());
    for (String key : c.getMatchLabelKeys()) {
      if (labels.containsKey(key)) {
        b.addNewMatchExpression().withKey(key).withOperator("In")
            .withValues(labels.get(key)).endMatchExpression();
      }
    }
    return b.build();
  }

  /**
   * Kubernetes' system default constraints (ScheduleAnyway, hostname skew 3, zone skew 5) over the
   * selector of the Services that select the pod and of the ReplicaSet that controls it; empty
   * when there is neither.
   */
  static List<SpreadConstraint> systemDefaults(Pod pod, Listers listers) {
    Map<String, String> labels = LabelSelectors.labels(pod.getMetadata().getLabels());
    Map<String, String> merged = new HashMap<>();
    String namespace = pod.getMetadata().getNamespace();
    for (Service service : listers.services(namespace)) {
      Map<String, String> selector = service.getSpec() == null ? null
          : service.getSpec().getSelector();
      if (selector != null && !selector.isEmpty() && matchesLabels(selector, labels)) {
        merged.putAll(selector);
      }
    }
    List<Predicate<Map<String, String>>> parts = new ArrayList<>();
    if (!merged.isEmpty()) {
      parts.add(l -> matchesLabels(merged, l));
    }
    OwnerReference owner = controller(pod);
    if (owner != null && "ReplicaSet".equals(owner.getKind())
        && owner.getApiVersion() != null && owner.getApiVersion().startsWith("apps/")) {
      for (ReplicaSet rs : listers.replicaSets(namespace)) {
        if (rs.getMetadata().getName().equals(owner.getName()) && rs.getSpec() != null
            && rs.getSpec().getSelector() != null
            && !LabelSelectors.isEmpty(rs.getSpec().getSelector())) {
          parts.add(LabelSelectors.compile(rs.getSpec().getSelector()));
        }
      }
    }
    if (parts.isEmpty()) {
      return List.of();
    }
    Predicate<Map<String, String>> selector = l -> parts.stream().allMatch(p -> p.test(l));
    return List.of(new SpreadConstraint(3, HOSTNAME, false, selector, 1, true, false),
        new SpreadConstraint(5, ZONE, false, selector, 1, true, false));
  }

  private static boolean matchesLabels(Map<String, String> selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static OwnerReference controller(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners != null) {
      for (OwnerReference o : owners) {
        if (Boolean.TRUE.equals(o.getController())) {
          return o;
        }
      }
    }
    return null;
  }

  /** Whether pods on {@code node} count for this constraint (nodeAffinity/nodeTaints policies). */
  boolean includes(Pod pod, Node node, List<io.fabric8.kubernetes.api.model.Taint> taints) {
    if (honorNodeAffinity && !NodeSelectors.podMatchesNode(pod, node)) {
      return false;
    }
    return !honorNodeTaints || Tolerations.firstUntolerated(taints,
        pod.getSpec().getTolerations(), "NoSchedule", "NoExecute") == null;
  }

  /** Pods on the node in {@code namespace} that match, not terminating. */
  int countMatching(NodeInfo node, String namespace) {
    int count = 0;
    for (PodInfo p : node.pods()) {
      if (!p.terminating() && p.namespace().equals(namespace) && selector.test(p.labels())) {
        count++;
      }
    }
    return count;
  }

  /** Whether the node has the topology key of every constraint. */
  static boolean nodeHasAllKeys(Map<String, String> labels, List<SpreadConstraint> constraints) {
    for (SpreadConstraint c : constraints) {
      if (!labels.containsKey(c.topologyKey())) {
        return false;
      }
    }
    return true;
  }
}
