package io.kubee.controllers.testing;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Objects for controller tests, as a kubelet and the apiserver would have left them: pods
 * made Running and Ready (or not) through their status, owned or not.
 */
public final class Fixtures {
  private static final AtomicInteger UIDS = new AtomicInteger();
  public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private Fixtures() {}

  public static String uid() {
    return "uid-fixture-" + UIDS.incrementAndGet();
  }

  public static PodTemplateSpec template(Map<String, String> labels) {
    return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("nginx:1.27")
        .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(8080)
            .withProtocol("TCP").build())
        .endContainer().withRestartPolicy("Always").endSpec().build();
  }

  public static ReplicaSet replicaSet(String name, int replicas, Map<String, String> labels) {
    return new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace("default")
        .withLabels(labels).withUid(uid()).withResourceVersion("1").withGeneration(1L)
        .withCreationTimestamp(T0.toString()).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels)
        .endSelector().withTemplate(template(labels)).endSpec()
        .withNewStatus().withReplicas(0).endStatus().build();
  }

  /** A pod with labels; see the {@code with*} helpers for state. */
  public static Pod pod(String name, Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
        .withUid(uid()).withResourceVersion("1").withLabels(labels)
        .withCreationTimestamp(T0.toString()).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("nginx:1.27")
        .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(8080)
            .withProtocol("TCP").build()).endContainer().endSpec()
        .withNewStatus().withPhase("Pending").endStatus().build();
  }

  /** The pod bound to {@code node}, Running with {@code ip}, Ready or not since {@code at}. */
  public static Pod running(Pod pod, String node, String ip, boolean ready, Instant at) {
    return new PodBuilder(pod).editSpec().withNodeName(node).endSpec()
        .editStatus().withPhase("Running").withPodIP(ip).addNewPodIP().withIp(ip).endPodIP()
        .withStartTime(at.toString())
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
        .withLastTransitionTime(at.toString()).endCondition().endStatus().build();
  }

  public static Pod ownedBy(Pod pod, OwnerReference owner) {
    return new PodBuilder(pod).editMetadata().withOwnerReferences(owner).endMetadata().build();
  }

  public static Pod created(Pod pod, Instant at) {
    return new PodBuilder(pod).editMetadata().withCreationTimestamp(at.toString()).endMetadata()
        .build();
  }

  public static Pod deleting(Pod pod, Instant at) {
    return new PodBuilder(pod).editMetadata().withDeletionTimestamp(at.toString()).endMetadata()
        .build();
  }

  public static OwnerReference controllerRef(String apiVersion, String kind, String name,
      String uid) {
    return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name)
        .withUid(uid).withController(true).withBlockOwnerDeletion(true).build();
  }

  public static Node node(String name) {
    return new NodeBuilder().withNewMetadata().withName(name).withUid(uid())
        .withResourceVersion("1").withCreationTimestamp(T0.toString()).endMetadata()
        .withNewSpec().endSpec().withNewStatus().endStatus().build();
  }
}
