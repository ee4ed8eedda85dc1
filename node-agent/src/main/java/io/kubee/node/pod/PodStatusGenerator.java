package io.kubee.node.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubee.node.kuberuntime.PodActions;
import io.kubee.node.kuberuntime.ReasonCache;
import io.kubee.node.kuberuntime.Resources;
import io.kubee.node.kuberuntime.RuntimeContainer;
import io.kubee.node.kuberuntime.RuntimePodStatus;
import io.kubee.node.prober.ProbeManager;
import io.kubee.node.util.Times;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API status of a pod from what the runtime holds and what the probes say (kubelet's
 * {@code generateAPIPodStatus}, {@code getPhase} and {@code convertToAPIContainerStatuses} in
 * {@code kubelet_pods.go}, conditions from {@code pkg/kubelet/status/generate.go}). Pure apart
 * from the clock; the StatusManager keeps transition times of unchanged conditions.
 */
public final class PodStatusGenerator {
  private final ProbeManager probes;
  private final ReasonCache reasons;
  private final List<String> nodeIps;
  private final String runtimeName;
  private final Clock clock;

  /** @param runtimeName the container id prefix ({@code containerd}) */
  public PodStatusGenerator(ProbeManager probes, ReasonCache reasons, List<String> nodeIps,
      String runtimeName, Clock clock) {
    this.probes = probes;
    this.reasons = reasons;
    this.nodeIps = nodeIps;
    this.runtimeName = runtimeName;
    this.clock = clock;
  }

  /**
   * @param terminal the pod is done on this node (deleted and stopped, or finished): a
   *                 restartPolicy Always pod then ends Succeeded or Failed too
   */
  public PodStatus generate(Pod pod, RuntimePodStatus runtime, boolean terminal) {
    PodStatus old = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    String uid = pod.getMetadata().getUid();
    List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of()
        : pod.getSpec().getInitContainers();
    boolean initDone = true;
    List<ContainerStatus> initStatuses = new ArrayList<>();
    for (Container c : inits) {
      ContainerStatus cs = containerStatus(uid, c, runtime, true, "PodInitializing");
      initDone &= cs.getState().getTerminated() != null
          && cs.getState().getTerminated().getExitCode() == 0;
      initStatuses.add(cs);
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      statuses.add(containerStatus(uid, c, runtime, false,
          initDone ? "ContainerCreating" : "PodInitializing"));
    }
    String phase = phase(pod, initStatuses, statuses, terminal);
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      // a finished pod has no ready container (kubelet: pod is terminal)
      statuses.forEach(cs -> cs.setReady(false));
    }

    PodStatus status = new PodStatus();
    status.setPhase(phase);
    status.setHostIP(nodeIps.get(0));
    status.setHostIPs(nodeIps.stream().map(HostIP::new).toList());
    List<String> podIps = Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) ? nodeIps
        : runtime.podIps();
    if (podIps.isEmpty() && old.getPodIP() != null && !runtime.sandboxes().isEmpty()) {
      podIps = List.of(old.getPodIP());
    }
    if (!podIps.isEmpty()) {
      status.setPodIP(podIps.get(0));
      status.setPodIPs(podIps.stream().map(PodIP::new).toList());
    }
    status.setStartTime(old.getStartTime() != null ? old.getStartTime()
        : Times.format(clock.instant()));
    status.setQosClass(old.getQosClass() != null ? old.getQosClass() : Resources.qosClass(pod));
    status.setContainerStatuses(statuses);
    if (!initStatuses.isEmpty()) {
      status.setInitContainerStatuses(initStatuses);
    }
    status.setNominatedNodeName(old.getNominatedNodeName());
    status.setConditions(conditions(pod, old, runtime, initStatuses, statuses, phase));
    return status;
  }

  private ContainerStatus containerStatus(String uid, Container c, RuntimePodStatus runtime,
      boolean init, String defaultWaiting) {
    Optional<RuntimeContainer> latest = runtime.latest(c.getName(), init);
    ContainerStatusBuilder cs = new ContainerStatusBuilder().withName(c.getName())
        .withImage(c.getImage()).withImageID("").withReady(false).withRestartCount(0)
        .withStarted(false);
    Optional<ReasonCache.Reason> reason = reasons.get(uid, c.getName());
    if (latest.isEmpty()) {
      String why = reason.map(ReasonCache.Reason::reason).orElse(defaultWaiting);
      return cs.withState(new ContainerStateBuilder().withNewWaiting()
          .withReason(why).withMessage(reason.map(ReasonCache.Reason::message).orElse(null))
          .endWaiting().build()).build();
    }
    RuntimeContainer r = latest.get();
    cs.withContainerID(runtimeName + "://" + r.id()).withImageID(r.imageRef())
        .withRestartCount(r.restartCount());
    runtime.previous(c.getName(), init).filter(RuntimeContainer::exited)
        .ifPresent(p -> cs.withNewLastState().withTerminated(terminated(p)).endLastState());
    if (r.running()) {
      boolean started = probes.started(c, r.id());
      return cs.withState(new ContainerStateBuilder().withNewRunning()
              .withStartedAt(Times.format(r.startedAt())).endRunning().build())
          .withStarted(started).withReady(started && probes.ready(c, r.id())).build();
    }
    if (r.exited()) {
      ContainerStateTerminated terminated = terminated(r);
      if (reason.isPresent()) {
        // it will run again once its back-off passes (or its image arrives)
        return cs.withState(new ContainerStateBuilder().withNewWaiting()
                .withReason(reason.get().reason()).withMessage(reason.get().message())
                .endWaiting().build())
            .withNewLastState().withTerminated(terminated).endLastState().build();
      }
      return cs.withState(new ContainerStateBuilder().withTerminated(terminated).build()).build();
    }
    if (r.state() == io.kubee.node.cri.v1.ContainerState.CONTAINER_UNKNOWN) {
      return cs.withState(new ContainerStateBuilder().withTerminated(
          new ContainerStateTerminatedBuilder().withExitCode(137)
              .withReason("ContainerStatusUnknown")
              .withMessage("The container could not be located when the pod was terminated")
              .build()).build()).build();
    }
    return cs.withState(new ContainerStateBuilder().withNewWaiting()
        .withReason(reason.map(ReasonCache.Reason::reason).orElse("ContainerCreating"))
        .withMessage(reason.map(ReasonCache.Reason::message).orElse(null))
        .endWaiting().build()).build();
  }

  private ContainerStateTerminated terminated(RuntimeContainer r) {
    String why = r.reason().isEmpty() ? (r.exitCode() == 0 ? "Completed" : "Error") : r.reason();
    return new ContainerStateTerminatedBuilder().withExitCode(r.exitCode()).withReason(why)
        .withMessage(r.message().isEmpty() ? null : r.message())
        .withStartedAt(Times.format(r.startedAt())).withFinishedAt(Times.format(r.finishedAt()))
        .withContainerID(runtimeName + "://" + r.id()).build();
  }

  /** kubelet's getPhase. */
  static String phase(Pod pod, List<ContainerStatus> inits, List<ContainerStatus> containers,
      boolean terminal) {
    String policy = PodActions.restartPolicy(pod);
    boolean pendingInit = false;
    for (ContainerStatus cs : inits) {
      ContainerStateTerminated t = cs.getState().getTerminated();
      if (t != null && t.getExitCode() == 0) {
        continue;
      }
      ContainerStateTerminated last = cs.getLastState() == null ? null
          : cs.getLastState().getTerminated();
      boolean failed = (t != null && t.getExitCode() != 0) || (last != null
          && last.getExitCode() != 0 && cs.getState().getWaiting() != null);
      if (failed && policy.equals("Never")) {
        return "Failed";
      }
      pendingInit = true;
    }
    if (pendingInit && !terminal) {
      return "Pending";
    }
    int running = 0;
    int waiting = 0;
    int stopped = 0;
    int succeeded = 0;
    for (ContainerStatus cs : containers) {
      if (cs.getState().getRunning() != null) {
        running++;
      } else if (cs.getState().getTerminated() != null) {
        stopped++;
        if (cs.getState().getTerminated().getExitCode() == 0) {
          succeeded++;
        }
      } else if (cs.getLastState() != null && cs.getLastState().getTerminated() != null) {
        stopped++;
        if (cs.getLastState().getTerminated().getExitCode() == 0) {
          succeeded++;
        }
      } else {
        waiting++;
      }
    }
    if (terminal && running == 0) {
      // deleted or finished for good: whatever the policy, the pod ends
      return stopped > 0 && stopped == succeeded && waiting == 0 ? "Succeeded" : "Failed";
    }
    if (waiting > 0) {
      return "Pending";
    }
    if (running > 0) {
      return "Running";
    }
    if (stopped > 0) {
      if (policy.equals("Always")) {
        return "Running";
      }
      if (stopped == succeeded) {
        return "Succeeded";
      }
      return policy.equals("Never") ? "Failed" : "Running";
    }
    return "Pending";
  }

  private List<PodCondition> conditions(Pod pod, PodStatus old, RuntimePodStatus runtime,
      List<ContainerStatus> inits, List<ContainerStatus> containers, String phase) {
    boolean finished = phase.equals("Succeeded") || phase.equals("Failed");
    List<PodCondition> out = new ArrayList<>();
    boolean sandboxReady = runtime.readySandbox().isPresent()
        && (Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) || !runtime.podIps().isEmpty());
    out.add(condition("PodReadyToStartContainers", sandboxReady, null, null));

    List<String> incomplete = inits.stream().filter(cs -> cs.getState().getTerminated() == null
        || cs.getState().getTerminated().getExitCode() != 0).map(ContainerStatus::getName).toList();
    boolean initialized = incomplete.isEmpty() || (finished && inits.stream()
        .allMatch(cs -> cs.getState().getTerminated() != null));
    out.add(condition("Initialized", initialized, initialized ? null
        : "ContainersNotInitialized", initialized ? null
        : "containers with incomplete status: [" + String.join(" ", incomplete) + "]"));

    List<String> unready = containers.stream().filter(cs -> !Boolean.TRUE.equals(cs.getReady()))
        .map(ContainerStatus::getName).toList();
    boolean containersReady = unready.isEmpty() && !finished;
    String reason = finished ? "PodCompleted" : "ContainersNotReady";
    String message = finished ? null
        : "containers with unready status: [" + String.join(" ", unready) + "]";
    out.add(condition("ContainersReady", containersReady, containersReady ? null : reason,
        containersReady ? null : message));

    List<String> gatesNotReady = new ArrayList<>();
    if (pod.getSpec().getReadinessGates() != null) {
      for (PodReadinessGate gate : pod.getSpec().getReadinessGates()) {
        boolean ok = old.getConditions() != null && old.getConditions().stream()
            .anyMatch(c -> c.getType().equals(gate.getConditionType())
                && "True".equals(c.getStatus()));
        if (!ok) {
          gatesNotReady.add(gate.getConditionType());
        }
      }
    }
    boolean ready = containersReady && gatesNotReady.isEmpty();
    if (ready || !containersReady) {
      out.add(condition("Ready", ready, ready ? null : reason, ready ? null : message));
    } else {
      out.add(condition("Ready", false, "ReadinessGatesNotReady",
          "corresponding condition of pod readiness gate \"" + gatesNotReady.get(0)
              + "\" does not exist."));
    }
    out.add(condition("PodScheduled", true, null, null));
    // conditions others own (readiness gates, DisruptionTarget) stay as they are
    if (old.getConditions() != null) {
      for (PodCondition c : old.getConditions()) {
        if (out.stream().noneMatch(o -> o.getType().equals(c.getType()))) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static PodCondition condition(String type, boolean status, String reason,
      String message) {
    PodCondition c = new PodCondition();
    c.setType(type);
    c.setStatus(status ? "True" : "False");
    c.setReason(reason);
    c.setMessage(message);
    return c;
  }
}
