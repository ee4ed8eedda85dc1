package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubee.node.cri.v1.NamespaceMode;
import io.kubee.node.cri.v1.PodSandboxState;
import io.kubee.node.cri.v1.PodSandboxStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one sync of a pod must do, computed from its spec and what the runtime holds (kubelet's
 * {@code computePodActions} in {@code kuberuntime_manager.go}): kill the pod, create a new
 * sandbox, start the next init container, start or kill containers. Pure: no runtime calls.
 *
 * @param killPod           stop every container and the sandbox(es)
 * @param createSandbox     start a new sandbox (after killing the old one)
 * @param sandboxId         the sandbox to use when not creating one
 * @param attempt           the new sandbox's attempt number
 * @param containersToKill  running containers to stop, with the reason
 * @param nextInit          the init container to start now, or null
 * @param initFailed        an init container failed and restartPolicy is Never: the pod failed
 * @param containersToStart regular containers to start (after back-off checks)
 */
public record PodActions(
    boolean killPod,
    boolean createSandbox,
    String sandboxId,
    int attempt,
    List<Kill> containersToKill,
    Container nextInit,
    boolean initFailed,
    List<Container> containersToStart) {

  /** A container to stop and why (the Killing event's message). */
  public record Kill(RuntimeContainer container, String reason) {}

  public static PodActions compute(Pod pod, RuntimePodStatus status, ContainerHealth health) {
    String policy = restartPolicy(pod);
    List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of()
        : pod.getSpec().getInitContainers();
    SandboxDecision sandbox = sandboxChanged(pod, status);
    List<Kill> kills = new ArrayList<>();
    List<Container> starts = new ArrayList<>();
    if (sandbox.create()) {
      if (policy.equals("Never") && sandbox.attempt() != 0 && !status.containers().isEmpty()) {
        // the pod ran once and must not run again: only make sure it is stopped
        return new PodActions(true, false, "", sandbox.attempt(), kills, null, false, starts);
      }
      if (!inits.isEmpty()) {
        return new PodActions(true, true, "", sandbox.attempt(), kills, inits.get(0), false,
            starts);
      }
      for (Container c : pod.getSpec().getContainers()) {
        Optional<RuntimeContainer> latest = status.latest(c.getName(), false);
        if (latest.isEmpty() || shouldRestart(policy, latest.get())) {
          starts.add(c);
        }
      }
      if (starts.isEmpty()) {
        // every container finished for good: nothing needs a sandbox
        return new PodActions(true, false, "", sandbox.attempt(), kills, null, false, starts);
      }
      return new PodActions(true, true, "", sandbox.attempt(), kills, null, false, starts);
    }

    // init containers run one after the other, each to success, before any other
    for (Container init : inits) {
      Optional<RuntimeContainer> latest = status.latest(init.getName(), true);
      if (latest.isEmpty()) {
        return new PodActions(false, false, sandbox.id(), sandbox.attempt(), kills, init, false,
            starts);
      }
      RuntimeContainer c = latest.get();
      if (c.running()) {
        return new PodActions(false, false, sandbox.id(), sandbox.attempt(), kills, null, false,
            starts);
      }
      if (c.exited() && c.exitCode() == 0) {
        continue;
      }
      if (c.exited() && policy.equals("Never")) {
        return new PodActions(true, false, sandbox.id(), sandbox.attempt(), kills, null, true,
            starts);
      }
      if (!c.exited()) {
        // created but never started, or unknown: replace it
        kills.add(new Kill(c, "Init container " + init.getName() + " is in an unknown state"));
      }
      return new PodActions(false, false, sandbox.id(), sandbox.attempt(), kills, init, false,
          starts);
    }

    int keep = 0;
    for (Container container : pod.getSpec().getContainers()) {
      Optional<RuntimeContainer> latest = status.latest(container.getName(), false);
      if (latest.isEmpty() || !latest.get().running()) {
        if (latest.isEmpty() || shouldRestart(policy, latest.get())) {
          starts.add(container);
        }
        continue;
      }
      RuntimeContainer running = latest.get();
      String reason = null;
      if (!running.hash().equals(Labels.hash(container))) {
        reason = "Container " + container.getName() + " definition changed";
      } else if (health.livenessFailed(running.id())) {
        reason = "Container " + container.getName() + " failed liveness probe";
      } else if (health.startupFailed(running.id())) {
        reason = "Container " + container.getName() + " failed startup probe";
      }
      if (reason == null) {
        keep++;
        continue;
      }
      kills.add(new Kill(running, reason + ", will be restarted"));
      if (!policy.equals("Never")) {
        starts.add(container);
      }
    }
    boolean killPod = keep == 0 && starts.isEmpty();
    return new PodActions(killPod, false, sandbox.id(), sandbox.attempt(), kills, null, false,
        starts);
  }

  /**
   * Whether a container that is not running must run again (kubelet's
   * {@code ShouldContainerBeRestarted}): one that never ran does; an exited one by the
   * restart policy and its exit code.
   */
  public static boolean shouldRestart(String policy, RuntimeContainer latest) {
    if (latest.running()) {
      return false;
    }
    if (!latest.exited()) {
      return true;
    }
    return switch (policy) {
      case "Never" -> false;
      case "OnFailure" -> latest.exitCode() != 0;
      default -> true;
    };
  }

  public static String restartPolicy(Pod pod) {
    String policy = pod.getSpec().getRestartPolicy();
    return policy == null || policy.isEmpty() ? "Always" : policy;
  }

  private record SandboxDecision(boolean create, int attempt, String id) {}

  /**
   * A new sandbox is needed when there is none, when the newest is not ready (it died, or the
   * node restarted), when several are ready, when its network mode no longer matches, or when
   * a pod-network sandbox has no IP (kubelet's {@code podSandboxChanged}).
   */
  private static SandboxDecision sandboxChanged(Pod pod, RuntimePodStatus status) {
    if (status.sandboxes().isEmpty()) {
      return new SandboxDecision(true, 0, "");
    }
    PodSandboxStatus newest = status.sandboxes().get(0);
    int next = newest.getMetadata().getAttempt() + 1;
    long ready = status.sandboxes().stream()
        .filter(s -> s.getState() == PodSandboxState.SANDBOX_READY).count();
    if (ready > 1 || newest.getState() != PodSandboxState.SANDBOX_READY) {
      return new SandboxDecision(true, next, "");
    }
    boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    NamespaceMode network = newest.getLinux().getNamespaces().getOptions().getNetwork();
    if (newest.hasLinux() && network != (hostNetwork ? NamespaceMode.NODE : NamespaceMode.POD)) {
      return new SandboxDecision(true, next, "");
    }
    if (!hostNetwork && newest.getNetwork().getIp().isEmpty()) {
      return new SandboxDecision(true, next, "");
    }
    return new SandboxDecision(false, newest.getMetadata().getAttempt(), newest.getId());
  }
}
