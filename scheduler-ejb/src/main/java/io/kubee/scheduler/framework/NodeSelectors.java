package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * Node selection by a pod: {@code spec.nodeSelector} and required node affinity
 * ({@code component-helpers/scheduling/corev1/nodeaffinity}): terms are ORed, the requirements of
 * a term ANDed; matchFields knows {@code metadata.name}; Gt and Lt compare integers.
 */
public final class NodeSelectors {
  private NodeSelectors() {}

  /** Whether {@code node} satisfies the pod's nodeSelector and required node affinity. */
  public static boolean podMatchesNode(Pod pod, Node node) {
    return podMatchesNode(pod, node.getMetadata().getName(),
        LabelSelectors.labels(node.getMetadata().getLabels()));
  }

  /** The same, from the node's name and labels (a {@code NodeInfo}'s, read once). */
  public static boolean podMatchesNode(Pod pod, String nodeName, Map<String, String> labels) {
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null) {
      for (Map.Entry<String, String> e : selector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    NodeSelector required = requiredNodeAffinity(pod);
    return required == null || matches(required, nodeName, labels);
  }

  /** The pod's requiredDuringSchedulingIgnoredDuringExecution, or null. */
  public static NodeSelector requiredNodeAffinity(Pod pod) {
    var affinity = pod.getSpec().getAffinity();
    if (affinity == null || affinity.getNodeAffinity() == null) {
      return null;
    }
    return affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
  }

  /** Whether any term matches; a selector without terms matches nothing. */
  public static boolean matches(NodeSelector selector, String nodeName, Map<String, String> labels) {
    List<NodeSelectorTerm> terms = selector.getNodeSelectorTerms();
    if (terms == null) {
      return false;
    }
    for (NodeSelectorTerm term : terms) {
      if (matches(term, nodeName, labels)) {
        return true;
      }
    }
    return false;
  }

  /** Whether all requirements of a term hold; an empty term matches nothing. */
  public static boolean matches(NodeSelectorTerm term, String nodeName,
      Map<String, String> labels) {
    List<NodeSelectorRequirement> expressions = term.getMatchExpressions();
    List<NodeSelectorRequirement> fields = term.getMatchFields();
    boolean noExpressions = expressions == null || expressions.isEmpty();
    boolean noFields = fields == null || fields.isEmpty();
    if (noExpressions && noFields) {
      return false;
    }
    if (!noExpressions) {
      for (NodeSelectorRequirement r : expressions) {
        if (!requirement(r, labels.get(r.getKey()), labels.containsKey(r.getKey()))) {
          return false;
        }
      }
    }
    if (!noFields) {
      for (NodeSelectorRequirement r : fields) {
        if (!"metadata.name".equals(r.getKey()) || !requirement(r, nodeName, true)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean requirement(NodeSelectorRequirement r, String value, boolean present) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (String.valueOf(r.getOperator())) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt", "Lt" -> {
        if (!present || values.size() != 1) {
          yield false;
        }
        try {
          long have = Long.parseLong(value);
          long bound = Long.parseLong(values.get(0));
          yield r.getOperator().equals("Gt") ? have > bound : have < bound;
        } catch (NumberFormatException e) {
          yield false;
        }
      }
      default -> false;
    };
  }
}
