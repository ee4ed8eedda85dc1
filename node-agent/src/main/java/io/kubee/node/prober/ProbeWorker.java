package io.kubee.node.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.kubee.node.api.EventRecorder;
import io.kubee.node.kuberuntime.PodRefs;
import io.kubee.node.kuberuntime.RuntimeContainer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * Probes one container with one probe every periodSeconds (k8s.io/kubernetes
 * {@code pkg/kubelet/prober/worker.go}): nothing before initialDelaySeconds after the container
 * started, liveness and readiness only once the startup probe succeeded, a verdict only after
 * failureThreshold failures or successThreshold successes in a row, and after a liveness or
 * startup failure nothing more until the container is replaced.
 */
final class ProbeWorker implements Runnable {
  private final ProbeManager manager;
  private final Pod pod;
  private final Container container;
  private final ProbeType type;
  private final Probe probe;
  private final Clock clock;
  volatile ScheduledFuture<?> future;

  private String containerId = "";
  private ProbeResult lastResult = ProbeResult.UNKNOWN;
  private int resultRun;
  private boolean onHold;

  ProbeWorker(ProbeManager manager, Pod pod, Container container, ProbeType type, Probe probe,
      Clock clock) {
    this.manager = manager;
    this.pod = pod;
    this.container = container;
    this.type = type;
    this.probe = probe;
    this.clock = clock;
  }

  Duration period() {
    return Duration.ofSeconds(probe.getPeriodSeconds() == null ? 10
        : Math.max(1, probe.getPeriodSeconds()));
  }

  String podUid() {
    return pod.getMetadata().getUid();
  }

  @Override
  public void run() {
    try {
      doProbe();
    } catch (RuntimeException e) {
      ProbeManager.LOG.warn("probe failed to run pod={}/{} container={} type={}: {}",
          pod.getMetadata().getNamespace(), pod.getMetadata().getName(), container.getName(),
          type, e.toString());
    }
  }

  synchronized void doProbe() {
    Optional<RuntimeContainer> current = manager.lookup().container(podUid(), container.getName());
    if (current.isEmpty() || !current.get().running()) {
      if (!containerId.isEmpty()) {
        manager.results(type).remove(containerId);
        containerId = "";
      }
      return;
    }
    RuntimeContainer c = current.get();
    if (!c.id().equals(containerId)) {
      if (!containerId.isEmpty()) {
        manager.results(type).remove(containerId);
      }
      containerId = c.id();
      manager.results(type).set(containerId, type.initial(), podUid());
      lastResult = ProbeResult.UNKNOWN;
      resultRun = 0;
      onHold = false;
    }
    if (onHold) {
      return;
    }
    if (type != ProbeType.STARTUP && manager.hasStartupProbe(container)
        && manager.results(ProbeType.STARTUP).get(containerId) != ProbeResult.SUCCESS) {
      return; // liveness and readiness wait for the startup probe
    }
    if (type == ProbeType.STARTUP
        && manager.results(ProbeType.STARTUP).get(containerId) == ProbeResult.SUCCESS) {
      return;
    }
    int delay = probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
    if (c.startedAt() != null
        && Duration.between(c.startedAt(), clock.instant()).toSeconds() < delay) {
      return;
    }
    List<String> podIps = manager.lookup().podIps(podUid());
    Prober.Outcome outcome = manager.prober().probe(probe, container, containerId, podIps);
    if (outcome.result() == null) {
      return; // the probe could not run: no verdict either way
    }
    ProbeResult result = outcome.result();
    if (result == ProbeResult.FAILURE) {
      manager.events().event(PodRefs.container(pod, container.getName()), EventRecorder.WARNING,
          "Unhealthy", type.title() + " probe failed: " + outcome.output().strip());
    }
    resultRun = result == lastResult ? resultRun + 1 : 1;
    lastResult = result;
    int failureThreshold = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
    int successThreshold = probe.getSuccessThreshold() == null ? 1 : probe.getSuccessThreshold();
    if ((result == ProbeResult.FAILURE && resultRun < failureThreshold)
        || (result == ProbeResult.SUCCESS && resultRun < successThreshold)) {
      return;
    }
    manager.results(type).set(containerId, result, podUid());
    if ((type == ProbeType.LIVENESS || type == ProbeType.STARTUP)
        && result == ProbeResult.FAILURE) {
      // the container will be restarted; the next one starts over
      onHold = true;
      resultRun = 0;
    }
  }

  void stop() {
    ScheduledFuture<?> f = future;
    if (f != null) {
      f.cancel(false);
    }
    if (!containerId.isEmpty()) {
      manager.results(type).remove(containerId);
    }
  }
}
