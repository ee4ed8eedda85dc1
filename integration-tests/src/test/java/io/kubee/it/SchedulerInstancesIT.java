package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubee.runtime.LeaderElection;
import io.kubee.scheduler.SchedulerOptions;
import io.kubee.scheduler.client.SchedulerClients;
import io.kubee.scheduler.client.SchedulerInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
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
 * Two scheduler instances never bind the same pod twice. Both run in this JVM (the plain-Java
 * scheduler with its own fabric8 client each, as a second control-plane instance would) for
 * their own profile "it-scheduler", so the EAR's default-scheduler leaves their pods alone.
 * Without leader election both race for every pod and the apiserver's binding decides (a pod is
 * bound once, the loser's binding is refused); with it, only the Lease holder binds, and the
 * other takes over when the leader goes away.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SchedulerInstancesIT {
  private static final String PROFILE = "it-scheduler";
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
  }

  @AfterAll
  static void disconnect() {
    fabric8.close();
  }

  /** Every nodeName each pod was seen with, by a watch. */
  private static final class Bindings implements Watcher<Pod> {
    final Map<String, List<String>> nodes = new ConcurrentHashMap<>();

    @Override
    public void eventReceived(Action action, Pod pod) {
      String node = pod.getSpec().getNodeName();
      if (node != null) {
        List<String> seen = nodes.computeIfAbsent(pod.getMetadata().getName(),
            n -> new CopyOnWriteArrayList<>());
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(node)) {
          seen.add(node);
        }
      }
    }

    @Override
    public void onClose(WatcherException cause) {}
  }

  private static SchedulerInstance instance(boolean leaderElect, String lease) {
    SchedulerOptions options = SchedulerOptions.defaults()
        .withProfiles(List.of(SchedulerOptions.Profile.defaults(PROFILE)))
        .withLeaderElection(leaderElect, lease, new LeaderElection.Timing(
            Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(1)));
    KubernetesClient own = SchedulerClients.connect(Cluster.apiBase().toString(), "it-scheduler");
    SchedulerInstance instance = new SchedulerInstance(own, options,
        "it-" + java.util.UUID.randomUUID(), Executors.defaultThreadFactory());
    instance.start();
    return instance;
  }

  private static void createPods(NodeGroup g, String ns, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      g.pod(ns, prefix + i, "10m", "16Mi", b -> b.editSpec().withSchedulerName(PROFILE)
          .endSpec());
    }
  }

  private static void awaitAllBound(String ns, int count) {
    await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(ns).list()
        .getItems().stream().filter(p -> p.getSpec().getNodeName() != null).count() == count);
  }

  @Test
  void withoutLeaderElectionBothRaceAndEachPodIsBoundOnce() throws Exception {
    try (NodeGroup g = new NodeGroup(client, "race")) {
      String ns = g.namespace("sched-race");
      for (int i = 0; i < 4; i++) {
        g.node("race-" + i, "16", "64Gi");
      }
      Bindings bindings = new Bindings();
      List<SchedulerInstance> instances = new ArrayList<>();
      try (Watch watch = client.pods().inNamespace(ns).watch(bindings)) {
        instances.add(instance(false, "unused"));
        instances.add(instance(false, "unused"));
        await().atMost(Duration.ofSeconds(30)).until(() -> instances.stream()
            .allMatch(SchedulerInstance::scheduling));
        createPods(g, ns, "p", 60);
        awaitAllBound(ns, 60);
        Thread.sleep(1000); // late bindings and watch events
        long bound = instances.stream().mapToLong(SchedulerInstance::scheduled).sum();
        assertThat(bound).as("bindings accepted by the apiserver").isEqualTo(60);
        assertThat(bindings.nodes).hasSize(60)
            .allSatisfy((pod, nodes) -> assertThat(nodes).as(pod).hasSize(1));
        assertThat(client.v1().events().inNamespace(ns).list().getItems().stream()
            .filter(e -> "Scheduled".equals(e.getReason())).count()).isEqualTo(60);
        System.out.println("race: scheduled " + instances.get(0).scheduled() + " + "
            + instances.get(1).scheduled() + ", refused bindings "
            + instances.get(0).bindFailures() + " + " + instances.get(1).bindFailures());
      } finally {
        instances.forEach(SchedulerInstance::close);
      }
    }
  }

  @Test
  void withLeaderElectionOnlyTheLeaderBindsAndTheOtherTakesOver() throws Exception {
    try (NodeGroup g = new NodeGroup(client, "elect")) {
      String ns = g.namespace("sched-elect");
      for (int i = 0; i < 2; i++) {
        g.node("elect-" + i, "16", "64Gi");
      }
      Bindings bindings = new Bindings();
      SchedulerInstance first = instance(true, "it-scheduler");
      SchedulerInstance second = null;
      try (Watch watch = client.pods().inNamespace(ns).watch(bindings)) {
        await().atMost(Duration.ofSeconds(30)).until(first::scheduling);
        second = instance(true, "it-scheduler");
        SchedulerInstance standby = second;
        await().atMost(Duration.ofSeconds(30)).until(standby::synced);
        createPods(g, ns, "a", 20);
        awaitAllBound(ns, 20);
        assertThat(first.scheduled()).isEqualTo(20);
        assertThat(standby.scheduling()).isFalse();
        assertThat(standby.scheduled()).isZero();

        first.close(); // releases the lease
        await().atMost(Duration.ofSeconds(20)).until(standby::scheduling);
        createPods(g, ns, "b", 20);
        awaitAllBound(ns, 40);
        assertThat(standby.scheduled()).isEqualTo(20);
        assertThat(client.leases().inNamespace("kube-system").withName("it-scheduler").get()
            .getSpec().getHolderIdentity()).isEqualTo(standby.identity());
        Thread.sleep(500);
        assertThat(bindings.nodes).hasSize(40)
            .allSatisfy((pod, nodes) -> assertThat(nodes).as(pod).hasSize(1));
      } finally {
        first.close();
        if (second != null) {
          second.close();
        }
      }
    }
  }
}
