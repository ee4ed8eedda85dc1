package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node and the pods on it, with their sums (kube-scheduler's {@code framework.NodeInfo}): what
 * they request, the host ports they use, the pods with (anti-)affinity terms, and the images the
 * node holds. The cache owns the live instances and bumps {@link #generation()} on each change;
 * the scheduling cycle reads copies ({@link #snapshotCopy}) that nobody changes, except
 * preemption's own copies. Not thread-safe.
 */
public final class NodeInfo {
  private Node node;
  private String name;
  private Map<String, String> labels = Map.of();
  private List<Taint> taints = List.of();
  private boolean unschedulable;
  private Resource allocatable = new Resource();
  private Map<String, Long> imageSizes = Map.of();
  private final List<PodInfo> pods;
  private final List<PodInfo> podsWithAffinity;
  private final List<PodInfo> podsWithRequiredAntiAffinity;
  private final Resource requested;
  private long nonZeroMilliCpu;
  private long nonZeroMemory;
  private final Map<PodInfo.HostPort, Integer> usedPorts;
  private long generation;

  public NodeInfo() {
    pods = new ArrayList<>();
    podsWithAffinity = new ArrayList<>();
    podsWithRequiredAntiAffinity = new ArrayList<>();
    requested = new Resource();
    usedPorts = new HashMap<>();
  }

  private NodeInfo(NodeInfo from) {
    node = from.node;
    name = from.name;
    labels = from.labels;
    taints = from.taints;
    unschedulable = from.unschedulable;
    allocatable = from.allocatable;
    imageSizes = from.imageSizes;
    pods = new ArrayList<>(from.pods);
    podsWithAffinity = new ArrayList<>(from.podsWithAffinity);
    podsWithRequiredAntiAffinity = new ArrayList<>(from.podsWithRequiredAntiAffinity);
    requested = from.requested.copy();
    nonZeroMilliCpu = from.nonZeroMilliCpu;
    nonZeroMemory = from.nonZeroMemory;
    usedPorts = new HashMap<>(from.usedPorts);
    generation = from.generation;
  }

  /** A node with these pods, for tests and preemption. */
  public static NodeInfo of(Node node, PodInfo... pods) {
    NodeInfo info = new NodeInfo();
    info.setNode(node);
    for (PodInfo pod : pods) {
      info.addPod(pod);
    }
    return info;
  }

  /** An independent copy: its pod lists and sums can change without touching this one. */
  public NodeInfo snapshotCopy() {
    return new NodeInfo(this);
  }

  /** Sets the node object; its allocatable, labels, taints and images are read once here. */
  public void setNode(Node node) {
    this.node = node;
    this.name = node.getMetadata().getName();
    this.labels = LabelSelectors.labels(node.getMetadata().getLabels());
    this.taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
        : List.copyOf(node.getSpec().getTaints());
    this.unschedulable = node.getSpec() != null
        && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    this.allocatable = node.getStatus() == null ? new Resource()
        : Resource.of(node.getStatus().getAllocatable() != null
            ? node.getStatus().getAllocatable() : node.getStatus().getCapacity());
    Map<String, Long> images = new HashMap<>();
    if (node.getStatus() != null && node.getStatus().getImages() != null) {
      for (ContainerImage image : node.getStatus().getImages()) {
        long size = image.getSizeBytes() == null ? 0 : image.getSizeBytes();
        if (image.getNames() != null) {
          image.getNames().forEach(n -> images.put(ImageNames.normalize(n), size));
        }
      }
    }
    this.imageSizes = images.isEmpty() ? Map.of() : Map.copyOf(images);
  }

  public void clearNode() {
    this.node = null;
  }

  public void addPod(PodInfo pod) {
    pods.add(pod);
    if (pod.hasAffinity()) {
      podsWithAffinity.add(pod);
    }
    if (!pod.requiredAntiAffinity().isEmpty()) {
      podsWithRequiredAntiAffinity.add(pod);
    }
    update(pod, 1);
  }

  /** Removes the pod with {@code uid}; false when it is not here. */
  public boolean removePod(String uid) {
    for (int i = 0; i < pods.size(); i++) {
      PodInfo pod = pods.get(i);
      if (pod.uid().equals(uid)) {
        pods.remove(i);
        podsWithAffinity.removeIf(p -> p.uid().equals(uid));
        podsWithRequiredAntiAffinity.removeIf(p -> p.uid().equals(uid));
        update(pod, -1);
        return true;
      }
    }
    return false;
  }

  private void update(PodInfo pod, int sign) {
    if (sign > 0) {
      requested.add(pod.requests());
    } else {
      requested.subtract(pod.requests());
    }
    nonZeroMilliCpu += sign * pod.nonZeroMilliCpu();
    nonZeroMemory += sign * pod.nonZeroMemory();
    for (PodInfo.HostPort port : pod.hostPorts()) {
      usedPorts.merge(port, sign, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  /** The node object; null while only pods of a node the cache has not seen yet are known. */
  public Node node() {
    return node;
  }

  public String name() {
    return name;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public List<Taint> taints() {
    return taints;
  }

  /** spec.unschedulable (cordoned). */
  public boolean unschedulable() {
    return unschedulable;
  }

  public Resource allocatable() {
    return allocatable;
  }

  /** Sum of the pods' requests (read only for callers). */
  public Resource requested() {
    return requested;
  }

  public long nonZeroMilliCpu() {
    return nonZeroMilliCpu;
  }

  public long nonZeroMemory() {
    return nonZeroMemory;
  }

  public List<PodInfo> pods() {
    return pods;
  }

  public List<PodInfo> podsWithAffinity() {
    return podsWithAffinity;
  }

  public List<PodInfo> podsWithRequiredAntiAffinity() {
    return podsWithRequiredAntiAffinity;
  }

  /** Whether {@code port} conflicts with a used host port (0.0.0.0 conflicts with every IP). */
  public boolean portInUse(PodInfo.HostPort port) {
    if (usedPorts.isEmpty()) {
      return false;
    }
    for (PodInfo.HostPort used : usedPorts.keySet()) {
      if (used.port() == port.port() && used.protocol().equals(port.protocol())
          && (used.ip().equals(port.ip()) || used.ip().equals("0.0.0.0")
              || port.ip().equals("0.0.0.0"))) {
        return true;
      }
    }
    return false;
  }

  /** Image name (normalized, with a tag) to size in bytes, from node.status.images. */
  public Map<String, Long> imageSizes() {
    return imageSizes;
  }

  public long generation() {
    return generation;
  }

  public void setGeneration(long generation) {
    this.generation = generation;
  }

  @Override
  public String toString() {
    return name + " pods=" + pods.size() + " requested=" + requested;
  }
}
