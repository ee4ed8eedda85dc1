package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * The garbage collector and the namespace and service account controllers in the EAR: deleting
 * a deployment cascades to its replica set and pods in the background, in the foreground
 * (dependents first, blocked by foregroundDeletion) or not at all (orphan); deleting a namespace
 * empties it and removes it; every namespace gets its default service account.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GarbageCollectionIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NS = "collected";

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
    nodes = new HollowNodes(client, Duration.ofSeconds(2), Duration.ofMillis(200),
        "gc-node-1", "gc-node-2");
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
  void backgroundDeletionRemovesTheOwnerAtOnceAndItsDependentsAfter() {
    running("bg", NS);
    assertThat(kubectl.ok("delete", "deployment", "bg", "-n", NS, "--cascade=background"))
        .contains("deployment.apps \"bg\" deleted");
    assertThat(client.apps().deployments().inNamespace(NS).withName("bg").get()).isNull();
    await().atMost(WAIT).until(() -> replicaSets("bg", NS).isEmpty() && pods("bg", NS).isEmpty());
  }

  @Test
  void foregroundDeletionRemovesTheDependentsBeforeTheOwner() {
    running("fg", NS);
    client.apps().deployments().inNamespace(NS).withName("fg")
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
    Deployment marked = client.apps().deployments().inNamespace(NS).withName("fg").get();
    assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(marked.getMetadata().getFinalizers()).contains("foregroundDeletion");
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
      boolean ownerGone = client.apps().deployments().inNamespace(NS).withName("fg").get()
          == null;
      if (ownerGone) {
        // the owner goes last: nothing it owned may be left at that moment
        assertThat(replicaSets("fg", NS)).isEmpty();
        assertThat(pods("fg", NS)).isEmpty();
      }
      return ownerGone;
    });
  }

  @Test
  void orphanDeletionLeavesTheDependentsWithoutTheirOwner() {
    running("or", NS);
    kubectl.ok("delete", "deployment", "or", "-n", NS, "--cascade=orphan");
    await().atMost(WAIT).until(() ->
        client.apps().deployments().inNamespace(NS).withName("or").get() == null);
    List<ReplicaSet> sets = replicaSets("or", NS);
    assertThat(sets).singleElement().satisfies(rs -> {
      assertThat(rs.getMetadata().getOwnerReferences()).isEmpty();
      assertThat(rs.getSpec().getReplicas()).isEqualTo(2);
    });
    assertThat(pods("or", NS)).hasSize(2).allSatisfy(pod -> assertThat(pod.getMetadata()
        .getOwnerReferences().get(0).getName()).isEqualTo(sets.get(0).getMetadata().getName()));
  }

  @Test
  void aNamespaceGetsADefaultServiceAccountAndDeletingItEmptiesAndRemovesIt() {
    String ns = "doomed";
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
        .endMetadata().build()).create();
    await().atMost(WAIT).until(() ->
        client.serviceAccounts().inNamespace(ns).withName("default").get() != null);
    running("app", ns);
    kubectl.ok("create", "configmap", "settings", "--from-literal=a=b", "-n", ns);
    kubectl.ok("create", "service", "clusterip", "app", "--tcp=80:8080", "-n", ns);

    assertThat(kubectl.ok("delete", "namespace", ns, "--timeout=60s"))
        .contains("namespace \"" + ns + "\" deleted");
    assertThat(client.namespaces().withName(ns).get()).isNull();
    assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(client.serviceAccounts().inNamespace(ns).list().getItems()).isEmpty();
  }

  @Test
  void aDanglingOwnerReferenceIsCollected() {
    client.pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata().withName("stray").addNewOwnerReference().withApiVersion("apps/v1")
        .withKind("ReplicaSet").withName("never-was")
        .withUid("00000000-0000-4000-8000-000000000001").endOwnerReference().endMetadata()
        .withNewSpec().withSchedulerName("nobody").addNewContainer().withName("c")
        .withImage("busybox").endContainer().endSpec().build()).create();
    await().atMost(WAIT).until(() ->
        client.pods().inNamespace(NS).withName("stray").get() == null);
  }

  private static void running(String name, String ns) {
    Deployment d = DeploymentControllerIT.deployment(name, 2, "nginx:1.27");
    d.getMetadata().setNamespace(ns);
    d.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(1L);
    client.apps().deployments().inNamespace(ns).resource(d).create();
    await().atMost(WAIT).untilAsserted(() -> assertThat(client.apps().deployments()
        .inNamespace(ns).withName(name).get().getStatus().getAvailableReplicas()).isEqualTo(2));
  }

  private static List<ReplicaSet> replicaSets(String app, String ns) {
    return client.apps().replicaSets().inNamespace(ns).withLabel("app", app).list().getItems();
  }

  private static List<Pod> pods(String app, String ns) {
    return client.pods().inNamespace(ns).withLabel("app", app).list().getItems();
  }
}
