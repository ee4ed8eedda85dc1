package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubee.runtime.Pods;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Node lifecycle, taint eviction, endpoints and pod garbage collection in the EAR, on hollow
 * nodes, with periods shortened for this class (node-monitor-grace-period 4 s, monitor every
 * second, pod GC quarantine 3 s): Endpoints and EndpointSlices follow pod readiness; a node whose
 * heartbeats stop goes Unknown after the grace period, is tainted, its pods are marked not ready
 * and evicted when their toleration runs out; heartbeats back, the taints go; pods of a node that
 * does not exist are collected.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NodeLifecycleIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NS = "lifecycle";
  private static final Map<String, String> WEB = Map.of("app", "web");

  @ArquillianResource
  ManagementClient management;

  static ServerProperties properties;

  @org.jboss.arquillian.container.test.api.Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @AfterAll
  static void restoreDefaults() throws Exception {
    if (properties != null) {
      properties.clear();
    }
  }

  @Test
  void nodesThatStopPostingAreTaintedAndTheirPodsNotReadyThenEvicted() throws Exception {
    properties = new ServerProperties(management, Map.of(
        "kubee.controllers.nodelifecycle.node-monitor-grace-period", "4s",
        "kubee.controllers.nodelifecycle.node-monitor-period", "1s",
        "kubee.controllers.podgc.quarantine-time", "3s"));
    properties.applyAndRedeploy();
    try (Fabric8 fabric8 = new Fabric8(NS);
        HollowNodes nodes = new HollowNodes(fabric8.client, Duration.ofSeconds(1),
            Duration.ofMillis(200), "steady", "flaky")) {
      KubernetesClient client = fabric8.client;
      // a zone of their own: nodes other classes left behind in this etcd, silent for long,
      // would put the default zone in partial disruption, where a small cluster evicts nothing
      for (String node : nodes.names()) {
        client.nodes().withName(node).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext
            .of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"topology.kubernetes.io/zone\":\"lifecycle-it\"}}}");
      }
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
          .endMetadata().build()).create();
      client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata()
          .withName("web").endMetadata().withNewSpec().withSelector(WEB).addNewPort()
          .withName("http").withPort(80).withNewTargetPort("http").endPort().endSpec().build())
          .create();
      pod(client, "on-steady", "steady", null);
      pod(client, "short-lived", "flaky", 3L);
      pod(client, "patient", "flaky", null); // the admission default: 300 s
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(addresses(client, true)).hasSize(3));

      // Endpoints follow readiness, both ways
      nodes.setReady(NS, "on-steady", false);
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(addresses(client, true)).hasSize(2);
        assertThat(addresses(client, false)).hasSize(1);
        assertThat(sliceReadiness(client)).containsEntry("on-steady", false);
      });
      nodes.setReady(NS, "on-steady", true);
      await().atMost(WAIT).untilAsserted(() -> assertThat(addresses(client, true)).hasSize(3));

      // the flaky node goes silent
      nodes.stopHeartbeats("flaky");
      await().atMost(WAIT).untilAsserted(() -> {
        NodeCondition ready = ready(client, "flaky");
        assertThat(ready.getStatus()).isEqualTo("Unknown");
        assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(ready.getMessage()).isEqualTo("Kubelet stopped posting node status.");
      });
      await().atMost(WAIT).untilAsserted(() -> assertThat(taints(client, "flaky"))
          .contains("node.kubernetes.io/unreachable:NoExecute",
              "node.kubernetes.io/unreachable:NoSchedule"));
      assertThat(Pods.isReady(client.pods().inNamespace(NS).withName("patient").get()))
          .isFalse();
      await().atMost(WAIT).untilAsserted(() -> assertThat(addresses(client, true))
          .containsExactly(ip(client, "on-steady")));

      // the short toleration runs out, the default one does not
      await().atMost(WAIT).untilAsserted(() -> {
        Pod evicted = client.pods().inNamespace(NS).withName("short-lived").get();
        assertThat(evicted.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(evicted.getStatus().getConditions()).anyMatch(c ->
            c.getType().equals("DisruptionTarget")
                && "DeletionByTaintManager".equals(c.getReason()));
      });
      assertThat(client.pods().inNamespace(NS).withName("patient").get().getMetadata()
          .getDeletionTimestamp()).isNull();
      assertThat(client.pods().inNamespace(NS).withName("on-steady").get().getMetadata()
          .getDeletionTimestamp()).isNull();
      assertThat(reasons(client)).contains("NodeNotReady", "TaintManagerEviction");
      assertThat(ready(client, "steady").getStatus()).isEqualTo("True");
      assertThat(taints(client, "steady")).isEmpty();

      // heartbeats come back: the taints go
      nodes.resumeHeartbeats("flaky");
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(ready(client, "flaky").getStatus()).isEqualTo("True");
        assertThat(taints(client, "flaky")).isEmpty();
      });

      // pods bound to a node that does not exist are collected after the quarantine
      client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata()
          .withName("on-ghost").endMetadata().withNewSpec().withNodeName("ghost")
          .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
          .build()).create();
      await().atMost(WAIT).until(() ->
          client.pods().inNamespace(NS).withName("on-ghost").get() == null);
    }
  }

  private static void pod(KubernetesClient client, String name, String node,
      Long unreachableSeconds) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withLabels(WEB)
        .endMetadata().withNewSpec().withNodeName(node).withTerminationGracePeriodSeconds(1L)
        .addNewContainer().withName("main").withImage("nginx:1.27").addNewPort()
        .withName("http").withContainerPort(8080).endPort().endContainer().endSpec();
    if (unreachableSeconds != null) {
      pod.editSpec().withTolerations(new TolerationBuilder()
          .withKey("node.kubernetes.io/unreachable").withOperator("Exists")
          .withEffect("NoExecute").withTolerationSeconds(unreachableSeconds).build()).endSpec();
    }
    client.pods().inNamespace(NS).resource(pod.build()).create();
  }

  private static List<String> addresses(KubernetesClient client, boolean ready) {
    Endpoints endpoints = client.endpoints().inNamespace(NS).withName("web").get();
    if (endpoints == null || endpoints.getSubsets() == null) {
      return List.of();
    }
    return endpoints.getSubsets().stream().flatMap((EndpointSubset s) -> {
      var list = ready ? s.getAddresses() : s.getNotReadyAddresses();
      return list == null ? Stream.empty() : list.stream().map(a -> a.getIp());
    }).toList();
  }

  private static Map<String, Boolean> sliceReadiness(KubernetesClient client) {
    Map<String, Boolean> result = new java.util.HashMap<>();
    for (EndpointSlice slice : client.discovery().v1().endpointSlices().inNamespace(NS)
        .withLabel("kubernetes.io/service-name", "web").list().getItems()) {
      slice.getEndpoints().forEach(e -> result.put(e.getTargetRef().getName(),
          e.getConditions().getReady()));
    }
    return result;
  }

  private static String ip(KubernetesClient client, String pod) {
    return client.pods().inNamespace(NS).withName(pod).get().getStatus().getPodIP();
  }

  private static NodeCondition ready(KubernetesClient client, String node) {
    Node n = client.nodes().withName(node).get();
    return n.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
        .findFirst().orElseThrow();
  }

  private static List<String> taints(KubernetesClient client, String node) {
    Node n = client.nodes().withName(node).get();
    List<Taint> taints = n.getSpec() == null ? null : n.getSpec().getTaints();
    return taints == null ? List.of()
        : taints.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList();
  }

  private static List<String> reasons(KubernetesClient client) {
    return Stream.concat(client.v1().events().inNamespace(NS).list().getItems().stream(),
        client.v1().events().inNamespace("default").list().getItems().stream())
        .map(e -> e.getReason()).toList();
  }
}
