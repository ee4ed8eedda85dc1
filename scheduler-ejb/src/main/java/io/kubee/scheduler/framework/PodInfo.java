package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod with what the plugins compute from it once (kube-scheduler's {@code framework.PodInfo}):
 * its resource requests, affinity terms and host ports. Immutable; the pod must not be changed
 * after it was wrapped.
 */
public final class PodInfo {
  /** Requests counted for pods that request no cpu or memory, for scoring (100m, 200 MiB). */
  public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
  public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

  /** One host port a container asks for. */
  public record HostPort(String ip, String protocol, int port) {}

  private final Pod pod;
  private final String key;
  private final Resource requests;
  private final long nonZeroMilliCpu;
  private final long nonZeroMemory;
  private final List<AffinityTerm> requiredAffinity;
  private final List<AffinityTerm> requiredAntiAffinity;
  private final List<AffinityTerm> preferredAffinity;
  private final List<AffinityTerm> preferredAntiAffinity;
  private final List<HostPort> hostPorts;
  /** The node the pod is assumed on, when it differs from its spec (see {@link #assumedOn}). */
  private final String assumedNode;

  public PodInfo(Pod pod) {
    this.pod = pod;
    this.assumedNode = null;
    this.key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    this.requests = PodRequests.of(pod);
    Resource nonZero = PodRequests.nonZero(pod);
    this.nonZeroMilliCpu = nonZero.milliCpu;
    this.nonZeroMemory = nonZero.memory;
    Affinity affinity = pod.getSpec().getAffinity();
    String ns = namespace();
    this.requiredAffinity = affinity == null || affinity.getPodAffinity() == null ? List.of()
        : required(affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(), ns);
    this.requiredAntiAffinity = affinity == null || affinity.getPodAntiAffinity() == null
        ? List.of() : required(affinity.getPodAntiAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution(), ns);
    this.preferredAffinity = affinity == null || affinity.getPodAffinity() == null ? List.of()
        : preferred(affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(),
            ns);
    this.preferredAntiAffinity = affinity == null || affinity.getPodAntiAffinity() == null
        ? List.of() : preferred(affinity.getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecution(), ns);
    this.hostPorts = hostPorts(pod);
  }

  private PodInfo(PodInfo from, String node) {
    this.pod = from.pod;
    this.key = from.key;
    this.requests = from.requests;
    this.nonZeroMilliCpu = from.nonZeroMilliCpu;
    this.nonZeroMemory = from.nonZeroMemory;
    this.requiredAffinity = from.requiredAffinity;
    this.requiredAntiAffinity = from.requiredAntiAffinity;
    this.preferredAffinity = from.preferredAffinity;
    this.preferredAntiAffinity = from.preferredAntiAffinity;
    this.hostPorts = from.hostPorts;
    this.assumedNode = node;
  }

  /**
   * This pod as the cache assumes it: on {@code node}, sharing everything computed (the pod
   * object is not copied; {@link #nodeName()} answers the node).
   */
  public PodInfo assumedOn(String node) {
    return new PodInfo(this, node);
  }

  private static List<AffinityTerm> required(List<PodAffinityTerm> terms, String ns) {
    if (terms == null || terms.isEmpty()) {
      return List.of();
    }
    List<AffinityTerm> result = new ArrayList<>(terms.size());
    terms.forEach(t -> result.add(AffinityTerm.of(t, ns, 1)));
    return List.copyOf(result);
  }

  private static List<AffinityTerm> preferred(List<WeightedPodAffinityTerm> terms, String ns) {
    if (terms == null || terms.isEmpty()) {
      return List.of();
    }
    List<AffinityTerm> result = new ArrayList<>(terms.size());
    for (WeightedPodAffinityTerm t : terms) {
      if (t.getPodAffinityTerm() != null) {
        result.add(AffinityTerm.of(t.getPodAffinityTerm(), ns,
            t.getWeight() == null ? 0 : t.getWeight()));
      }
    }
    return List.copyOf(result);
  }

  private static List<HostPort> hostPorts(Pod pod) {
    List<HostPort> ports = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      if (c.getPorts() == null) {
        continue;
      }
      for (ContainerPort p : c.getPorts()) {
        if (p.getHostPort() != null && p.getHostPort() > 0) {
          ports.add(new HostPort(p.getHostIP() == null || p.getHostIP().isEmpty() ? "0.0.0.0"
              : p.getHostIP(), p.getProtocol() == null ? "TCP" : p.getProtocol(), p.getHostPort()));
        }
      }
    }
    return List.copyOf(ports);
  }

  public Pod pod() {
    return pod;
  }

  /** namespace/name */
  public String key() {
    return key;
  }

  public String uid() {
    return pod.getMetadata().getUid();
  }

  public String name() {
    return pod.getMetadata().getName();
  }

  public String namespace() {
    return pod.getMetadata().getNamespace();
  }

  public Map<String, String> labels() {
    return LabelSelectors.labels(pod.getMetadata().getLabels());
  }

  public String nodeName() {
    if (assumedNode != null) {
      return assumedNode;
    }
    String node = pod.getSpec().getNodeName();
    return node == null ? "" : node;
  }

  /** spec.priority, 0 when unset (no PriorityClass and no default one). */
  public int priority() {
    Integer priority = pod.getSpec().getPriority();
    return priority == null ? 0 : priority;
  }

  /** What the pod requests: containers, init containers and overhead (read only). */
  public Resource requests() {
    return requests;
  }

  public long nonZeroMilliCpu() {
    return nonZeroMilliCpu;
  }

  public long nonZeroMemory() {
    return nonZeroMemory;
  }

  public List<AffinityTerm> requiredAffinity() {
    return requiredAffinity;
  }

  public List<AffinityTerm> requiredAntiAffinity() {
    return requiredAntiAffinity;
  }

  public List<AffinityTerm> preferredAffinity() {
    return preferredAffinity;
  }

  public List<AffinityTerm> preferredAntiAffinity() {
    return preferredAntiAffinity;
  }

  public boolean hasAffinity() {
    return !requiredAffinity.isEmpty() || !requiredAntiAffinity.isEmpty()
        || !preferredAffinity.isEmpty() || !preferredAntiAffinity.isEmpty();
  }

  public List<HostPort> hostPorts() {
    return hostPorts;
  }

  public boolean terminating() {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  @Override
  public String toString() {
    return key;
  }
}
