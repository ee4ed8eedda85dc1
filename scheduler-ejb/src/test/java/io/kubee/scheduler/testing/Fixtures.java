package io.kubee.scheduler.testing;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Nodes and pods for tests, as scheduler_perf's templates: small builders over fabric8's. */
public final class Fixtures {
  private Fixtures() {}

  /** A node with cpu, memory and 110 pods allocatable, labelled with its hostname. */
  public static NodeBuilder node(String name, String cpu, String memory) {
    Map<String, Quantity> allocatable = new HashMap<>();
    allocatable.put("cpu", new Quantity(cpu));
    allocatable.put("memory", new Quantity(memory));
    allocatable.put("pods", new Quantity("110"));
    return new NodeBuilder().withNewMetadata().withName(name)
        .addToLabels("kubernetes.io/hostname", name).endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus().withAllocatable(allocatable).withCapacity(allocatable).endStatus();
  }

  public static Node node(String name) {
    return node(name, "4", "32Gi").build();
  }

  public static Taint taint(String key, String value, String effect) {
    return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
  }

  /** A pod in "default" with one container requesting cpu and memory (null: none). */
  public static PodBuilder pod(String name, String cpu, String memory) {
    ContainerBuilder c = new ContainerBuilder().withName("c").withImage("busybox");
    if (cpu != null) {
      c.editOrNewResources().addToRequests("cpu", new Quantity(cpu)).endResources();
    }
    if (memory != null) {
      c.editOrNewResources().addToRequests("memory", new Quantity(memory)).endResources();
    }
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
        .withUid(UUID.randomUUID().toString()).withResourceVersion("1").endMetadata()
        .withNewSpec().withSchedulerName("default-scheduler").withContainers(c.build()).endSpec()
        .withNewStatus().withPhase("Pending").endStatus();
  }

  public static Pod pod(String name) {
    return pod(name, null, null).build();
  }

  public static PodInfo info(Pod pod) {
    return new PodInfo(pod);
  }

  /** The pod bound to {@code node}. */
  public static Pod on(Pod pod, String node) {
    return new PodBuilder(pod).editSpec().withNodeName(node).endSpec().build();
  }

  public static Pod with(Pod pod, UnaryOperator<PodBuilder> change) {
    return change.apply(new PodBuilder(pod)).build();
  }

  public static NodeInfo nodeInfo(Node node, Pod... pods) {
    NodeInfo info = NodeInfo.of(node);
    for (Pod p : pods) {
      info.addPod(new PodInfo(on(p, node.getMetadata().getName())));
    }
    return info;
  }
}
