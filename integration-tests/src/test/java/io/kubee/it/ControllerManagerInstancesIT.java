package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubee.controllers.ControllerDescriptor;
import io.kubee.controllers.ControllerManager;
import io.kubee.controllers.ControllerManagerOptions;
import io.kubee.runtime.ComponentHealth;
import io.kubee.runtime.KubeClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two controller managers never both act. The EAR's manager and a second one in this JVM (the
 * plain-Java manager with its own fabric8 client, as a second control-plane instance would run
 * it) campaign for the same Lease, kube-system/kube-controller-manager. The EAR's leads: its
 * controllers alone create replica sets and pods (every event names it as reportingInstance)
 * and {@code /health/ready} lists each controller running as leader, while the second stands
 * by. When the EAR is redeployed with its manager switched off, it stops its controllers and
 * releases the lease, and the second takes over. A sampler checks all along that the two are
 * never running at the same time.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ControllerManagerInstancesIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String LEASE = "kube-controller-manager";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @ArquillianResource
  ManagementClient management;

  @org.jboss.arquillian.container.test.api.Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @Test
  void onlyTheLeaseHolderActsAndTheStandbyTakesOverWhenTheLeaderLeaves() throws Exception {
    ServerProperties properties = null;
    ControllerManager standby = null;
    Sampler sampler = null;
    try (Fabric8 fabric8 = new Fabric8("default")) {
      KubernetesClient client = fabric8.client;
      // the EAR's manager leads (once a lease a previous deployment left has run out), and
      // its readiness lists every controller running under the identity that holds the lease
      String prefix = "ready: running as leader ";
      await().atMost(WAIT).untilAsserted(() -> {
        Map<String, String> controllers = controllersInReadiness();
        assertThat(controllers.keySet()).containsExactlyInAnyOrderElementsOf(
            ControllerDescriptor.ALL.stream().map(d -> "controller/" + d.name()).toList());
        assertThat(controllers.values()).allSatisfy(state -> assertThat(state)
            .isEqualTo(prefix + holder(client)));
      });
      String earLeader = holder(client);
      assertThat(earLeader).isNotBlank();

      String identity = "it-controller-manager_" + UUID.randomUUID();
      ComponentHealth standbyHealth = new ComponentHealth();
      standby = new ControllerManager(
          KubeClients.connect(Cluster.apiBase().toString(), "it-controller-manager"), identity,
          ControllerManagerOptions.of(Map.of("leader-elect-retry-period", "1s")),
          Executors.defaultThreadFactory(), Clock.systemUTC(), standbyHealth);
      standby.start();
      sampler = new Sampler(standby);
      sampler.start();

      // while the EAR leads, the standby does nothing
      namespace(client, "cm-first");
      client.apps().deployments().inNamespace("cm-first").resource(deployment("cm-first", "web"))
          .create();
      await().atMost(WAIT).until(() -> pods(client, "cm-first") == 2);
      assertThat(actors(client, "cm-first")).containsOnly(earLeader);
      assertThat(standby.isActive()).isFalse();
      assertThat(standbyHealth.states().get("controller/deployment").detail())
          .isEqualTo("standing by for the lease kube-system/" + LEASE);
      assertThat(holder(client)).isEqualTo(earLeader);

      // the EAR's manager switched off: it lets go of the lease and the standby takes over
      properties = new ServerProperties(management, Map.of("kubee.controllers.enabled",
          "false"));
      properties.applyAndRedeploy();
      ControllerManager second = standby;
      await().atMost(WAIT).until(second::isRunning);
      assertThat(holder(client)).isEqualTo(identity);
      assertThat(controllersInReadiness()).as("the EAR runs no controllers").isEmpty();

      namespace(client, "cm-second");
      client.apps().deployments().inNamespace("cm-second")
          .resource(deployment("cm-second", "web")).create();
      await().atMost(WAIT).until(() -> pods(client, "cm-second") == 2);
      client.apps().deployments().inNamespace("cm-first").withName("web").scale(3);
      await().atMost(WAIT).until(() -> pods(client, "cm-first") == 3);
      assertThat(actors(client, "cm-second")).containsOnly(identity);
      assertThat(actors(client, "cm-first")).containsOnly(earLeader, identity);

      sampler.stop();
      assertThat(sampler.violations).isEmpty();
      assertThat(sampler.earActive.get()).as("samples with the EAR's manager leading")
          .isPositive();
      assertThat(sampler.standbyActive.get()).as("samples with the second one leading")
          .isPositive();
      client.namespaces().withName("cm-first").delete();
      client.namespaces().withName("cm-second").delete();
    } finally {
      if (sampler != null) {
        sampler.stop();
      }
      if (standby != null) {
        standby.close();
      }
      if (properties != null) {
        properties.clear();
      }
    }
  }

  /**
   * Samples, every 100 ms, whether the second manager runs (before and after asking the EAR)
   * and whether the EAR's says it runs as leader; both at once is a violation.
   */
  private static final class Sampler {
    final List<String> violations = new CopyOnWriteArrayList<>();
    final AtomicInteger earActive = new AtomicInteger();
    final AtomicInteger standbyActive = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread thread;

    Sampler(ControllerManager standby) {
      thread = new Thread(() -> {
        while (!stopped.get()) {
          boolean before = standby.isActive();
          boolean ear = earRunsControllers();
          boolean after = standby.isActive();
          if (ear) {
            earActive.incrementAndGet();
          }
          if (before && after) {
            standbyActive.incrementAndGet();
          }
          if (before && ear && after) {
            violations.add("both managers were running at " + java.time.Instant.now());
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "controller-manager-sampler");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      stopped.set(true);
      thread.join(5_000);
    }
  }

  private static boolean earRunsControllers() {
    try {
      return controllersInReadiness().values().stream()
          .anyMatch(state -> state.startsWith("ready: running as leader"));
    } catch (Exception unreachable) {
      return false; // being redeployed
    }
  }

  /** The {@code controller/<name>} entries of the EAR's MicroProfile readiness check. */
  private static Map<String, String> controllersInReadiness() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create(Cluster.managementBase() + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    JsonNode health = JSON.readTree(response.body());
    Map<String, String> controllers = new java.util.TreeMap<>();
    for (JsonNode check : health.path("checks")) {
      if (check.path("name").asString().equals("control-plane-components")) {
        for (Map.Entry<String, JsonNode> data : check.path("data").properties()) {
          if (data.getKey().startsWith("controller/")) {
            controllers.put(data.getKey(), data.getValue().asString());
          }
        }
      }
    }
    return controllers;
  }

  private static String holder(KubernetesClient client) {
    Lease lease = client.leases().inNamespace("kube-system").withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** The reportingInstance of every controller event in the namespace. */
  private static List<String> actors(KubernetesClient client, String ns) {
    List<Event> events = client.v1().events().inNamespace(ns).list().getItems();
    assertThat(events).extracting(Event::getReason)
        .contains("ScalingReplicaSet", "SuccessfulCreate");
    return events.stream().map(Event::getReportingInstance).distinct().toList();
  }

  private static long pods(KubernetesClient client, String ns) {
    return client.pods().inNamespace(ns).list().getItems().size();
  }

  private static void namespace(KubernetesClient client, String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
  }

  /** Two replicas nobody schedules: the controllers' work is all there is to see. */
  private static Deployment deployment(String ns, String name) {
    Deployment d = DeploymentControllerIT.deployment(name, 2, "nginx:1.27");
    d.getMetadata().setNamespace(ns);
    d.getSpec().getTemplate().getSpec().setSchedulerName("nobody");
    return d;
  }
}
