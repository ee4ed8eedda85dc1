package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.kubee.testsupport.ContainerRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node: containerd and an image registry started for the test, the node agent as its
 * own process, pods bound to its node by name. What issue 5 asks the tests to prove — pods run
 * and talk over the pod network, logs and exec and port-forward through the apiserver, crash
 * loops, probes, volumes, graceful deletion, node status and Lease, adoption after a restart of
 * the node agent.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NodeAgentIT {
  static final String NS = "node-it";
  static ContainerRuntime runtime;
  static NodeAgentProcess agent;
  static Fabric8 fabric8;
  static KubernetesClient client;

  @TempDir
  static Path home;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @BeforeAll
  static void startNode() {
    runtime = ContainerRuntime.start(Path.of(System.getProperty("kubee.it.images.script")));
    agent = new NodeAgentProcess(runtime, "it-node-" + UUID.randomUUID().toString()
        .substring(0, 6));
    fabric8 = new Fabric8(NS);
    client = fabric8.client;
    if (client.namespaces().withName(NS).get() == null) {
      client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
          .withNewMetadata().withName(NS).endMetadata().build()).create();
    }
    agent.start();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> ready(client.nodes().withName(agent.name()).get()));
  }

  @AfterAll
  static void stopNode() throws Exception {
    try {
      if (client != null) {
        client.pods().inNamespace(NS).withGracePeriod(0).delete();
        client.nodes().withName(agent.name()).delete();
      }
    } finally {
      if (agent != null) {
        agent.close();
        agent.removePods();
      }
      if (runtime != null) {
        runtime.close();
      }
      if (fabric8 != null) {
        fabric8.close();
      }
    }
  }

  static boolean ready(Node node) {
    return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /** A busybox pod bound to the test node. */
  static PodBuilder pod(String name, String... command) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withNodeName(agent.name()).withTerminationGracePeriodSeconds(2L)
        .addNewContainer().withName("main").withImage(runtime.busybox())
        .withCommand(command).endContainer().endSpec();
  }

  static Pod create(Pod pod) {
    return client.pods().inNamespace(NS).resource(pod).create();
  }

  static Pod get(String name) {
    return client.pods().inNamespace(NS).withName(name).get();
  }

  static Pod awaitPhase(String name, String phase) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(name) != null && phase.equals(get(name).getStatus().getPhase()));
    return get(name);
  }

  static ContainerStatus main(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> c.getName().equals("main")).findFirst().orElseThrow();
  }

  static String condition(Pod pod, String type) {
    return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
        .map(PodCondition::getStatus).findFirst().orElse("");
  }

  @Test
  @Order(1)
  void the_node_reports_capacity_conditions_and_renews_its_lease() {
    Node node = client.nodes().withName(agent.name()).get();
    assertThat(node.getStatus().getCapacity()).containsKeys("cpu", "memory", "pods",
        "ephemeral-storage");
    assertThat(node.getStatus().getAllocatable().get("pods").getAmount()).isEqualTo("110");
    assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion())
        .startsWith("containerd://");
    assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.32.0");
    assertThat(node.getStatus().getNodeInfo().getBootID()).isNotEmpty();
    assertThat(node.getStatus().getAddresses()).anySatisfy(a -> {
      assertThat(a.getType()).isEqualTo("InternalIP");
      assertThat(a.getAddress()).isEqualTo("127.0.0.1");
    });
    assertThat(node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort())
        .isEqualTo(agent.port());
    assertThat(node.getStatus().getConditions()).extracting(NodeCondition::getType)
        .contains("Ready", "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable");
    assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname",
        agent.name());

    // the Lease comes with the first heartbeat, which may follow the Ready status
    Lease lease = await().atMost(Duration.ofSeconds(10)).until(() -> client.leases()
        .inNamespace("kube-node-lease").withName(agent.name()).get(), Objects::nonNull);
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(agent.name());
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(8);
    assertThat(lease.getMetadata().getOwnerReferences()).anySatisfy(o ->
        assertThat(o.getKind()).isEqualTo("Node"));
    var renewed = lease.getSpec().getRenewTime();
    await().atMost(Duration.ofSeconds(10)).until(() -> !client.leases()
        .inNamespace("kube-node-lease").withName(agent.name()).get().getSpec().getRenewTime()
        .equals(renewed));
  }

  @Test
  @Order(2)
  void a_web_pod_runs_serves_another_pod_and_is_reachable_through_logs_exec_and_port_forward()
      throws Exception {
    create(pod("web", "sh", "-c", "mkdir -p /www && echo hello-from-web > /www/index.html "
        + "&& echo serving && exec httpd -f -p 8080 -h /www").editSpec().editFirstContainer()
        .addNewPort().withContainerPort(8080).endPort()
        .withNewReadinessProbe().withNewHttpGet().withPath("/").withNewPort(8080).endHttpGet()
        .withPeriodSeconds(1).endReadinessProbe().endContainer().endSpec().build());
    Pod web = awaitPhase("web", "Running");
    String ip = web.getStatus().getPodIP();
    assertThat(ip).isNotEmpty();
    assertThat(web.getStatus().getHostIP()).isEqualTo("127.0.0.1");
    assertThat(main(web).getContainerID()).startsWith("containerd://");
    assertThat(main(web).getImageID()).contains("@sha256:");
    await().atMost(Duration.ofSeconds(20)).until(() -> condition(get("web"), "Ready")
        .equals("True"));

    // another pod reaches it over the pod network
    create(pod("client", "wget", "-q", "-O-", "http://" + ip + ":8080/").editSpec()
        .withRestartPolicy("Never").endSpec().build());
    awaitPhase("client", "Succeeded");
    assertThat(client.pods().inNamespace(NS).withName("client").getLog())
        .isEqualTo("hello-from-web\n");

    // logs through the apiserver, with kubectl too
    assertThat(client.pods().inNamespace(NS).withName("web").getLog()).isEqualTo("serving\n");
    Kubectl kubectl = new Kubectl(home);
    assertThat(kubectl.ok("logs", "-n", NS, "web", "--timestamps"))
        .matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z serving\\n");

    // exec: output and exit code, fabric8 (v4) and kubectl (v5, with stdin ended)
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ExecWatch exec = client.pods().inNamespace(NS).withName("web").writingOutput(out)
        .writingError(err).exec("sh", "-c", "echo out; echo err >&2; exit 3")) {
      assertThat(exec.exitCode().get(20, TimeUnit.SECONDS)).isEqualTo(3);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err\n");
    Kubectl.Result result = kubectl.runWithInput("piped input\n", "exec", "-i", "-n", NS, "web",
        "--", "sh", "-c", "cat; exit 4");
    assertThat(result.out()).isEqualTo("piped input\n");
    assertThat(result.exitCode()).isEqualTo(4);
    // a large output arrives whole, and the exit code after it
    Kubectl.Result large = kubectl.run("exec", "-n", NS, "web", "--", "sh", "-c",
        "head -c 3000000 /dev/zero | tr '\\0' a; exit 5");
    assertThat(large.out()).hasSize(3_000_000).matches("a+");
    assertThat(large.exitCode()).isEqualTo(5);

    // port-forward over WebSocket (fabric8) and SPDY (kubectl)
    try (LocalPortForward forward = client.pods().inNamespace(NS).withName("web")
        .portForward(8080)) {
      assertThat(httpGet("http://127.0.0.1:" + forward.getLocalPort() + "/"))
          .isEqualTo("hello-from-web\n");
    }
    int local = io.kubee.testsupport.FreePorts.next();
    try (Kubectl.Background pf = kubectl.start("port-forward", "-n", NS, "pod/web",
        local + ":8080")) {
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> httpGet("http://127.0.0.1:" + local + "/").equals("hello-from-web\n"));
      assertThat(pf.out()).contains("Forwarding from 127.0.0.1:" + local + " -> 8080");
    }
  }

  @Test
  @Order(3)
  void a_crashing_container_restarts_with_back_off() {
    create(pod("crash", "sh", "-c", "echo crashing; exit 1").build());
    // restart 1 at once, restart 2 after the first 10 s back-off
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      Pod p = get("crash");
      return p.getStatus().getContainerStatuses() != null && main(p).getRestartCount() >= 2;
    });
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
      ContainerStatus c = main(get("crash"));
      return c.getState().getWaiting() != null
          && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason());
    });
    ContainerStatus crashed = main(get("crash"));
    assertThat(crashed.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(client.pods().inNamespace(NS).withName("crash").terminated().getLog())
        .isEqualTo("crashing\n");
  }

  @Test
  @Order(4)
  void a_failing_liveness_probe_restarts_and_readiness_flips_ready() throws Exception {
    create(pod("probed", "sh", "-c", "touch /tmp/alive; sleep 3600").editSpec()
        .editFirstContainer()
        .withNewLivenessProbe().withNewExec().withCommand("test", "-f", "/tmp/alive").endExec()
        .withPeriodSeconds(1).withFailureThreshold(2).endLivenessProbe()
        .withNewReadinessProbe().withNewExec().withCommand("test", "-f", "/tmp/ready").endExec()
        .withPeriodSeconds(1).endReadinessProbe()
        .endContainer().endSpec().build());
    awaitPhase("probed", "Running");
    assertThat(condition(get("probed"), "Ready")).isEqualTo("False");
    exec("probed", "touch", "/tmp/ready");
    await().atMost(Duration.ofSeconds(15)).until(() -> condition(get("probed"), "Ready")
        .equals("True"));
    exec("probed", "rm", "/tmp/ready");
    await().atMost(Duration.ofSeconds(15)).until(() -> condition(get("probed"), "Ready")
        .equals("False"));
    exec("probed", "rm", "/tmp/alive");
    await().atMost(Duration.ofSeconds(30)).until(() -> main(get("probed")).getRestartCount() >= 1);
  }

  private static void exec(String pod, String... command) throws Exception {
    try (ExecWatch exec = client.pods().inNamespace(NS).withName(pod)
        .writingOutput(new ByteArrayOutputStream()).exec(command)) {
      assertThat(exec.exitCode().get(20, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  @Order(5)
  void volumes_env_and_init_containers_give_the_container_its_data() {
    client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model
        .ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata()
        .addToData("greeting", "hello").build()).create();
    client.secrets().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model
        .SecretBuilder().withNewMetadata().withName("sec").endMetadata()
        .addToStringData("password", "s3cret").build()).create();
    create(pod("volumes", "sh", "-c", "cat /cfg/greeting; echo; cat /sec/password; echo; "
        + "echo $GREETING $PASSWORD $MY_NAME $MY_IP; cat /work/init; cat /info/labels; echo; "
        + "grep ' /scratch ' /proc/mounts | cut -d' ' -f3; sleep 3600").editSpec()
        .addNewInitContainer().withName("init").withImage(runtime.busybox())
        .withCommand("sh", "-c", "echo initialized > /work/init")
        .addNewVolumeMount().withName("work").withMountPath("/work").endVolumeMount()
        .endInitContainer()
        .addNewVolume().withName("cfg").withNewConfigMap().withName("cfg").endConfigMap()
        .endVolume()
        .addNewVolume().withName("sec").withNewSecret().withSecretName("sec").endSecret()
        .endVolume()
        .addNewVolume().withName("work").withNewEmptyDir().endEmptyDir().endVolume()
        .addNewVolume().withName("scratch").withNewEmptyDir().withMedium("Memory").endEmptyDir()
        .endVolume()
        .addNewVolume().withName("info").withNewDownwardAPI().addNewItem().withPath("labels")
        .withNewFieldRef().withFieldPath("metadata.labels").endFieldRef().endItem()
        .endDownwardAPI().endVolume()
        .editFirstContainer()
        .addNewVolumeMount().withName("cfg").withMountPath("/cfg").endVolumeMount()
        .addNewVolumeMount().withName("sec").withMountPath("/sec").endVolumeMount()
        .addNewVolumeMount().withName("work").withMountPath("/work").endVolumeMount()
        .addNewVolumeMount().withName("scratch").withMountPath("/scratch").endVolumeMount()
        .addNewVolumeMount().withName("info").withMountPath("/info").endVolumeMount()
        .addNewEnv().withName("GREETING").withNewValueFrom()
        .withNewConfigMapKeyRef("greeting", "cfg", false).endValueFrom().endEnv()
        .addNewEnv().withName("PASSWORD").withNewValueFrom()
        .withNewSecretKeyRef("password", "sec", false).endValueFrom().endEnv()
        .addNewEnv().withName("MY_NAME").withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("MY_IP").withNewValueFrom().withNewFieldRef()
        .withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv()
        .endContainer().endSpec()
        .editMetadata().addToLabels("tier", "volumes").endMetadata().build());
    Pod running = awaitPhase("volumes", "Running");
    String ip = running.getStatus().getPodIP();
    assertThat(running.getStatus().getInitContainerStatuses()).singleElement().satisfies(c -> {
      assertThat(c.getState().getTerminated().getExitCode()).isZero();
      assertThat(c.getState().getTerminated().getReason()).isEqualTo("Completed");
    });
    assertThat(condition(running, "Initialized")).isEqualTo("True");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.pods()
        .inNamespace(NS).withName("volumes").getLog()).isEqualTo("hello\ns3cret\n"
            + "hello s3cret volumes " + ip + "\ninitialized\ntier=\"volumes\"\ntmpfs\n"));

    // a changed configMap reaches the mounted file (object cache TTL plus the pod resync)
    client.configMaps().inNamespace(NS).withName("cfg").edit(c -> {
      c.getData().put("greeting", "changed");
      return c;
    });
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(execOut("volumes", "cat", "/cfg/greeting"))
            .isEqualTo("changed"));
  }

  private static String execOut(String pod, String... command) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ExecWatch exec = client.pods().inNamespace(NS).withName(pod).writingOutput(out)
        .exec(command)) {
      assertThat(exec.exitCode().get(20, TimeUnit.SECONDS)).isZero();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Order(6)
  void a_deleted_pod_stops_within_its_grace_period_and_its_sandbox_goes() {
    Pod web = get("web");
    Path sandboxes = runtime.dir().resolve("root/io.containerd.grpc.v1.cri/sandboxes");
    long before = count(sandboxes);
    Instant start = Instant.now();
    client.pods().inNamespace(NS).withName("web").delete();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .until(() -> get("web") == null);
    // grace period 2 s: httpd ends on SIGTERM at once; the bound is the grace period and the
    // writes around it
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> count(sandboxes) == before - 1);
    assertThat(agent.rootDir().resolve("pods").resolve(web.getMetadata().getUid()))
        .doesNotExist();
  }

  private static long count(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    } catch (IOException e) {
      return 0;
    }
  }

  @Test
  @Order(7)
  void a_pod_ignoring_sigterm_runs_its_pre_stop_hook_and_is_killed_after_its_grace_period()
      throws Exception {
    Path host = Files.createDirectories(runtime.dir().resolve("host-" + UUID.randomUUID()));
    create(pod("stubborn", "sh", "-c", "trap 'echo term >> /host/signals' TERM; "
        + "echo started > /host/started; while true; do sleep 1; done").editSpec()
        .withTerminationGracePeriodSeconds(4L)
        .addNewVolume().withName("host").withNewHostPath().withPath(host.toString())
        .withType("Directory").endHostPath().endVolume()
        .editFirstContainer()
        .addNewVolumeMount().withName("host").withMountPath("/host").endVolumeMount()
        .withNewLifecycle().withNewPreStop().withNewExec()
        .withCommand("sh", "-c", "echo prestop >> /host/signals").endExec().endPreStop()
        .endLifecycle().endContainer().endSpec().build());
    awaitPhase("stubborn", "Running");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(host.resolve("started")));
    Instant start = Instant.now();
    client.pods().inNamespace(NS).withName("stubborn").delete();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> get("stubborn") == null);
    // the preStop hook, then SIGTERM (trapped, ignored), then SIGKILL when the 4 s are up
    assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(
        Duration.ofSeconds(4)).isLessThan(Duration.ofSeconds(15));
    assertThat(Files.readString(host.resolve("signals"))).startsWith("prestop\nterm\n");
  }

  @Test
  @Order(8)
  void image_pull_policies_decide_whether_the_image_is_pulled() {
    String absent = runtime.registry() + "/absent:1";
    create(pod("never", "true").editSpec().editFirstContainer().withImage(absent)
        .withImagePullPolicy("Never").endContainer().endSpec().build());
    create(pod("missing", "true").editSpec().editFirstContainer().withImage(absent)
        .withImagePullPolicy("IfNotPresent").endContainer().endSpec().build());
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> {
          var waiting = main(get("never")).getState().getWaiting();
          assertThat(waiting.getReason()).isEqualTo("ErrImageNeverPull");
          assertThat(waiting.getMessage()).isEqualTo("Container image \"" + absent
              + "\" is not present with pull policy of Never");
        });
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(main(get("missing")).getState().getWaiting().getReason())
            .isIn("ErrImagePull", "ImagePullBackOff"));
    assertThat(get("missing").getStatus().getPhase()).isEqualTo("Pending");
  }

  @Test
  @Order(9)
  void security_context_resources_and_tcp_and_startup_probes_apply() {
    create(pod("limited", "sh", "-c", "id -u; touch /not-allowed 2>/dev/null && echo writable "
        + "|| echo read-only; cat /sys/fs/cgroup/memory/memory.limit_in_bytes "
        + "/sys/fs/cgroup/cpu/cpu.cfs_quota_us; exec httpd -f -p 9000 -h /tmp").editSpec()
        .editFirstContainer()
        .withNewSecurityContext().withRunAsUser(65534L).withReadOnlyRootFilesystem(true)
        .endSecurityContext()
        .withNewResources()
        .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi"))
        .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("500m"))
        .endResources()
        .withNewStartupProbe().withNewExec().withCommand("true").endExec().withPeriodSeconds(1)
        .endStartupProbe()
        .withNewReadinessProbe().withNewTcpSocket().withNewPort(9000).endTcpSocket()
        .withPeriodSeconds(1).endReadinessProbe()
        .endContainer().endSpec().build());
    Pod running = awaitPhase("limited", "Running");
    assertThat(running.getStatus().getQosClass()).isEqualTo("Guaranteed");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Pod p = get("limited");
      assertThat(main(p).getStarted()).isTrue();
      assertThat(condition(p, "Ready")).isEqualTo("True");
    });
    assertThat(client.pods().inNamespace(NS).withName("limited").getLog())
        .isEqualTo("65534\nread-only\n67108864\n50000\n");
  }

  @Test
  @Order(10)
  void a_restarted_node_agent_adopts_the_running_pods() throws Exception {
    create(pod("steady", "sleep", "3600").build());
    create(pod("doomed", "sleep", "3600").build());
    Pod steady = awaitPhase("steady", "Running");
    String doomedUid = awaitPhase("doomed", "Running").getMetadata().getUid();
    String containerId = main(steady).getContainerID();
    Path sandboxes = runtime.dir().resolve("root/io.containerd.grpc.v1.cri/sandboxes");
    long before = count(sandboxes);
    agent.kill();
    // the pods keep running without their node agent; one leaves the API meanwhile
    client.pods().inNamespace(NS).withName("doomed").withGracePeriod(0).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> get("doomed") == null);
    Thread.sleep(1000);
    assertThat(count(sandboxes)).isEqualTo(before);
    agent.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> agent.log()
        .contains("already registered: adopted it"));
    // a change the new agent must act on: it syncs the adopted pods and this new one
    create(pod("after", "sleep", "3600").build());
    awaitPhase("after", "Running");
    Pod adopted = get("steady");
    assertThat(adopted.getStatus().getPhase()).isEqualTo("Running");
    assertThat(main(adopted).getContainerID()).isEqualTo(containerId);
    assertThat(main(adopted).getRestartCount()).isZero();
    assertThat(agent.log()).doesNotContain("removing orphaned pod=" + NS + "/steady");
    // the pod deleted while the agent was down is an orphan in the runtime: it goes
    await().atMost(Duration.ofSeconds(30)).until(() -> agent.log()
        .contains("removing orphaned pod=" + NS + "/doomed uid=" + doomedUid));
    // its sandbox goes ("after" added one) and so does its directory
    await().atMost(Duration.ofSeconds(30)).until(() -> count(sandboxes) == before);
    await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(
        agent.rootDir().resolve("pods").resolve(doomedUid)));
  }

  /**
   * Issue 5's "done when": a Deployment of 3 applied with kubectl rolls out on the real node
   * (scheduler, ReplicaSet controller, node agent), and an image change rolls out again, both as
   * {@code kubectl rollout status} reports them.
   */
  @Test
  @Order(11)
  void a_deployment_rolls_out_on_the_node_and_an_image_change_rolls_out_again()
      throws Exception {
    // a second tag of the same image, so that the change needs a pull of a new reference
    Process retag = new ProcessBuilder("skopeo", "copy", "--quiet", "--src-tls-verify=false",
        "--dest-tls-verify=false", "docker://" + runtime.busybox(),
        "docker://" + runtime.registry() + "/busybox:2").redirectErrorStream(true).start();
    String retagOutput = new String(retag.getInputStream().readAllBytes());
    assertThat(retag.waitFor()).as(retagOutput).isZero();

    Kubectl kubectl = new Kubectl(home);
    String manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rollout
          namespace: %s
        spec:
          replicas: 3
          selector:
            matchLabels: {app: rollout}
          template:
            metadata:
              labels: {app: rollout}
            spec:
              nodeSelector: {kubernetes.io/hostname: %s}
              tolerations: [{key: kubee.io/node-agent-it, operator: Exists}]
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: %s
                command: [sleep, "3600"]
        """.formatted(NS, agent.name(), runtime.busybox());
    Kubectl.Result applied = kubectl.runWithInput(manifest, "apply", "-f", "-");
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    Kubectl.Result rolledOut = kubectl.run("rollout", "status", "-n", NS, "deployment/rollout",
        "--timeout=150s");
    assertThat(rolledOut.exitCode()).as(rolledOut.err()).isZero();
    assertThat(rolledOut.out()).contains("deployment \"rollout\" successfully rolled out");
    assertThat(runningImages()).containsExactly(runtime.busybox(), runtime.busybox(),
        runtime.busybox());

    String changed = runtime.registry() + "/busybox:2";
    Kubectl.Result set = kubectl.run("set", "image", "-n", NS, "deployment/rollout",
        "main=" + changed);
    assertThat(set.exitCode()).as(set.err()).isZero();
    Kubectl.Result rolledOutAgain = kubectl.run("rollout", "status", "-n", NS,
        "deployment/rollout", "--timeout=150s");
    assertThat(rolledOutAgain.exitCode()).as(rolledOutAgain.err()).isZero();
    assertThat(rolledOutAgain.out()).contains("successfully rolled out");
    await().atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(runningImages()).containsExactly(changed, changed,
            changed));
    assertThat(client.apps().replicaSets().inNamespace(NS).withLabel("app", "rollout").list()
        .getItems()).hasSize(2);
    client.apps().deployments().inNamespace(NS).withName("rollout").delete();
  }

  /** The images of the Deployment's Running pods that are not being deleted. */
  private static List<String> runningImages() {
    return client.pods().inNamespace(NS).withLabel("app", "rollout").list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> "Running".equals(p.getStatus().getPhase()))
        .map(p -> p.getSpec().getContainers().get(0).getImage())
        .toList();
  }

  private static String httpGet(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
