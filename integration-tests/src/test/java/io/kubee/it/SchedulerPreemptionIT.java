package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Priorities end to end: PriorityClasses (and the system ones) are served, the Priority
 * admission plugin resolves a pod's class to its priority, PodDisruptionBudgets are served, and
 * a high-priority pod that fits nowhere preempts: the lower-priority victim is marked
 * (DisruptionTarget), deleted and told, the node is nominated, and the pod lands there once the
 * victim is gone (the test plays the kubelet that finishes the graceful deletion).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchedulerPreemptionIT {
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
    await().atMost(Duration.ofSeconds(60)).until(() -> Http.send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(Cluster.managementBase() + "/health/ready")).GET())
        .body().contains("leading as"));
  }

  @AfterAll
  static void disconnect() {
    fabric8.close();
  }

  private static PriorityClass priorityClass(String name, int value) {
    PriorityClass existing = client.scheduling().v1().priorityClasses().withName(name).get();
    return existing != null ? existing : client.scheduling().v1().priorityClasses().resource(
        new PriorityClassBuilder().withNewMetadata().withName(name).endMetadata()
            .withValue(value).build()).create();
  }

  @Test
  void priorityClassesAndBudgetsAreServedAndResolvedOnPods() {
    await().atMost(Duration.ofSeconds(20)).until(() -> client.scheduling().v1().priorityClasses()
        .withName("system-node-critical").get() != null);
    assertThat(client.scheduling().v1().priorityClasses().withName("system-cluster-critical")
        .get().getValue()).isEqualTo(2_000_000_000);
    PriorityClass low = priorityClass("it-low", 100);
    assertThat(low.getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");

    try (NodeGroup g = new NodeGroup(client, "prio-admission")) {
      String ns = g.namespace("prio-admission");
      Pod pod = g.pod(ns, "classy", "100m", "64Mi", b -> b.editSpec()
          .withPriorityClassName("it-low").endSpec());
      assertThat(pod.getSpec().getPriority()).isEqualTo(100);
      assertThat(pod.getSpec().getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
      Pod plain = g.pod(ns, "plain", "100m", "64Mi");
      assertThat(plain.getSpec().getPriority()).isZero();
      KubernetesClientException missing = catchThrowableOfType(KubernetesClientException.class,
          () -> g.pod(ns, "lost", "100m", "64Mi", b -> b.editSpec()
              .withPriorityClassName("nope").endSpec()));
      assertThat(missing.getCode()).isEqualTo(403);
      assertThat(missing.getStatus().getMessage()).isEqualTo("pods \"lost\" is forbidden: no "
          + "PriorityClass with name nope was found");

      PodDisruptionBudget pdb = client.policy().v1().podDisruptionBudget().inNamespace(ns)
          .resource(new PodDisruptionBudgetBuilder().withNewMetadata().withName("web")
              .endMetadata().withNewSpec().withMinAvailable(new IntOrString(1))
              .withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec()
              .build()).create();
      assertThat(pdb.getMetadata().getGeneration()).isEqualTo(1L);
      assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems())
          .extracting(p -> p.getMetadata().getName()).containsExactly("web");
      client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("web").delete();
    }
  }

  @Test
  void aHighPriorityPodPreemptsALowerOne() {
    priorityClass("it-low", 100);
    priorityClass("it-high", 100_000);
    try (NodeGroup g = new NodeGroup(client, "preempt")) {
      String ns = g.namespace("prio-preempt");
      g.node("preempt-1", "2", "8Gi");
      for (String name : List.of("low-a", "low-b")) {
        g.pod(ns, name, "1", "1Gi", b -> b.editSpec().withPriorityClassName("it-low")
            .endSpec());
        assertThat(g.awaitBound(ns, name, Duration.ofSeconds(30))).isEqualTo("preempt-1");
      }
      g.pod(ns, "high", "1500m", "1Gi", b -> b.editSpec().withPriorityClassName("it-high")
          .endSpec());
      // both low pods must go (1.5 cpu needs more than the 1 cpu one of them frees)
      await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace(ns).list()
          .getItems().stream().filter(p -> p.getMetadata().getName().startsWith("low-"))
          .allMatch(p -> p.getMetadata().getDeletionTimestamp() != null));
      // the nomination is written after the evictions, as kube-scheduler's failure handler does
      await().atMost(Duration.ofSeconds(10)).until(() -> "preempt-1".equals(client.pods()
          .inNamespace(ns).withName("high").get().getStatus().getNominatedNodeName()));
      Pod high = client.pods().inNamespace(ns).withName("high").get();
      Pod victim = client.pods().inNamespace(ns).withName("low-a").get();
      assertThat(victim.getStatus().getConditions()).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("DisruptionTarget");
        assertThat(c.getReason()).isEqualTo("PreemptionByScheduler");
        assertThat(c.getMessage()).isEqualTo("default-scheduler: preempting to accommodate a "
            + "higher priority pod");
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(ns)
          .list().getItems().stream().anyMatch(e -> "Preempted".equals(e.getReason())));
      Event preempted = client.v1().events().inNamespace(ns).list().getItems().stream()
          .filter(e -> "Preempted".equals(e.getReason())).findFirst().orElseThrow();
      assertThat(preempted.getMessage()).isEqualTo("Preempted by pod "
          + high.getMetadata().getUid() + " on node preempt-1");
      assertThat(g.nodeOf(ns, "high")).as("the victims still hold the node").isNull();
      g.finishTerminating(ns);
      assertThat(g.awaitBound(ns, "high", Duration.ofSeconds(30))).isEqualTo("preempt-1");
    }
  }
}
