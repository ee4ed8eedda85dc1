package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kubee.node.api.EventRecorder;
import io.kubee.node.cri.RuntimeService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops containers gracefully (kubelet's {@code killContainer}): the preStop hook first, within
 * the grace period, then StopContainer with what is left of it (SIGTERM, SIGKILL when it runs
 * out; at least 2 s, kubelet's minimum). A pod's containers are stopped in parallel.
 */
public final class ContainerKiller {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerKiller.class);
  static final long MINIMUM_GRACE_SECONDS = 2;

  private final RuntimeService runtime;
  private final LifecycleHandlers hooks;
  private final EventRecorder events;
  private final ExecutorService executor;

  public ContainerKiller(RuntimeService runtime, LifecycleHandlers hooks, EventRecorder events,
      ExecutorService executor) {
    this.runtime = runtime;
    this.hooks = hooks;
    this.events = events;
    this.executor = executor;
  }

  /**
   * Stops one container and waits for it.
   *
   * @param pod           the pod, or null for an orphan (no hooks, the annotated grace period)
   * @param graceOverride seconds that replace the pod's grace period, or null
   * @return null on success, else why it failed
   */
  public String kill(Pod pod, RuntimeContainer container, String reason, Long graceOverride,
      List<String> podIps) {
    long grace = gracePeriod(pod, container, graceOverride);
    Container spec = pod == null ? null : specOf(pod, container);
    ObjectReference ref = pod == null ? null : PodRefs.container(pod, container.name());
    if (ref != null) {
      events.event(ref, EventRecorder.NORMAL, "Killing",
          "Stopping container " + container.name() + (reason == null ? "" : ": " + reason));
    }
    if (spec != null && spec.getLifecycle() != null && spec.getLifecycle().getPreStop() != null
        && container.running() && grace > 0) {
      long start = System.nanoTime();
      String failure = hooks.run(pod, spec, container.id(), spec.getLifecycle().getPreStop(),
          podIps, Duration.ofSeconds(grace));
      if (failure != null && ref != null) {
        events.event(ref, EventRecorder.WARNING, "FailedPreStopHook",
            "PreStopHook failed: " + failure);
      }
      grace -= (System.nanoTime() - start) / 1_000_000_000L;
    }
    grace = Math.max(grace, MINIMUM_GRACE_SECONDS);
    try {
      runtime.stopContainer(container.id(), grace);
      return null;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null; // already gone
      }
      LOG.warn("cannot stop container={} name={}: {}", container.id(), container.name(),
          e.getStatus());
      return "failed to stop container " + container.name() + ": " + e.getStatus();
    }
  }

  /** Stops all of them in parallel; returns the failures' messages. */
  public List<String> killAll(Pod pod, List<PodActions.Kill> kills, Long graceOverride,
      List<String> podIps) {
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (PodActions.Kill kill : kills) {
      futures.add(CompletableFuture.supplyAsync(
          () -> kill(pod, kill.container(), kill.reason(), graceOverride, podIps), executor));
    }
    List<String> failures = new ArrayList<>();
    for (CompletableFuture<String> f : futures) {
      String failure = f.join();
      if (failure != null) {
        failures.add(failure);
      }
    }
    return failures;
  }

  /**
   * The override, else the pod's deletion grace period while it is being deleted, else its
   * terminationGracePeriodSeconds, else what the container was started with.
   */
  static long gracePeriod(Pod pod, RuntimeContainer container, Long override) {
    if (override != null) {
      return override;
    }
    if (pod != null) {
      if (pod.getMetadata().getDeletionGracePeriodSeconds() != null
          && pod.getMetadata().getDeletionTimestamp() != null) {
        return pod.getMetadata().getDeletionGracePeriodSeconds();
      }
      if (pod.getSpec().getTerminationGracePeriodSeconds() != null) {
        return pod.getSpec().getTerminationGracePeriodSeconds();
      }
    }
    return Labels.intAnnotation(container.annotations(), Labels.TERMINATION_GRACE_PERIOD, 30);
  }

  private static Container specOf(Pod pod, RuntimeContainer container) {
    List<Container> list = container.init() ? pod.getSpec().getInitContainers()
        : pod.getSpec().getContainers();
    if (list == null) {
      return null;
    }
    return list.stream().filter(c -> c.getName().equals(container.name())).findFirst()
        .orElse(null);
  }
}
