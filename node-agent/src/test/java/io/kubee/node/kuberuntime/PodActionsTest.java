package io.kubee.node.kuberuntime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubee.node.cri.v1.ContainerState;
import io.kubee.node.cri.v1.LinuxPodSandboxStatus;
import io.kubee.node.cri.v1.Namespace;
import io.kubee.node.cri.v1.NamespaceOption;
import io.kubee.node.cri.v1.PodSandboxMetadata;
import io.kubee.node.cri.v1.PodSandboxNetworkStatus;
import io.kubee.node.cri.v1.PodSandboxState;
import io.kubee.node.cri.v1.PodSandboxStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** kubelet's computePodActions, case by case. */
class PodActionsTest {
  static final Container MAIN = new ContainerBuilder().withName("main").withImage("i").build();
  static final Container INIT = new ContainerBuilder().withName("init").withImage("i").build();

  record Case(String name, String policy, boolean withInit, List<PodSandboxStatus> sandboxes,
      List<RuntimeContainer> containers, Set<String> unhealthy, boolean killPod,
      boolean createSandbox, String nextInit, List<String> start, List<String> kill,
      boolean initFailed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static PodSandboxStatus sandbox(int attempt, boolean ready, String ip) {
    return PodSandboxStatus.newBuilder().setId("s" + attempt)
        .setMetadata(PodSandboxMetadata.newBuilder().setAttempt(attempt))
        .setState(ready ? PodSandboxState.SANDBOX_READY : PodSandboxState.SANDBOX_NOTREADY)
        .setCreatedAt(attempt + 1)
        .setNetwork(PodSandboxNetworkStatus.newBuilder().setIp(ip))
        .setLinux(LinuxPodSandboxStatus.newBuilder().setNamespaces(Namespace.newBuilder()
            .setOptions(NamespaceOption.newBuilder())))
        .build();
  }

  static RuntimeContainer container(String id, Container spec, boolean init, ContainerState state,
      int exitCode, int age) {
    Instant created = Instant.ofEpochSecond(1000 - age);
    return new RuntimeContainer(id, "s0", spec.getName(), init, state, created, created,
        state == ContainerState.CONTAINER_EXITED ? created.plusSeconds(1) : null, exitCode,
        "i", "", "", "", Labels.hash(spec), 0, "", Map.of());
  }

  static final List<PodSandboxStatus> READY = List.of(sandbox(0, true, "10.0.0.1"));
  static final ContainerState RUNNING = ContainerState.CONTAINER_RUNNING;
  static final ContainerState EXITED = ContainerState.CONTAINER_EXITED;

  static Stream<Case> cases() {
    Container changed = new ContainerBuilder(MAIN).withImage("other").build();
    return Stream.of(
        new Case("a new pod gets a sandbox and its containers", "Always", false, List.of(),
            List.of(), Set.of(), true, true, null, List.of("main"), List.of(), false),
        new Case("a new pod with init containers starts the first init container", "Always",
            true, List.of(), List.of(), Set.of(), true, true, "init", List.of(), List.of(), false),
        new Case("a running pod needs nothing", "Always", false, READY,
            List.of(container("c1", MAIN, false, RUNNING, 0, 1)), Set.of(), false, false, null,
            List.of(), List.of(), false),
        new Case("a dead sandbox is replaced with the next attempt", "Always", false,
            List.of(sandbox(0, false, "10.0.0.1")),
            List.of(container("c1", MAIN, false, EXITED, 137, 1)), Set.of(), true, true, null,
            List.of("main"), List.of(), false),
        new Case("a sandbox without an IP is replaced", "Always", false,
            List.of(sandbox(0, true, "")), List.of(), Set.of(), true, true, null,
            List.of("main"), List.of(), false),
        new Case("always restarts a container that succeeded", "Always", false, READY,
            List.of(container("c1", MAIN, false, EXITED, 0, 1)), Set.of(), false, false, null,
            List.of("main"), List.of(), false),
        new Case("on failure restarts a failure", "OnFailure", false, READY,
            List.of(container("c1", MAIN, false, EXITED, 1, 1)), Set.of(), false, false, null,
            List.of("main"), List.of(), false),
        new Case("on failure leaves a success and stops the pod", "OnFailure", false, READY,
            List.of(container("c1", MAIN, false, EXITED, 0, 1)), Set.of(), true, false, null,
            List.of(), List.of(), false),
        new Case("never leaves a failure and stops the pod", "Never", false, READY,
            List.of(container("c1", MAIN, false, EXITED, 1, 1)), Set.of(), true, false, null,
            List.of(), List.of(), false),
        new Case("a failed liveness probe kills and restarts", "Always", false, READY,
            List.of(container("c1", MAIN, false, RUNNING, 0, 1)), Set.of("c1"), false, false,
            null, List.of("main"), List.of("c1"), false),
        new Case("a failed liveness probe with restart policy never stops the pod", "Never",
            false, READY, List.of(container("c1", MAIN, false, RUNNING, 0, 1)), Set.of("c1"),
            true, false, null, List.of(), List.of("c1"), false),
        new Case("a changed spec restarts the container", "Always", false, READY,
            List.of(container("c1", changed, false, RUNNING, 0, 1)), Set.of(), false, false, null,
            List.of("main"), List.of("c1"), false),
        new Case("a running init container is waited for", "Always", true, READY,
            List.of(container("i1", INIT, true, RUNNING, 0, 1)), Set.of(), false, false, null,
            List.of(), List.of(), false),
        new Case("after the init containers succeed the others start", "Always", true, READY,
            List.of(container("i1", INIT, true, EXITED, 0, 1)), Set.of(), false, false, null,
            List.of("main"), List.of(), false),
        new Case("a failed init container is retried", "Always", true, READY,
            List.of(container("i1", INIT, true, EXITED, 1, 1)), Set.of(), false, false, "init",
            List.of(), List.of(), false),
        new Case("a failed init container fails a pod that never restarts", "Never", true, READY,
            List.of(container("i1", INIT, true, EXITED, 1, 1)), Set.of(), true, false, null,
            List.of(), List.of(), true),
        new Case("a pod that ran once with restart policy never gets no new sandbox", "Never",
            false, List.of(sandbox(0, false, "10.0.0.1")),
            List.of(container("c1", MAIN, false, EXITED, 0, 1)), Set.of(), true, false, null,
            List.of(), List.of(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computes(Case c) {
    List<Container> inits = c.withInit() ? List.of(INIT) : new ArrayList<>();
    Pod pod = new PodBuilder().withNewMetadata().withName("p").withUid("u").endMetadata()
        .withNewSpec().withRestartPolicy(c.policy()).withInitContainers(inits)
        .withContainers(MAIN).endSpec().build();
    ContainerHealth health = new ContainerHealth() {
      @Override
      public boolean livenessFailed(String id) {
        return c.unhealthy().contains(id);
      }

      @Override
      public boolean startupFailed(String id) {
        return false;
      }
    };
    PodActions actions = PodActions.compute(pod,
        new RuntimePodStatus("u", c.sandboxes(), c.containers()), health);
    assertThat(actions.killPod()).as("killPod").isEqualTo(c.killPod());
    assertThat(actions.createSandbox()).as("createSandbox").isEqualTo(c.createSandbox());
    assertThat(actions.nextInit() == null ? null : actions.nextInit().getName()).as("nextInit")
        .isEqualTo(c.nextInit());
    assertThat(actions.containersToStart()).extracting(Container::getName).as("start")
        .isEqualTo(c.start());
    assertThat(actions.containersToKill()).extracting(k -> k.container().id()).as("kill")
        .isEqualTo(c.kill());
    assertThat(actions.initFailed()).as("initFailed").isEqualTo(c.initFailed());
  }
}
