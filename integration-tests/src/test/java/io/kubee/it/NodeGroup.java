package io.kubee.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Nodes for scheduler tests: Node objects with allocatable and a Ready condition (there are no
 * node agents), labelled {@code kubee.io/node-group=<group>} so that a test's pods select only its
 * own nodes, and tainted {@code kubee.io/test-node=<group>:NoSchedule} (the other tests' convention
 * for kubelet-less nodes) so that pods other tests left pending do not land on them; the group's
 * pods tolerate it. Plays the kubelet's part in graceful deletion, and removes its nodes and pods
 * at the end.
 */
final class NodeGroup implements AutoCloseable {
  static final String GROUP_LABEL = "kubee.io/node-group";
  static final String TEST_NODE_TAINT = "kubee.io/test-node";

  private final KubernetesClient client;
  final String group;
  private final List<String> nodes = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();

  NodeGroup(KubernetesClient client, String group) {
    this.client = client;
    this.group = group;
  }

  /** A Ready node of this group with cpu, memory and 110 pods allocatable. */
  Node node(String name, String cpu, String memory, Map<String, String> labels,
      Taint... taints) {
    Map<String, Quantity> allocatable = Map.of("cpu", new Quantity(cpu), "memory",
        new Quantity(memory), "pods", new Quantity("110"));
    Node node = new NodeBuilder().withNewMetadata().withName(name)
        .addToLabels("kubernetes.io/hostname", name).addToLabels(GROUP_LABEL, group)
        .addToLabels(labels).endMetadata()
        .withNewSpec().withTaints(taints).addNewTaint().withKey(TEST_NODE_TAINT).withValue(group)
        .withEffect("NoSchedule").endTaint().endSpec()
        .withNewStatus().withCapacity(allocatable).withAllocatable(allocatable)
        .withConditions(new NodeConditionBuilder().withType("Ready").withStatus("True")
            .withReason("KubeletReady").withLastHeartbeatTime(Instant.now().toString())
            .withLastTransitionTime(Instant.now().toString()).build())
        .endStatus().build();
    nodes.add(name);
    Node created = client.nodes().resource(node).create();
    if (created.getStatus() == null || created.getStatus().getAllocatable() == null
        || created.getStatus().getAllocatable().isEmpty()) {
      // a server that resets status on create gets it through the status subresource
      created = client.nodes().withName(name).editStatus(n -> new NodeBuilder(n)
          .withStatus(node.getStatus()).build());
    }
    return created;
  }

  Node node(String name, String cpu, String memory) {
    return node(name, cpu, memory, Map.of());
  }

  /** Creates (or reuses) a namespace removed with the group. */
  String namespace(String name) {
    if (client.namespaces().withName(name).get() == null) {
      client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
          .withNewMetadata().withName(name).endMetadata().build()).create();
    }
    namespaces.add(name);
    return name;
  }

  /** A pod that selects this group's nodes, requesting cpu and memory. */
  Pod pod(String namespace, String name, String cpu, String memory,
      UnaryOperator<PodBuilder> more) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .endMetadata().withNewSpec().addToNodeSelector(GROUP_LABEL, group)
        .addToTolerations(toleration())
        .addNewContainer().withName("app").withImage("registry.local/app:1")
        .withNewResources().addToRequests("cpu", new Quantity(cpu))
        .addToRequests("memory", new Quantity(memory)).endResources().endContainer()
        .endSpec();
    return client.pods().inNamespace(namespace).resource(more.apply(b).build()).create();
  }

  /** Tolerates this group's test-node taint (and no other group's). */
  io.fabric8.kubernetes.api.model.Toleration toleration() {
    return new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey(TEST_NODE_TAINT)
        .withOperator("Equal").withValue(group).withEffect("NoSchedule").build();
  }

  Pod pod(String namespace, String name, String cpu, String memory) {
    return pod(namespace, name, cpu, memory, b -> b);
  }

  /** The node {@code name} was bound to, waiting up to {@code wait}; fails if it never is. */
  String awaitBound(String namespace, String name, Duration wait) {
    await().atMost(wait).pollInterval(Duration.ofMillis(100)).until(() -> nodeOf(namespace, name)
        != null);
    return nodeOf(namespace, name);
  }

  String nodeOf(String namespace, String name) {
    Pod p = client.pods().inNamespace(namespace).withName(name).get();
    return p == null || p.getSpec().getNodeName() == null ? null : p.getSpec().getNodeName();
  }

  /** The kubelet's part of graceful deletion: terminating pods go away at once. */
  int finishTerminating(String namespace) {
    int n = 0;
    for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
      if (p.getMetadata().getDeletionTimestamp() != null) {
        client.pods().inNamespace(namespace).withName(p.getMetadata().getName())
            .withGracePeriod(0).delete();
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    for (String ns : namespaces) {
      client.pods().inNamespace(ns).withGracePeriod(0).delete();
    }
    for (String n : nodes) {
      client.nodes().withName(n).delete();
    }
  }
}
