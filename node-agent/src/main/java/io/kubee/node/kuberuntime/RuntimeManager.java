package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kubee.node.cri.RuntimeService;
import io.kubee.node.cri.v1.ContainerFilter;
import io.kubee.node.cri.v1.ContainerStatus;
import io.kubee.node.cri.v1.Mount;
import io.kubee.node.cri.v1.PodSandbox;
import io.kubee.node.cri.v1.PodSandboxConfig;
import io.kubee.node.cri.v1.PodSandboxFilter;
import io.kubee.node.cri.v1.PodSandboxStatus;
import io.kubee.node.logs.CriLogs;
import io.kubee.node.pod.PodDirs;
import io.kubee.node.volume.MountedVolume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's side of the container runtime for whole pods (k8s.io/kubernetes
 * {@code pkg/kubelet/kuberuntime/kuberuntime_manager.go}, KubeGenericRuntimeManager): reads a
 * pod's runtime status, brings a pod to its spec ({@link #syncPod}), kills and removes pods.
 * Thread-safe; PodWorkers call it for one pod at a time.
 */
public final class RuntimeManager {
  private static final Logger LOG = LoggerFactory.getLogger(RuntimeManager.class);
  /** kubelet reads at most this much of a termination message file. */
  static final int MAX_TERMINATION_MESSAGE = 4096;

  /**
   * The outcome of a sync.
   *
   * @param error      the first failure (for the log), or null
   * @param retryAfter when to sync again because of a back-off, or null
   */
  public record SyncResult(String error, Duration retryAfter) {}

  private final RuntimeService runtime;
  private final SandboxConfigs sandboxes;
  private final ContainerStarter starter;
  private final ContainerKiller killer;
  private final ReasonCache reasons;
  private final PodDirs dirs;
  private final List<String> nodeIps;
  private final String clusterDomain;

  public RuntimeManager(RuntimeService runtime, SandboxConfigs sandboxes,
      ContainerStarter starter, ContainerKiller killer, ReasonCache reasons, PodDirs dirs,
      List<String> nodeIps, String clusterDomain) {
    this.runtime = runtime;
    this.sandboxes = sandboxes;
    this.starter = starter;
    this.killer = killer;
    this.reasons = reasons;
    this.dirs = dirs;
    this.nodeIps = nodeIps;
    this.clusterDomain = clusterDomain;
  }

  /** Everything the runtime has of the pod with this uid, dead containers included. */
  public RuntimePodStatus podStatus(String uid) {
    List<PodSandboxStatus> sandboxStatuses = new ArrayList<>();
    for (PodSandbox sandbox : runtime.listPodSandbox(PodSandboxFilter.newBuilder()
        .putLabelSelector(Labels.POD_UID, uid).build())) {
      try {
        sandboxStatuses.add(runtime.podSandboxStatus(sandbox.getId()));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
    List<RuntimeContainer> containers = new ArrayList<>();
    for (io.kubee.node.cri.v1.Container c : runtime.listContainers(ContainerFilter.newBuilder()
        .putLabelSelector(Labels.POD_UID, uid).build())) {
      try {
        ContainerStatus status = runtime.containerStatus(c.getId());
        containers.add(withTerminationMessage(RuntimeContainer.of(status, c.getPodSandboxId()),
            status));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
    return new RuntimePodStatus(uid, sandboxStatuses, containers);
  }

  /**
   * Brings the pod to its spec: kills what must go, creates the sandbox when needed, starts the
   * next init container or the containers that must run. Reasons for containers that could not
   * start go to the {@link ReasonCache}.
   *
   * @param volumes the pod's volumes, set up
   */
  public SyncResult syncPod(Pod pod, RuntimePodStatus status, ContainerHealth health,
      Map<String, MountedVolume> volumes) {
    String uid = pod.getMetadata().getUid();
    PodActions actions = PodActions.compute(pod, status, health);
    List<String> podIps = Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) ? nodeIps
        : status.podIps();
    if (actions.killPod()) {
      killPod(pod, status, null);
      if (!actions.createSandbox()) {
        return new SyncResult(null, null);
      }
    } else if (!actions.containersToKill().isEmpty()) {
      List<String> failures = killer.killAll(pod, actions.containersToKill(), null, podIps);
      if (!failures.isEmpty()) {
        return new SyncResult(failures.get(0), null);
      }
    }

    String sandboxId = actions.sandboxId();
    PodSandboxConfig sandboxConfig = sandboxes.generate(pod, actions.attempt());
    if (actions.createSandbox()) {
      try {
        Files.createDirectories(Path.of(sandboxConfig.getLogDirectory()));
        sandboxId = runtime.runPodSandbox(sandboxConfig, runtimeHandler(pod));
        if (!Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
          PodSandboxStatus created = runtime.podSandboxStatus(sandboxId);
          podIps = new ArrayList<>();
          if (!created.getNetwork().getIp().isEmpty()) {
            podIps.add(created.getNetwork().getIp());
          }
          for (var ip : created.getNetwork().getAdditionalIpsList()) {
            podIps.add(ip.getIp());
          }
        }
      } catch (StatusRuntimeException | IOException e) {
        String message = "Failed to create pod sandbox: " + describe(e);
        LOG.warn("pod={}/{} {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
            message);
        for (Container c : pod.getSpec().getContainers()) {
          reasons.add(uid, c.getName(), "ContainerCreating", message);
        }
        return new SyncResult(message, Duration.ofSeconds(2));
      }
    }
    try {
      EtcHosts.write(dirs.etcHosts(uid), pod, podIps, clusterDomain, Path.of("/etc/hosts"));
    } catch (IOException e) {
      return new SyncResult("cannot write the pod's hosts file: " + e.getMessage(), null);
    }

    if (actions.nextInit() != null) {
      return startAll(pod, List.of(actions.nextInit()), true, sandboxId, sandboxConfig, podIps,
          status, volumes);
    }
    return startAll(pod, actions.containersToStart(), false, sandboxId, sandboxConfig, podIps,
        status, volumes);
  }

  private SyncResult startAll(Pod pod, List<Container> containers, boolean init, String sandboxId,
      PodSandboxConfig sandboxConfig, List<String> podIps, RuntimePodStatus status,
      Map<String, MountedVolume> volumes) {
    String uid = pod.getMetadata().getUid();
    String error = null;
    Duration retry = null;
    for (Container container : containers) {
      ContainerStarter.Result result = starter.start(pod, container, init, sandboxId,
          sandboxConfig, podIps, status, volumes);
      if (result.started()) {
        reasons.remove(uid, container.getName());
        removeDeadContainers(status, container.getName(), init);
        continue;
      }
      reasons.add(uid, container.getName(), result.reason(), result.message());
      if (error == null) {
        error = result.reason() + ": " + result.message();
      }
      if (result.retryAfter() != null && (retry == null || result.retryAfter().compareTo(retry) < 0)) {
        retry = result.retryAfter();
      }
    }
    return new SyncResult(error, retry);
  }

  /**
   * Stops every running container of the pod (in parallel, gracefully) and then its sandboxes.
   *
   * @param pod           the pod, or null when only the runtime knows it (orphans)
   * @param graceOverride seconds replacing the pod's grace period, or null
   */
  public void killPod(Pod pod, RuntimePodStatus status, Long graceOverride) {
    List<PodActions.Kill> kills = status.running().stream()
        .map(c -> new PodActions.Kill(c, null)).toList();
    List<String> podIps = status.podIps();
    killer.killAll(pod, kills, graceOverride, podIps);
    for (PodSandboxStatus sandbox : status.sandboxes()) {
      try {
        runtime.stopPodSandbox(sandbox.getId());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
  }

  /** Removes every container (and its log file) and every sandbox of the pod. */
  public void removePod(RuntimePodStatus status) {
    for (RuntimeContainer c : status.containers()) {
      removeContainer(c);
    }
    for (PodSandboxStatus sandbox : status.sandboxes()) {
      try {
        runtime.stopPodSandbox(sandbox.getId());
        runtime.removePodSandbox(sandbox.getId());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
  }

  /**
   * Container garbage collection for one container name (kubelet keeps one dead container per
   * name, maxPerPodContainer): after a new run started, every dead run but the newest goes.
   */
  private void removeDeadContainers(RuntimePodStatus before, String name, boolean init) {
    // before the new run, "latest" was the run that just died: it stays for logs --previous
    before.containers().stream()
        .filter(c -> c.name().equals(name) && c.init() == init && !c.running())
        .skip(1)
        .forEach(this::removeContainer);
  }

  private void removeContainer(RuntimeContainer c) {
    try {
      runtime.removeContainer(c.id());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        LOG.warn("cannot remove container={}: {}", c.id(), e.getStatus());
        return;
      }
    }
    // the runtime leaves the log file: kubelet removes it with the container
    if (!c.logPath().isEmpty()) {
      try {
        Files.deleteIfExists(Path.of(c.logPath()));
      } catch (IOException e) {
        LOG.debug("cannot remove log file {}: {}", c.logPath(), e.getMessage());
      }
    }
  }

  /**
   * An exited container's message gets what it wrote to its termination-message file, or with
   * FallbackToLogsOnError and a failure, the tail of its log (kubelet's
   * {@code getTerminationMessage}).
   */
  private static RuntimeContainer withTerminationMessage(RuntimeContainer c,
      ContainerStatus status) {
    if (!c.exited()) {
      return c;
    }
    String path = c.annotations().getOrDefault(Labels.TERMINATION_MESSAGE_PATH, "");
    String text = "";
    if (!path.isEmpty()) {
      for (Mount mount : status.getMountsList()) {
        if (mount.getContainerPath().equals(path)) {
          text = readAtMost(Path.of(mount.getHostPath()), MAX_TERMINATION_MESSAGE);
        }
      }
    }
    String policy = c.annotations().getOrDefault(Labels.TERMINATION_MESSAGE_POLICY, "");
    if (text.isEmpty() && c.exitCode() != 0 && policy.equals("FallbackToLogsOnError")
        && !c.logPath().isEmpty()) {
      text = CriLogs.lastMessage(Path.of(c.logPath()), 80, 2048);
    }
    if (text.isEmpty()) {
      return c;
    }
    String message = c.message().isEmpty() ? text : c.message() + ": " + text;
    return new RuntimeContainer(c.id(), c.sandboxId(), c.name(), c.init(), c.state(),
        c.createdAt(), c.startedAt(), c.finishedAt(), c.exitCode(), c.image(), c.imageRef(),
        c.reason(), message, c.hash(), c.restartCount(), c.logPath(), c.annotations());
  }

  private static String readAtMost(Path file, int max) {
    try {
      if (!Files.isRegularFile(file)) {
        return "";
      }
      byte[] bytes;
      try (var in = Files.newInputStream(file)) {
        bytes = in.readNBytes(max);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String runtimeHandler(Pod pod) {
    // RuntimeClasses are not served yet: the runtime's default handler
    return "";
  }

  /** The pod's sandbox config as last generated, for callers that need its identity. */
  public PodSandboxConfig sandboxConfig(Pod pod, int attempt) {
    return sandboxes.generate(pod, attempt);
  }

  /** The running container of that name, if any. */
  public static Optional<RuntimeContainer> running(RuntimePodStatus status, String name) {
    return status.containers().stream().filter(c -> c.name().equals(name) && c.running())
        .findFirst();
  }

  private static String describe(Exception e) {
    if (e instanceof StatusRuntimeException s) {
      return ContainerStarter.ImageManagerErrors.describe(s);
    }
    return e.getMessage();
  }
}
