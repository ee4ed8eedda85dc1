package io.kubee.node.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.kubee.node.api.EventRecorder;
import io.kubee.node.kuberuntime.ContainerHealth;
import io.kubee.node.kuberuntime.RuntimeContainer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker per container and probe (k8s.io/kubernetes {@code pkg/kubelet/prober/
 * prober_manager.go}); keeps the liveness, readiness and startup verdicts, tells the sync what
 * failed ({@link ContainerHealth}) and the status which containers are ready and started.
 * A verdict that changes calls {@code onChange} with the pod's uid.
 */
public final class ProbeManager implements ContainerHealth {
  static final Logger LOG = LoggerFactory.getLogger(ProbeManager.class);

  /** Where workers find the current run of a container and the pod's IPs. */
  public interface Lookup {
    Optional<RuntimeContainer> container(String podUid, String name);

    List<String> podIps(String podUid);
  }

  private final Prober prober;
  private final Lookup lookup;
  private final ScheduledExecutorService scheduler;
  private final EventRecorder events;
  private final Clock clock;
  private final Map<ProbeType, ProbeResults> results = new ConcurrentHashMap<>();
  private final Map<String, List<ProbeWorker>> workers = new ConcurrentHashMap<>();

  public ProbeManager(Prober prober, Lookup lookup, ScheduledExecutorService scheduler,
      EventRecorder events, Clock clock, Consumer<String> onChange) {
    this.prober = prober;
    this.lookup = lookup;
    this.scheduler = scheduler;
    this.events = events;
    this.clock = clock;
    for (ProbeType type : ProbeType.values()) {
      results.put(type, new ProbeResults((uid, result) -> onChange.accept(uid)));
    }
  }

  /** Starts the workers of a pod's probes; a pod already known is left alone. */
  public void addPod(Pod pod) {
    String uid = pod.getMetadata().getUid();
    workers.computeIfAbsent(uid, k -> {
      List<ProbeWorker> list = new ArrayList<>();
      for (Container c : pod.getSpec().getContainers()) {
        add(list, pod, c, ProbeType.LIVENESS, c.getLivenessProbe());
        add(list, pod, c, ProbeType.READINESS, c.getReadinessProbe());
        add(list, pod, c, ProbeType.STARTUP, c.getStartupProbe());
      }
      return list;
    });
  }

  private void add(List<ProbeWorker> list, Pod pod, Container c, ProbeType type, Probe probe) {
    if (probe == null) {
      return;
    }
    ProbeWorker worker = new ProbeWorker(this, pod, c, type, probe, clock);
    long period = worker.period().toMillis();
    // a random start spreads the probes of many pods, as kubelet's jitter does
    long first = ThreadLocalRandom.current().nextLong(Math.min(period, 1000) + 1);
    worker.future = scheduler.scheduleWithFixedDelay(worker, first, period,
        TimeUnit.MILLISECONDS);
    list.add(worker);
  }

  /** Stops the pod's workers and forgets their verdicts. */
  public void removePod(String uid) {
    List<ProbeWorker> list = workers.remove(uid);
    if (list != null) {
      list.forEach(ProbeWorker::stop);
    }
  }

  /** Whether a running container counts as ready (kubelet: no readiness probe = ready once started). */
  public boolean ready(Container container, String containerId) {
    if (!started(container, containerId)) {
      return false;
    }
    if (container.getReadinessProbe() == null) {
      return true;
    }
    return results(ProbeType.READINESS).get(containerId) == ProbeResult.SUCCESS;
  }

  /** Whether a running container counts as started: no startup probe, or it succeeded. */
  public boolean started(Container container, String containerId) {
    if (container.getStartupProbe() == null) {
      return true;
    }
    return results(ProbeType.STARTUP).get(containerId) == ProbeResult.SUCCESS;
  }

  @Override
  public boolean livenessFailed(String containerId) {
    return results(ProbeType.LIVENESS).get(containerId) == ProbeResult.FAILURE;
  }

  @Override
  public boolean startupFailed(String containerId) {
    return results(ProbeType.STARTUP).get(containerId) == ProbeResult.FAILURE;
  }

  boolean hasStartupProbe(Container c) {
    return c.getStartupProbe() != null;
  }

  ProbeResults results(ProbeType type) {
    return results.get(type);
  }

  Lookup lookup() {
    return lookup;
  }

  Prober prober() {
    return prober;
  }

  EventRecorder events() {
    return events;
  }
}
