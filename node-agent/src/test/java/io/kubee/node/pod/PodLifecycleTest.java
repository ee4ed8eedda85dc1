package io.kubee.node.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubee.node.util.Times;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod's life on a node, end to end through the kubelet's own machinery over the simulated
 * runtime: start and status, crash loops with back-off, restart policies, init containers,
 * probes, volumes, env errors, image pull errors, graceful deletion, orphans.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PodLifecycleTest {
  @TempDir
  Path root;

  SimulatedNode node;

  @BeforeEach
  void start() {
    node = new SimulatedNode(root);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private ContainerStatus main(Pod pod) {
    PodStatus status = node.status(pod);
    return status == null || status.getContainerStatuses() == null ? null
        : status.getContainerStatuses().stream().filter(c -> c.getName().equals("main"))
            .findFirst().orElse(null);
  }

  private static String condition(PodStatus status, String type) {
    return status.getConditions().stream().filter(c -> c.getType().equals(type))
        .map(PodCondition::getStatus).findFirst().orElse("");
  }

  private String runningContainer(Pod pod) {
    List<String> ids = node.runtime.runningContainers(pod.getMetadata().getUid(), "main");
    return ids.isEmpty() ? null : ids.get(0);
  }

  @Test
  void a_pod_runs_and_reports_running_ready_with_an_ip() {
    Pod pod = SimulatedNode.pod("web").build();
    node.workers.update(pod);
    await().atMost(Duration.ofSeconds(10)).until(() -> node.status(pod) != null
        && "Running".equals(node.status(pod).getPhase()));
    PodStatus status = node.status(pod);
    assertThat(status.getPodIP()).startsWith("10.244.");
    assertThat(status.getHostIP()).isEqualTo("192.0.2.10");
    assertThat(status.getStartTime()).isNotNull();
    assertThat(status.getQosClass()).isEqualTo("BestEffort");
    assertThat(condition(status, "Ready")).isEqualTo("True");
    assertThat(condition(status, "ContainersReady")).isEqualTo("True");
    assertThat(condition(status, "Initialized")).isEqualTo("True");
    assertThat(condition(status, "PodScheduled")).isEqualTo("True");
    assertThat(condition(status, "PodReadyToStartContainers")).isEqualTo("True");
    ContainerStatus c = main(pod);
    assertThat(c.getReady()).isTrue();
    assertThat(c.getStarted()).isTrue();
    assertThat(c.getContainerID()).startsWith("simulated://");
    assertThat(c.getState().getRunning().getStartedAt()).isNotNull();
    assertThat(c.getRestartCount()).isZero();
  }

  @Test
  void a_crashing_container_restarts_with_back_off_and_counts_restarts() {
    Pod pod = SimulatedNode.pod("crash").build();
    node.workers.update(pod);
    await().until(() -> runningContainer(pod) != null);
    node.runtime.exit(runningContainer(pod), 2);
    // the first failure restarts at once (the back-off starts there)
    await().until(() -> main(pod) != null && main(pod).getRestartCount() == 1
        && main(pod).getState().getRunning() != null);
    node.runtime.exit(runningContainer(pod), 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> main(pod).getState().getWaiting() != null
        && "CrashLoopBackOff".equals(main(pod).getState().getWaiting().getReason()));
    ContainerStatus waiting = main(pod);
    assertThat(waiting.getLastState().getTerminated().getExitCode()).isEqualTo(2);
    assertThat(waiting.getLastState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(waiting.getState().getWaiting().getMessage()).contains("back-off")
        .contains("restarting failed container=main");
    assertThat(node.status(pod).getPhase()).isEqualTo("Running");
    // after the back-off it runs again, one restart more
    await().atMost(Duration.ofSeconds(5)).until(() -> main(pod).getRestartCount() == 2
        && main(pod).getState().getRunning() != null);
  }

  @Test
  void restart_policy_never_ends_succeeded_or_failed() {
    Pod ok = SimulatedNode.pod("ok").editSpec().withRestartPolicy("Never").endSpec().build();
    Pod bad = SimulatedNode.pod("bad").editSpec().withRestartPolicy("Never").endSpec().build();
    node.workers.update(ok);
    node.workers.update(bad);
    await().until(() -> runningContainer(ok) != null && runningContainer(bad) != null);
    node.runtime.exit(runningContainer(ok), 0);
    node.runtime.exit(runningContainer(bad), 1);
    await().until(() -> "Succeeded".equals(node.status(ok).getPhase())
        && "Failed".equals(node.status(bad).getPhase()));
    assertThat(main(ok).getState().getTerminated().getReason()).isEqualTo("Completed");
    assertThat(main(bad).getState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(condition(node.status(ok), "Ready")).isEqualTo("False");
  }

  @Test
  void on_failure_restarts_failures_but_not_successes() {
    Pod pod = SimulatedNode.pod("job").editSpec().withRestartPolicy("OnFailure").endSpec()
        .build();
    node.workers.update(pod);
    await().until(() -> runningContainer(pod) != null);
    node.runtime.exit(runningContainer(pod), 3);
    await().until(() -> main(pod) != null && main(pod).getRestartCount() == 1
        && runningContainer(pod) != null);
    node.runtime.exit(runningContainer(pod), 0);
    await().until(() -> "Succeeded".equals(node.status(pod).getPhase()));
  }

  @Test
  void init_containers_run_in_order_before_the_others() {
    Pod pod = SimulatedNode.pod("init").editSpec()
        .addNewInitContainer().withName("first").withImage("localhost:5000/busybox:1")
        .withCommand("true").endInitContainer()
        .addNewInitContainer().withName("second").withImage("localhost:5000/busybox:1")
        .withCommand("true").endInitContainer()
        .endSpec().build();
    node.workers.update(pod);
    String uid = pod.getMetadata().getUid();
    await().until(() -> !node.runtime.runningContainers(uid, "first").isEmpty());
    assertThat(node.status(pod).getPhase()).isEqualTo("Pending");
    assertThat(condition(node.status(pod), "Initialized")).isEqualTo("False");
    assertThat(node.runtime.runningContainers(uid, "second")).isEmpty();
    assertThat(runningContainer(pod)).isNull();
    node.runtime.exit(node.runtime.runningContainers(uid, "first").get(0), 0);
    await().until(() -> !node.runtime.runningContainers(uid, "second").isEmpty());
    assertThat(runningContainer(pod)).isNull();
    node.runtime.exit(node.runtime.runningContainers(uid, "second").get(0), 0);
    await().until(() -> runningContainer(pod) != null
        && "Running".equals(node.status(pod).getPhase()));
    assertThat(condition(node.status(pod), "Initialized")).isEqualTo("True");
    assertThat(node.status(pod).getInitContainerStatuses()).allSatisfy(s ->
        assertThat(s.getState().getTerminated().getReason()).isEqualTo("Completed"));
  }

  @Test
  void a_failed_init_container_fails_a_never_restarting_pod() {
    Pod pod = SimulatedNode.pod("badinit").editSpec().withRestartPolicy("Never")
        .addNewInitContainer().withName("setup").withImage("localhost:5000/busybox:1")
        .withCommand("false").endInitContainer().endSpec().build();
    node.workers.update(pod);
    String uid = pod.getMetadata().getUid();
    await().until(() -> !node.runtime.runningContainers(uid, "setup").isEmpty());
    node.runtime.exit(node.runtime.runningContainers(uid, "setup").get(0), 1);
    await().until(() -> "Failed".equals(node.status(pod).getPhase()));
    assertThat(runningContainer(pod)).isNull();
  }

  @Test
  void a_failing_liveness_probe_restarts_the_container() {
    Pod pod = SimulatedNode.pod("live").editSpec().editFirstContainer()
        .withNewLivenessProbe().withNewExec().withCommand("check").endExec()
        .withPeriodSeconds(1).withFailureThreshold(1).endLivenessProbe()
        .endContainer().endSpec().build();
    node.workers.update(pod);
    await().until(() -> runningContainer(pod) != null);
    String first = runningContainer(pod);
    node.runtime.execResult(1, "unhealthy");
    await().atMost(Duration.ofSeconds(10)).until(() -> runningContainer(pod) != null
        && !runningContainer(pod).equals(first));
    node.runtime.execResult(0, "");
    await().until(() -> main(pod).getRestartCount() >= 1);
  }

  @Test
  void readiness_flips_the_ready_condition() {
    node.runtime.execResult(1, "not yet");
    Pod pod = SimulatedNode.pod("ready").editSpec().editFirstContainer()
        .withNewReadinessProbe().withNewExec().withCommand("check").endExec()
        .withPeriodSeconds(1).endReadinessProbe().endContainer().endSpec().build();
    node.workers.update(pod);
    await().until(() -> node.status(pod) != null && "Running".equals(node.status(pod).getPhase()));
    assertThat(condition(node.status(pod), "Ready")).isEqualTo("False");
    assertThat(main(pod).getReady()).isFalse();
    node.runtime.execResult(0, "");
    await().atMost(Duration.ofSeconds(5))
        .until(() -> condition(node.status(pod), "Ready").equals("True"));
    node.runtime.execResult(1, "gone");
    await().atMost(Duration.ofSeconds(8))
        .until(() -> condition(node.status(pod), "Ready").equals("False"));
  }

  @Test
  void a_deleted_pod_is_stopped_removed_and_its_deletion_finished() {
    Pod pod = SimulatedNode.pod("gone").build();
    node.workers.update(pod);
    await().until(() -> runningContainer(pod) != null);
    Pod deleting = new PodBuilder(node.withStatus(pod)).editMetadata()
        .withDeletionTimestamp(Times.format(Instant.now().plusSeconds(1)))
        .withDeletionGracePeriodSeconds(1L).endMetadata().build();
    node.workers.update(deleting);
    await().until(() -> node.api.deleted.contains(pod.getMetadata().getUid()));
    assertThat(runningContainer(pod)).isNull();
    assertThat(node.runtime.sandboxCount()).isZero();
    assertThat(node.status(pod).getPhase()).isIn("Failed", "Succeeded");
    assertThat(main(pod).getState().getTerminated()).isNotNull();
    assertThat(node.dirs.podDir(pod.getMetadata().getUid())).doesNotExist();
    node.workers.remove(deleting);
    await().until(() -> !node.workers.known(pod.getMetadata().getUid()));
  }

  @Test
  void orphans_in_the_runtime_are_removed() {
    Pod pod = SimulatedNode.pod("orphan").build();
    node.workers.update(pod);
    await().until(() -> runningContainer(pod) != null);
    // the kubelet forgets the pod (as after a restart while the pod was deleted)
    node.workers.remove(pod);
    await().until(() -> node.runtime.sandboxCount() == 0);
    Pod other = SimulatedNode.pod("orphan2").build();
    node.workers.update(other);
    await().until(() -> runningContainer(other) != null);
    PodWorkers fresh = new PodWorkers(new PodWorkers.SyncHandler() {
      @Override
      public PodWorkers.SyncOutcome syncPod(Pod p) {
        return new PodWorkers.SyncOutcome(false, null);
      }

      @Override
      public void syncTerminatingPod(Pod p, boolean removed) {}

      @Override
      public void syncTerminatedPod(Pod p, boolean deleting, boolean removed) {}
    }, java.util.concurrent.Executors.newSingleThreadExecutor(),
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(), Duration.ofMinutes(1));
    node.pleg.relist();
    new Housekeeping(node.pleg, fresh, node.manager, node.volumes, node.cgroups, node.dirs,
        () -> true).cleanUp();
    assertThat(node.runtime.sandboxCount()).isZero();
  }

  @Test
  void config_map_volumes_show_their_data_and_follow_updates() throws Exception {
    node.objects.configMaps.put("default/cfg", new ConfigMapBuilder().withNewMetadata()
        .withName("cfg").endMetadata().addToData("greeting", "hello").build());
    Pod pod = SimulatedNode.pod("vol").editSpec().addNewVolume().withName("cfg")
        .withNewConfigMap().withName("cfg").endConfigMap().endVolume()
        .editFirstContainer().addNewVolumeMount().withName("cfg").withMountPath("/etc/cfg")
        .endVolumeMount().endContainer().endSpec().build();
    node.workers.update(pod);
    await().until(() -> runningContainer(pod) != null);
    Path file = node.dirs.volumeDir(pod.getMetadata().getUid(), "kubernetes.io/configmap", "cfg")
        .resolve("greeting");
    assertThat(Files.readString(file)).isEqualTo("hello");
    node.objects.configMaps.put("default/cfg", new ConfigMapBuilder().withNewMetadata()
        .withName("cfg").endMetadata().addToData("greeting", "bonjour").build());
    node.workers.resync(pod.getMetadata().getUid());
    await().until(() -> Files.readString(file).equals("bonjour"));
  }

  @Test
  void a_missing_config_map_keeps_the_pod_creating_and_its_arrival_starts_it() {
    Pod pod = SimulatedNode.pod("wait").editSpec().editFirstContainer().addNewEnv()
        .withName("X").withNewValueFrom().withNewConfigMapKeyRef("k", "later", false)
        .endValueFrom().endEnv().endContainer().endSpec().build();
    node.workers.update(pod);
    await().until(() -> main(pod) != null && main(pod).getState().getWaiting() != null
        && "CreateContainerConfigError".equals(main(pod).getState().getWaiting().getReason()));
    assertThat(main(pod).getState().getWaiting().getMessage())
        .isEqualTo("configmap \"later\" not found");
    node.objects.configMaps.put("default/later", new ConfigMapBuilder().withNewMetadata()
        .withName("later").endMetadata().addToData("k", "v").build());
    node.workers.resync(pod.getMetadata().getUid());
    await().until(() -> runningContainer(pod) != null);
  }

  @Test
  void a_failing_pull_is_err_image_pull_then_image_pull_back_off() {
    node.runtime.failPulls("localhost:5000/missing:1");
    Pod pod = SimulatedNode.pod("pull").editSpec().editFirstContainer()
        .withImage("localhost:5000/missing:1").endContainer().endSpec().build();
    node.workers.update(pod);
    await().until(() -> main(pod) != null && main(pod).getState().getWaiting() != null
        && "ErrImagePull".equals(main(pod).getState().getWaiting().getReason()));
    node.workers.resync(pod.getMetadata().getUid());
    await().atMost(Duration.ofSeconds(2)).until(() -> "ImagePullBackOff".equals(
        main(pod).getState().getWaiting().getReason()));
    assertThat(node.status(pod).getPhase()).isEqualTo("Pending");
  }
}
