package io.kubee.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.Controller;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.ControllerManagerOptions;
import io.kubee.controllers.PeriodicJob;
import io.kubee.controllers.api.Deletion;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Lister;
import io.kubee.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pod garbage collection (pkg/controller/podgc/gc_controller.go), every gc-check-period:
 * terminated pods beyond terminated-pod-gc-threshold (evicted, then oldest first); pods bound to
 * a node that has been gone for the quarantine time (40 s); unscheduled pods being deleted; and
 * terminating pods on not-ready nodes tainted out-of-service. Each is marked Failed (with
 * DisruptionTarget when orphaned) and force-deleted.
 */
public final class PodGcController implements Controller {
  public static final String NAME = "podgc";
  public static final String JOB = "podgc/gc";
  private static final Logger LOG = LoggerFactory.getLogger(PodGcController.class);

  /** The settings; Kubernetes' defaults in {@link #from}. */
  public record Settings(int terminatedPodThreshold, Duration checkPeriod,
      Duration quarantineTime) {
    public static Settings from(ControllerManagerOptions options) {
      return new Settings(options.integer(NAME + ".terminated-pod-gc-threshold", 12500),
          options.duration(NAME + ".gc-check-period", Duration.ofSeconds(20)),
          options.duration(NAME + ".quarantine-time", Duration.ofSeconds(40)));
    }
  }

  private final Lister<Pod> pods;
  private final Lister<Node> nodes;
  private final KubeApi api;
  private final Clock clock;
  private final Settings settings;
  /** Names of missing nodes and when they were first found missing. */
  private final Map<String, Instant> quarantine = new HashMap<>();

  public PodGcController(Lister<Pod> pods, Lister<Node> nodes, KubeApi api, Clock clock,
      Settings settings) {
    this.pods = pods;
    this.nodes = nodes;
    this.api = api;
    this.clock = clock;
    this.settings = settings;
  }

  public static PodGcController create(ControllerContext context) {
    SharedIndexInformer<Pod> podInformer = context.informers().forType(Pod.class);
    SharedIndexInformer<Node> nodeInformer = context.informers().forType(Node.class);
    return new PodGcController(new Lister<>(podInformer.getIndexer()),
        new Lister<>(nodeInformer.getIndexer()), context.api(), context.clock(),
        Settings.from(context.options()));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(int workers, ThreadFactory threads) {
    // no workers: everything happens in the periodic job
  }

  @Override
  public List<PeriodicJob> periodicJobs() {
    return List.of(new PeriodicJob(JOB, settings.checkPeriod(), this::gc));
  }

  /** One pass; the seam tests call. */
  public void gc() {
    List<Pod> all = pods.list();
    if (settings.terminatedPodThreshold() > 0) {
      gcTerminated(all);
    }
    gcTerminating(all);
    gcOrphaned(all);
    gcUnscheduledTerminating(all);
  }

  private void gcTerminated(List<Pod> all) {
    List<Pod> terminated = new ArrayList<>(all.stream().filter(Pods::isTerminal).toList());
    int excess = terminated.size() - settings.terminatedPodThreshold();
    if (excess <= 0) {
      return;
    }
    terminated.sort(BY_EVICTION_AND_CREATION);
    LOG.info("garbage collecting terminated pods: count={}", excess);
    for (Pod pod : terminated.subList(0, excess)) {
      markFailedAndDelete(pod, null);
    }
  }

  private void gcTerminating(List<Pod> all) {
    for (Pod pod : all) {
      if (pod.getMetadata().getDeletionTimestamp() == null || !Pods.isScheduled(pod)) {
        continue;
      }
      Node node = nodes.get("", pod.getSpec().getNodeName());
      if (node != null && !isReady(node) && node.getSpec().getTaints() != null
          && node.getSpec().getTaints().stream()
              .anyMatch(t -> "node.kubernetes.io/out-of-service".equals(t.getKey()))) {
        markFailedAndDelete(pod, null);
      }
    }
  }

  /** Pods on nodes missing from the cache for the quarantine time and from the apiserver. */
  private void gcOrphaned(List<Pod> all) {
    Instant now = clock.instant();
    Set<String> existing = new HashSet<>();
    nodes.list().forEach(n -> existing.add(n.getMetadata().getName()));
    Set<String> missing = new HashSet<>();
    for (Pod pod : all) {
      if (Pods.isScheduled(pod) && !existing.contains(pod.getSpec().getNodeName())) {
        missing.add(pod.getSpec().getNodeName());
        quarantine.putIfAbsent(pod.getSpec().getNodeName(), now);
      }
    }
    quarantine.keySet().retainAll(missing);
    Set<String> deleted = new HashSet<>();
    for (Map.Entry<String, Instant> entry : quarantine.entrySet()) {
      if (!now.isBefore(entry.getValue().plus(settings.quarantineTime()))
          && api.get(Node.class, "", entry.getKey()) == null) {
        deleted.add(entry.getKey());
      }
    }
    for (Pod pod : all) {
      if (Pods.isScheduled(pod) && deleted.contains(pod.getSpec().getNodeName())) {
        LOG.info("deleting orphaned pod: pod={}/{} node={}", pod.getMetadata().getNamespace(),
            pod.getMetadata().getName(), pod.getSpec().getNodeName());
        markFailedAndDelete(pod, new PodConditionBuilder().withType("DisruptionTarget")
            .withStatus("True").withReason("DeletionByPodGC")
            .withMessage("PodGC: node no longer exists").build());
      }
    }
  }

  private void gcUnscheduledTerminating(List<Pod> all) {
    for (Pod pod : all) {
      if (pod.getMetadata().getDeletionTimestamp() != null && !Pods.isScheduled(pod)) {
        markFailedAndDelete(pod, null);
      }
    }
  }

  /** {@code markFailedAndDeletePodWithCondition}: phase Failed first, then a forced delete. */
  private void markFailedAndDelete(Pod cached, PodCondition condition) {
    try {
      if (!Pods.isTerminal(cached)) {
        Pod pod = Json.copy(cached);
        pod.getStatus().setPhase("Failed");
        if (condition != null) {
          condition.setLastTransitionTime(
              clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
          List<PodCondition> conditions = pod.getStatus().getConditions() == null
              ? new ArrayList<>() : new ArrayList<>(pod.getStatus().getConditions());
          conditions.removeIf(c -> Objects.equals(c.getType(), condition.getType()));
          conditions.add(condition);
          pod.getStatus().setConditions(conditions);
        }
        api.updateStatus(pod);
      }
      api.delete(Pod.class, cached.getMetadata().getNamespace(), cached.getMetadata().getName(),
          new Deletion("", "", 0L));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.info("pod garbage collection failed: pod={}/{} error={}",
            cached.getMetadata().getNamespace(), cached.getMetadata().getName(), e.getMessage());
      }
    }
  }

  /** {@code byEvictionAndCreationTimestamp}: evicted first, then oldest, then by name. */
  static final Comparator<Pod> BY_EVICTION_AND_CREATION = Comparator
      .comparing((Pod p) -> !("Failed".equals(Pods.phase(p))
          && "Evicted".equals(p.getStatus().getReason())))
      .thenComparing(p -> Objects.toString(p.getMetadata().getCreationTimestamp(), ""))
      .thenComparing(p -> p.getMetadata().getName());

  private static boolean isReady(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return false;
    }
    for (NodeCondition condition : node.getStatus().getConditions()) {
      if ("Ready".equals(condition.getType())) {
        return "True".equals(condition.getStatus());
      }
    }
    return false;
  }

  @Override
  public void close() {}
}
