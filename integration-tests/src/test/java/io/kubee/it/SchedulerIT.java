package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubee.it.Http.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scheduler deployed in the EAR against its own apiserver: pods land only on nodes that fit,
 * the pods of one ReplicaSet spread, taints and (anti-)affinity hold, an unschedulable pod is
 * told why (event and condition) and placed as soon as a fitting node appears, and the
 * scheduler reports ready as the holder of its Lease. Each test uses its own node group.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchedulerIT {
  private static final Duration BIND = Duration.ofSeconds(30);
  private static Fabric8 fabric8;
  private static KubernetesClient client;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @BeforeAll
  static void connect() {
    fabric8 = new Fabric8("default");
    client = fabric8.client;
    // the scheduler starts after the deployment, once /readyz answers
    await().atMost(Duration.ofSeconds(60)).until(() -> Http.send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(Cluster.managementBase() + "/health/ready")).GET())
        .body().contains("leading as"));
  }

  @AfterAll
  static void disconnect() {
    fabric8.close();
  }

  private List<Event> events(String namespace, String pod, String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .toList();
  }

  private PodCondition scheduled(String namespace, String pod) {
    return client.pods().inNamespace(namespace).withName(pod).get().getStatus().getConditions()
        .stream().filter(c -> c.getType().equals("PodScheduled")).findFirst().orElse(null);
  }

  @Test
  void podsLandOnlyOnNodesThatFitAndAreToldSo() {
    try (NodeGroup g = new NodeGroup(client, "fit")) {
      String ns = g.namespace("sched-fit");
      g.node("fit-big", "4", "16Gi");
      g.node("fit-small", "1", "16Gi");
      g.node("fit-tainted", "16", "64Gi", Map.of(), new TaintBuilder().withKey("dedicated")
          .withValue("gpu").withEffect("NoSchedule").build());
      for (int i = 0; i < 5; i++) {
        g.pod(ns, "p" + i, "1", "1Gi");
      }
      Map<String, Integer> perNode = new HashMap<>();
      for (int i = 0; i < 5; i++) {
        perNode.merge(g.awaitBound(ns, "p" + i, BIND), 1, Integer::sum);
      }
      assertThat(perNode).containsEntry("fit-big", 4).containsEntry("fit-small", 1)
          .doesNotContainKey("fit-tainted");
      PodCondition condition = scheduled(ns, "p0");
      assertThat(condition.getStatus()).isEqualTo("True");
      await().atMost(Duration.ofSeconds(10)).until(() -> !events(ns, "p0", "Scheduled")
          .isEmpty());
      Event event = events(ns, "p0", "Scheduled").get(0);
      assertThat(event.getType()).isEqualTo("Normal");
      assertThat(event.getMessage()).isEqualTo("Successfully assigned sched-fit/p0 to "
          + g.nodeOf(ns, "p0"));
      assertThat(event.getSource().getComponent()).isEqualTo("default-scheduler");
    }
  }

  @Test
  void anUnschedulablePodIsToldWhyAndScheduledWhenAFittingNodeAppears() {
    try (NodeGroup g = new NodeGroup(client, "late")) {
      String ns = g.namespace("sched-late");
      g.node("late-small", "1", "4Gi");
      g.node("late-gpu", "8", "16Gi", Map.of(), new TaintBuilder().withKey("dedicated")
          .withValue("gpu").withEffect("NoSchedule").build());
      g.pod(ns, "big", "4", "1Gi");
      await().atMost(BIND).until(() -> !events(ns, "big", "FailedScheduling").isEmpty());
      int nodes = client.nodes().list().getItems().size();
      Event failed = events(ns, "big", "FailedScheduling").get(0);
      assertThat(failed.getType()).isEqualTo("Warning");
      assertThat(failed.getMessage()).startsWith("0/" + nodes + " nodes are available: ")
          .contains("1 Insufficient cpu", "1 node(s) had untolerated taint {dedicated: gpu}",
              ". preemption: 0/" + nodes + " nodes are available: ",
              "1 No preemption victims found for incoming pod")
          .endsWith("..");
      if (nodes == 2) {
        assertThat(failed.getMessage()).isEqualTo("0/2 nodes are available: 1 Insufficient cpu,"
            + " 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are "
            + "available: 1 No preemption victims found for incoming pod, 1 Preemption is not "
            + "helpful for scheduling..");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> scheduled(ns, "big") != null);
      PodCondition condition = scheduled(ns, "big");
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getReason()).isEqualTo("Unschedulable");
      assertThat(condition.getMessage()).isEqualTo(failed.getMessage());

      g.node("late-big", "8", "16Gi");
      assertThat(g.awaitBound(ns, "big", Duration.ofSeconds(15))).isEqualTo("late-big");
      assertThat(scheduled(ns, "big").getStatus()).isEqualTo("True");
    }
  }

  @Test
  void replicasOfOneReplicaSetSpreadAcrossNodes() {
    try (NodeGroup g = new NodeGroup(client, "spread")) {
      String ns = g.namespace("sched-spread");
      for (int i = 0; i < 3; i++) {
        g.node("spread-" + i, "8", "32Gi");
      }
      ReplicaSet rs = client.apps().replicaSets().inNamespace(ns).resource(
          new ReplicaSetBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
              .withReplicas(6).withNewSelector().addToMatchLabels("app", "web").endSelector()
              .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
              .withNewSpec().addToNodeSelector(NodeGroup.GROUP_LABEL, "spread")
              .addToTolerations(g.toleration()).addNewContainer()
              .withName("app").withImage("registry.local/app:1").withNewResources()
              .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
              .endResources().endContainer().endSpec().endTemplate().endSpec().build()).create();
      // the ReplicaSet controller creates the pods where it runs; else the test plays its part
      try {
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().inNamespace(ns)
            .withLabel("app", "web").list().getItems().size() >= 6);
      } catch (org.awaitility.core.ConditionTimeoutException noController) {
        for (int i = 0; i < 6; i++) {
          g.pod(ns, "web-" + i, "100m", "128Mi", b -> b.editMetadata().addToLabels("app", "web")
              .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1")
                  .withKind("ReplicaSet").withName("web").withUid(rs.getMetadata().getUid())
                  .withController(true).build()).endMetadata());
        }
      }
      await().atMost(BIND).until(() -> client.pods().inNamespace(ns).withLabel("app", "web")
          .list().getItems().stream().filter(p -> p.getSpec().getNodeName() != null).count() == 6);
      Map<String, Long> perNode = client.pods().inNamespace(ns).withLabel("app", "web").list()
          .getItems().stream().collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(),
              Collectors.counting()));
      assertThat(perNode).containsOnlyKeys("spread-0", "spread-1", "spread-2")
          .allSatisfy((node, count) -> assertThat(count).isEqualTo(2L));
    }
  }

  @Test
  void taintsAndTolerationsAreRespected() {
    try (NodeGroup g = new NodeGroup(client, "taints")) {
      String ns = g.namespace("sched-taints");
      g.node("taints-gpu", "8", "16Gi", Map.of("gpu", "yes"), new TaintBuilder()
          .withKey("dedicated").withValue("gpu").withEffect("NoSchedule").build());
      g.node("taints-plain", "8", "16Gi");
      for (int i = 0; i < 3; i++) {
        g.pod(ns, "plain-" + i, "100m", "64Mi");
      }
      g.pod(ns, "trainer", "100m", "64Mi", b -> b.editSpec().addToNodeSelector("gpu", "yes")
          .addToTolerations(new TolerationBuilder().withKey("dedicated").withOperator("Equal")
              .withValue("gpu").withEffect("NoSchedule").build()).endSpec());
      g.pod(ns, "intruder", "100m", "64Mi", b -> b.editSpec().addToNodeSelector("gpu", "yes")
          .endSpec());
      for (int i = 0; i < 3; i++) {
        assertThat(g.awaitBound(ns, "plain-" + i, BIND)).isEqualTo("taints-plain");
      }
      assertThat(g.awaitBound(ns, "trainer", BIND)).isEqualTo("taints-gpu");
      await().atMost(BIND).until(() -> !events(ns, "intruder", "FailedScheduling").isEmpty());
      assertThat(g.nodeOf(ns, "intruder")).isNull();
      assertThat(events(ns, "intruder", "FailedScheduling").get(0).getMessage())
          .contains("1 node(s) had untolerated taint {dedicated: gpu}");
    }
  }

  @Test
  void affinityAndAntiAffinityAreRespected() {
    try (NodeGroup g = new NodeGroup(client, "affinity")) {
      String ns = g.namespace("sched-affinity");
      g.node("affinity-a1", "8", "16Gi", Map.of("topology.kubernetes.io/zone", "a"));
      g.node("affinity-a2", "8", "16Gi", Map.of("topology.kubernetes.io/zone", "a"));
      g.node("affinity-b1", "8", "16Gi", Map.of("topology.kubernetes.io/zone", "b"));
      g.pod(ns, "cache", "100m", "64Mi", b -> b.editMetadata().addToLabels("app", "cache")
          .endMetadata().editSpec().addToNodeSelector("topology.kubernetes.io/zone", "b")
          .endSpec());
      assertThat(g.awaitBound(ns, "cache", BIND)).isEqualTo("affinity-b1");
      g.pod(ns, "web", "100m", "64Mi", b -> b.editSpec().withAffinity(new AffinityBuilder()
          .withNewPodAffinity().addToRequiredDuringSchedulingIgnoredDuringExecution(
              new PodAffinityTermBuilder().withNewLabelSelector().addToMatchLabels("app", "cache")
                  .endLabelSelector().withTopologyKey("topology.kubernetes.io/zone").build())
          .endPodAffinity().build()).endSpec());
      assertThat(g.awaitBound(ns, "web", BIND)).isEqualTo("affinity-b1");
      for (int i = 0; i < 4; i++) {
        g.pod(ns, "solo-" + i, "100m", "64Mi", b -> b.editMetadata().addToLabels("app", "solo")
            .endMetadata().editSpec().withAffinity(new AffinityBuilder().withNewPodAntiAffinity()
                .addToRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
                    .withNewLabelSelector().addToMatchLabels("app", "solo").endLabelSelector()
                    .withTopologyKey("kubernetes.io/hostname").build())
                .endPodAntiAffinity().build()).endSpec());
      }
      await().atMost(BIND).until(() -> client.pods().inNamespace(ns).withLabel("app", "solo")
          .list().getItems().stream().filter(p -> p.getSpec().getNodeName() != null).count() == 3);
      List<Pod> solos = client.pods().inNamespace(ns).withLabel("app", "solo").list().getItems();
      assertThat(solos.stream().map(p -> p.getSpec().getNodeName()).filter(n -> n != null)
          .distinct()).hasSize(3);
      Pod left = solos.stream().filter(p -> p.getSpec().getNodeName() == null).findFirst()
          .orElseThrow();
      await().atMost(BIND).until(() -> !events(ns, left.getMetadata().getName(),
          "FailedScheduling").isEmpty());
      assertThat(events(ns, left.getMetadata().getName(), "FailedScheduling").get(0)
          .getMessage()).contains("3 node(s) didn't match pod anti-affinity rules");
    }
  }

  @Test
  void theSchedulerIsReadyAndHoldsItsLease() {
    Reply ready = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        Cluster.managementBase() + "/health/ready")).GET());
    assertThat(ready.code()).isEqualTo(200);
    assertThat(ready.body()).contains("\"scheduler\"", "ready: leading as ");
    Lease lease = client.leases().inNamespace("kube-system").withName("kube-scheduler").get();
    assertThat(lease).isNotNull();
    assertThat(ready.body()).contains(lease.getSpec().getHolderIdentity());
  }
}
