package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubee.runtime.Pods;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment and replica set controllers running in the EAR, on hollow nodes: a deployment
 * creates its replica set and pods, scales, rolls out within maxSurge and maxUnavailable at
 * every step, and kubectl's rollout commands (status, undo, pause, resume, restart) work.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DeploymentControllerIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NS = "rollouts";

  @TempDir
  static Path home;
  static Kubectl kubectl;
  static Fabric8 fabric8;
  static KubernetesClient client;
  static HollowNodes nodes;

  @org.jboss.arquillian.container.test.api.Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @BeforeAll
  static void cluster() {
    kubectl = new Kubectl(home);
    fabric8 = new Fabric8(NS);
    client = fabric8.client;
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .endMetadata().build()).create();
    nodes = new HollowNodes(client, Duration.ofSeconds(2), Duration.ofMillis(300),
        "rollout-node-1", "rollout-node-2");
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
    if (fabric8 != null) {
      fabric8.close();
    }
  }

  @Test
  void aDeploymentOfThreeCreatesOneReplicaSetAndThreeReadyPods() {
    client.apps().deployments().inNamespace(NS).resource(deployment("web", 3, "nginx:1.27"))
        .create();
    await().atMost(WAIT).untilAsserted(() -> {
      Deployment d = client.apps().deployments().inNamespace(NS).withName("web").get();
      assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(3);
      assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(3);
      assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
    });
    List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace(NS)
        .withLabel("app", "web").list().getItems();
    assertThat(replicaSets).hasSize(1);
    assertThat(replicaSets.get(0).getMetadata().getOwnerReferences().get(0).getKind())
        .isEqualTo("Deployment");
    List<Pod> pods = client.pods().inNamespace(NS).withLabel("app", "web").list().getItems();
    assertThat(pods).hasSize(3).allMatch(Pods::isReady);
    assertThat(kubectl.ok("rollout", "status", "deployment/web", "-n", NS, "--timeout=30s"))
        .contains("deployment \"web\" successfully rolled out");
  }

  @Test
  void scalingUpAndDownCreatesAndDeletesPods() {
    client.apps().deployments().inNamespace(NS).resource(deployment("scaled", 2, "nginx:1.27"))
        .create();
    awaitRolledOut("scaled", 2);
    kubectl.ok("scale", "deployment/scaled", "--replicas=5", "-n", NS);
    awaitRolledOut("scaled", 5);
    assertThat(pods("scaled")).hasSize(5);
    kubectl.ok("scale", "deployment/scaled", "--replicas=1", "-n", NS);
    awaitRolledOut("scaled", 1);
    await().atMost(WAIT).until(() -> pods("scaled").size() == 1);
    assertThat(client.apps().replicaSets().inNamespace(NS).withLabel("app", "scaled").list()
        .getItems()).hasSize(1);
    List<String> reasons = client.v1().events().inNamespace(NS).list().getItems().stream()
        .map(e -> e.getReason()).toList();
    assertThat(reasons).contains("ScalingReplicaSet", "SuccessfulCreate", "SuccessfulDelete");
  }

  /**
   * A rolling update watched from the side: at every ReplicaSet change the replicas asked for
   * stay within replicas + maxSurge, and at every pod change the ready pods stay at least
   * replicas - maxUnavailable. Surge is a bound on what the deployment controller asks of its
   * replica sets (pods being deleted may briefly overlap new ones, as in Kubernetes).
   */
  @Test
  void aRollingUpdateRespectsMaxSurgeAndMaxUnavailableAtEveryStep() throws Exception {
    Deployment d = deployment("rolling", 4, "nginx:1.27");
    d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder()
        .withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString(1))
        .withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(1))
        .endRollingUpdate().build());
    client.apps().deployments().inNamespace(NS).resource(d).create();
    awaitRolledOut("rolling", 4);

    Map<String, ReplicaSet> sets = new ConcurrentHashMap<>();
    Map<String, Pod> pods = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    List<Integer> specSums = new CopyOnWriteArrayList<>();
    List<Integer> readyCounts = new CopyOnWriteArrayList<>();
    var rsList = client.apps().replicaSets().inNamespace(NS).withLabel("app", "rolling").list();
    rsList.getItems().forEach(rs -> sets.put(rs.getMetadata().getName(), rs));
    var podList = client.pods().inNamespace(NS).withLabel("app", "rolling").list();
    podList.getItems().forEach(p -> pods.put(p.getMetadata().getName(), p));
    try (Watch rsWatch = client.apps().replicaSets().inNamespace(NS).withLabel("app", "rolling")
        .watch(from(rsList.getMetadata().getResourceVersion()), watcher(sets, () -> {
          int sum = sets.values().stream().mapToInt(rs -> rs.getSpec().getReplicas()).sum();
          specSums.add(sum);
          if (sum > 5) {
            violations.add("replica sets ask for " + sum + " pods");
          }
        }));
        Watch podWatch = client.pods().inNamespace(NS).withLabel("app", "rolling")
            .watch(from(podList.getMetadata().getResourceVersion()), watcher(pods, () -> {
              long ready = pods.values().stream().filter(p ->
                  p.getMetadata().getDeletionTimestamp() == null && Pods.isReady(p)).count();
              readyCounts.add((int) ready);
              if (ready < 3) {
                violations.add("only " + ready + " ready pods");
              }
            }))) {
      kubectl.ok("set", "image", "deployment/rolling", "main=nginx:1.28", "-n", NS);
      assertThat(kubectl.ok("rollout", "status", "deployment/rolling", "-n", NS,
          "--timeout=60s")).contains("deployment \"rolling\" successfully rolled out");
    }
    assertThat(violations).isEmpty();
    assertThat(specSums).as("the surge was used").contains(5);
    List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace(NS)
        .withLabel("app", "rolling").list().getItems();
    assertThat(replicaSets).hasSize(2);
    assertThat(replicaSets).filteredOn(rs -> rs.getSpec().getReplicas() == 4).singleElement()
        .satisfies(rs -> assertThat(rs.getSpec().getTemplate().getSpec().getContainers().get(0)
            .getImage()).isEqualTo("nginx:1.28"));
  }

  @Test
  void kubectlRolloutUndoPauseResumeAndRestartWork() {
    client.apps().deployments().inNamespace(NS).resource(deployment("shop", 2, "nginx:1.27"))
        .create();
    awaitRolledOut("shop", 2);
    kubectl.ok("set", "image", "deployment/shop", "main=nginx:1.28", "-n", NS);
    kubectl.ok("rollout", "status", "deployment/shop", "-n", NS, "--timeout=60s");
    assertThat(image("shop")).isEqualTo("nginx:1.28");
    assertThat(kubectl.ok("rollout", "history", "deployment/shop", "-n", NS))
        .contains("1 ").contains("2 ");

    assertThat(kubectl.ok("rollout", "undo", "deployment/shop", "-n", NS))
        .contains("deployment.apps/shop rolled back");
    kubectl.ok("rollout", "status", "deployment/shop", "-n", NS, "--timeout=60s");
    assertThat(image("shop")).isEqualTo("nginx:1.27");
    assertThat(client.apps().deployments().inNamespace(NS).withName("shop").get().getMetadata()
        .getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
    assertThat(client.apps().replicaSets().inNamespace(NS).withLabel("app", "shop").list()
        .getItems()).as("the first replica set is revived, no third is made: deployment %s "
            + "replica sets %s",
            io.fabric8.kubernetes.client.utils.Serialization.asJson(client.apps().deployments()
                .inNamespace(NS).withName("shop").get().getSpec().getTemplate()),
            client.apps().replicaSets().inNamespace(NS).withLabel("app", "shop").list()
                .getItems().stream().map(rs -> io.fabric8.kubernetes.client.utils.Serialization
                    .asJson(rs.getSpec().getTemplate())).toList())
        .hasSize(2);

    kubectl.ok("rollout", "pause", "deployment/shop", "-n", NS);
    kubectl.ok("set", "image", "deployment/shop", "main=nginx:1.29", "-n", NS);
    await().atMost(WAIT).untilAsserted(() -> assertThat(condition("shop", "Progressing")
        .getReason()).isEqualTo("DeploymentPaused"));
    assertThat(client.apps().replicaSets().inNamespace(NS).withLabel("app", "shop").list()
        .getItems()).as("no rollout while paused").hasSize(2);
    kubectl.ok("rollout", "resume", "deployment/shop", "-n", NS);
    kubectl.ok("rollout", "status", "deployment/shop", "-n", NS, "--timeout=60s");
    assertThat(pods("shop")).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0)
        .getImage()).isEqualTo("nginx:1.29"));

    kubectl.ok("rollout", "restart", "deployment/shop", "-n", NS);
    kubectl.ok("rollout", "status", "deployment/shop", "-n", NS, "--timeout=60s");
    await().atMost(WAIT).untilAsserted(() -> assertThat(pods("shop")).hasSize(2)
        .allSatisfy(p -> assertThat(p.getMetadata().getAnnotations())
            .containsKey("kubectl.kubernetes.io/restartedAt")));
  }

  @Test
  void replicationControllersKeepTheirReplicas() {
    kubectl.runWithInput("""
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: legacy}
        spec:
          replicas: 2
          selector: {app: legacy}
          template:
            metadata: {labels: {app: legacy}}
            spec:
              schedulerName: %s
              containers: [{name: main, image: nginx:1.27}]
        """.formatted(HollowNodes.SCHEDULER), "apply", "-n", NS, "-f", "-");
    await().atMost(WAIT).untilAsserted(() -> assertThat(client.replicationControllers()
        .inNamespace(NS).withName("legacy").get().getStatus().getReadyReplicas()).isEqualTo(2));
    kubectl.ok("scale", "rc/legacy", "--replicas=3", "-n", NS);
    await().atMost(WAIT).until(() -> pods("legacy").size() == 3);
    assertThat(kubectl.ok("get", "rc", "legacy", "-n", NS)).contains("legacy   3         3");
  }

  @Test
  void anAutoscalerWithoutMetricsSaysScalingIsNotActive() {
    client.apps().deployments().inNamespace(NS).resource(deployment("scaled-cpu", 1,
        "nginx:1.27")).create();
    // kubectl autoscale writes autoscaling/v1, which is not served: apply the v2 object
    kubectl.runWithInput("""
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: scaled-cpu}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: scaled-cpu}
          minReplicas: 1
          maxReplicas: 4
          metrics:
          - type: Resource
            resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
        """, "apply", "-n", NS, "-f", "-");
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
          .withName("scaled-cpu").get();
      var active = hpa.getStatus().getConditions().stream()
          .filter(c -> c.getType().equals("ScalingActive")).findFirst().orElseThrow();
      assertThat(active.getStatus()).isEqualTo("False");
      assertThat(active.getReason()).isEqualTo("FailedGetResourceMetric");
    });
    assertThat(kubectl.ok("get", "hpa", "scaled-cpu", "-n", NS))
        .contains("Deployment/scaled-cpu").contains("cpu: <unknown>/50%");
    assertThat(client.apps().deployments().inNamespace(NS).withName("scaled-cpu").get()
        .getSpec().getReplicas()).isEqualTo(1);
  }

  private static void awaitRolledOut(String name, int replicas) {
    await().atMost(WAIT).untilAsserted(() -> {
      Deployment d = client.apps().deployments().inNamespace(NS).withName(name).get();
      assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
      assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(replicas);
      assertThat(d.getStatus().getReplicas()).isEqualTo(replicas);
      assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(replicas);
    });
  }

  private static List<Pod> pods(String app) {
    return client.pods().inNamespace(NS).withLabel("app", app).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  private static String image(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get().getSpec()
        .getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static io.fabric8.kubernetes.api.model.apps.DeploymentCondition condition(String name,
      String type) {
    return client.apps().deployments().inNamespace(NS).withName(name).get().getStatus()
        .getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
        .orElseThrow();
  }

  private static io.fabric8.kubernetes.api.model.ListOptions from(String resourceVersion) {
    return new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
        .withResourceVersion(resourceVersion).build();
  }

  /** A watcher keeping the latest version of each object and checking after every event. */
  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Watcher<T> watcher(
      Map<String, T> latest, Runnable check) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T object) {
        if (action == Action.DELETED) {
          latest.remove(object.getMetadata().getName());
        } else {
          latest.put(object.getMetadata().getName(), object);
        }
        check.run();
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  static Deployment deployment(String name, int replicas, String image) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
        .withNewSpec().withSchedulerName(HollowNodes.SCHEDULER).addNewContainer()
        .withName("main").withImage(image).endContainer().endSpec().endTemplate()
        .endSpec().build();
  }
}
