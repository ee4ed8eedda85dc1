package io.kubee.node.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubee.node.util.Quantities;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kubelet's own admission of a pod bound to this node (k8s.io/kubernetes
 * {@code pkg/kubelet/lifecycle/predicate.go}): the pods capacity and the CPU and memory
 * requests must fit the node's allocatable beside the pods it already runs. A pod bound by hand
 * (spec.nodeName) skips the scheduler, so this is what protects the node. A refused pod fails
 * with reason {@code OutOf<resource>}, as in Kubernetes.
 */
public final class PodAdmission {
  /** @param reason OutOfpods, OutOfcpu, OutOfmemory; @param message for people */
  public record Rejection(String reason, String message) {}

  private final int maxPods;
  private final Supplier<Map<String, Quantity>> allocatable;

  public PodAdmission(int maxPods, Supplier<Map<String, Quantity>> allocatable) {
    this.maxPods = maxPods;
    this.allocatable = allocatable;
  }

  /** @param admitted the pods already running here (not finished) */
  public Optional<Rejection> admit(Pod pod, Collection<Pod> admitted) {
    if (admitted.size() + 1 > maxPods) {
      return Optional.of(new Rejection("OutOfpods", "Node didn't have enough resource: pods, "
          + "requested: 1, used: " + admitted.size() + ", capacity: " + maxPods));
    }
    Map<String, Quantity> node = allocatable.get();
    for (String resource : List.of("cpu", "memory")) {
      long capacity = value(resource, Quantities.get(node, resource));
      long used = 0;
      for (Pod other : admitted) {
        used += request(other, resource);
      }
      long requested = request(pod, resource);
      if (requested > 0 && used + requested > capacity) {
        return Optional.of(new Rejection("OutOf" + resource, "Node didn't have enough resource: "
            + resource + ", requested: " + requested + ", used: " + used + ", capacity: "
            + capacity));
      }
    }
    return Optional.empty();
  }

  /** The pod's effective request (kubelet: the larger of the sum of containers and the largest init container). */
  static long request(Pod pod, String resource) {
    long sum = 0;
    for (Container c : pod.getSpec().getContainers()) {
      sum += value(resource, requestOf(c, resource));
    }
    long init = 0;
    List<Container> inits = pod.getSpec().getInitContainers() == null ? new ArrayList<>()
        : pod.getSpec().getInitContainers();
    for (Container c : inits) {
      init = Math.max(init, value(resource, requestOf(c, resource)));
    }
    return Math.max(sum, init);
  }

  private static Quantity requestOf(Container c, String resource) {
    if (c.getResources() == null) {
      return null;
    }
    Quantity request = Quantities.get(c.getResources().getRequests(), resource);
    return request != null ? request : Quantities.get(c.getResources().getLimits(), resource);
  }

  private static long value(String resource, Quantity q) {
    return resource.equals("cpu") ? Quantities.milliCpu(q) : Quantities.bytes(q);
  }
}
