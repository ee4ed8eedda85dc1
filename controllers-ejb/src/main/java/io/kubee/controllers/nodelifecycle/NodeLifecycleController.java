package io.kubee.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.ControllerManagerOptions;
import io.kubee.controllers.Events;
import io.kubee.controllers.PeriodicJob;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.SharedInformers;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Lister;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches node heartbeats (pkg/controller/nodelifecycle/node_lifecycle_controller.go). Every
 * node-monitor-period the monitor checks each node's last Ready heartbeat and node Lease: after
 * node-monitor-grace-period without either, the node's conditions become Unknown ("Kubelet
 * stopped posting node status."), a NodeNotReady event is recorded and its pods are marked not
 * Ready; then the node gets the {@code node.kubernetes.io/unreachable} (Unknown) or
 * {@code not-ready} (False) NoExecute taint, at most node-eviction-rate nodes a second per zone
 * — the taint eviction controller evicts the pods whose tolerations run out. The taints go when
 * the node is Ready again. On node events the queue keeps the NoSchedule taints in line with
 * the node's conditions and {@code spec.unschedulable} (TaintNodesByCondition).
 */
public final class NodeLifecycleController extends QueueController {
  public static final String NAME = "nodelifecycle";
  public static final String MONITOR_JOB = "nodelifecycle/monitor";
  private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);
  private static final Map<String, Map<String, String>> CONDITION_TAINTS = Map.of(
      "Ready", Map.of("False", Taints.NOT_READY, "Unknown", Taints.UNREACHABLE),
      "MemoryPressure", Map.of("True", "node.kubernetes.io/memory-pressure"),
      "DiskPressure", Map.of("True", "node.kubernetes.io/disk-pressure"),
      "NetworkUnavailable", Map.of("True", "node.kubernetes.io/network-unavailable"),
      "PIDPressure", Map.of("True", "node.kubernetes.io/pid-pressure"));

  /** The settings, Kubernetes' defaults in {@link #from}. */
  public record Settings(Duration monitorPeriod, Duration gracePeriod,
      Duration startupGracePeriod, double evictionRate, double secondaryEvictionRate,
      int largeClusterSize, double unhealthyZoneThreshold) {

    public static Settings from(ControllerManagerOptions options) {
      return new Settings(
          options.duration(NAME + ".node-monitor-period", Duration.ofSeconds(5)),
          options.duration(NAME + ".node-monitor-grace-period", Duration.ofSeconds(40)),
          options.duration(NAME + ".node-startup-grace-period", Duration.ofSeconds(60)),
          options.number(NAME + ".node-eviction-rate", 0.1),
          options.number(NAME + ".secondary-node-eviction-rate", 0.01),
          options.integer(NAME + ".large-cluster-size-threshold", 50),
          options.number(NAME + ".unhealthy-zone-threshold", 0.55));
    }
  }

  private final Lister<Node> nodes;
  private final Lister<Lease> leases;
  private final Lister<Pod> pods;
  private final KubeApi api;
  private final Events events;
  private final Clock clock;
  private final Settings settings;
  private final NodeHealth health = new NodeHealth();
  private final ZoneStates zones;
  private final Map<String, Node> known = new HashMap<>();
  private final Set<String> retryPods = new HashSet<>();

  public NodeLifecycleController(Lister<Node> nodes, Lister<Lease> leases, Lister<Pod> pods,
      KubeApi api, Events events, Clock clock, Settings settings, ThreadFactory threads) {
    super(NAME, threads);
    this.nodes = nodes;
    this.leases = leases;
    this.pods = pods;
    this.api = api;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.zones = new ZoneStates(settings.evictionRate(), settings.secondaryEvictionRate(),
        settings.largeClusterSize(), settings.unhealthyZoneThreshold(), clock);
  }

  public static NodeLifecycleController create(ControllerContext context) {
    SharedInformers informers = context.informers();
    SharedIndexInformer<Node> nodeInformer = informers.forType(Node.class);
    SharedIndexInformer<Lease> leaseInformer = informers.forType(Lease.class);
    SharedIndexInformer<Pod> podInformer = informers.forType(Pod.class);
    informers.podsByNode(podInformer);
    NodeLifecycleController controller = new NodeLifecycleController(
        new Lister<>(nodeInformer.getIndexer()), new Lister<>(leaseInformer.getIndexer()),
        new Lister<>(podInformer.getIndexer()), context.api(), context.events("node-controller"),
        context.clock(), Settings.from(context.options()), context.threads());
    nodeInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Node node) {
        controller.enqueue(node);
      }

      @Override
      public void onUpdate(Node old, Node node) {
        controller.enqueue(node);
      }

      @Override
      public void onDelete(Node node, boolean finalStateUnknown) {}
    });
    return controller;
  }

  @Override
  public List<PeriodicJob> periodicJobs() {
    return List.of(new PeriodicJob(MONITOR_JOB, settings.monitorPeriod(), this::monitorNodeHealth));
  }

  @Override
  public void resync() {
    nodes.list().forEach(this::enqueue);
  }

  /** {@code doNoScheduleTaintingPass}: NoSchedule taints follow the node's conditions. */
  @Override
  public void sync(String key) {
    Node node = nodes.get(key);
    if (node == null) {
      return;
    }
    List<Taint> wanted = new ArrayList<>();
    if (node.getStatus() != null && node.getStatus().getConditions() != null) {
      for (NodeCondition condition : node.getStatus().getConditions()) {
        String taintKey = CONDITION_TAINTS.getOrDefault(condition.getType(), Map.of())
            .get(condition.getStatus());
        if (taintKey != null) {
          wanted.add(Taints.taint(taintKey, Taints.NO_SCHEDULE));
        }
      }
    }
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      wanted.add(Taints.taint(Taints.UNSCHEDULABLE, Taints.NO_SCHEDULE));
    }
    Set<String> managedKeys = new HashSet<>();
    CONDITION_TAINTS.values().forEach(m -> managedKeys.addAll(m.values()));
    managedKeys.add(Taints.UNSCHEDULABLE);
    List<Taint> present = Taints.withEffect(node, Taints.NO_SCHEDULE).stream()
        .filter(t -> managedKeys.contains(t.getKey())).toList();
    List<Taint> add = wanted.stream().filter(t -> !Taints.exists(present, t)).toList();
    List<Taint> remove = present.stream().filter(t -> !Taints.exists(wanted, t)).toList();
    if (!add.isEmpty() || !remove.isEmpty()) {
      if (!Taints.swap(api, node, add, remove, clock.instant())) {
        throw new IllegalStateException("failed to swap taints of node " + key);
      }
    }
  }

  /** {@code monitorNodeHealth}: one pass over every node. Run by the periodic job. */
  public void monitorNodeHealth() {
    List<Node> all = nodes.list();
    Instant now = clock.instant();
    classify(all);
    Map<String, List<NodeCondition>> readyByZone = new HashMap<>();
    for (Node cached : all) {
      String name = cached.getMetadata().getName();
      NodeHealth.Result result = checkWithRetry(cached, now);
      if (result == null) {
        continue;
      }
      Node node = result.updated() != null ? result.updated() : cached;
      Map<String, String> labels = node.getMetadata().getLabels();
      if (labels == null || !labels.containsKey("node.kubernetes.io/exclude-disruption")) {
        readyByZone.computeIfAbsent(ZoneStates.zone(node), z -> new ArrayList<>())
            .add(result.current());
      }
      if (result.current() == null) {
        continue; // never posted status and still within node-startup-grace-period
      }
      processTaintBasedEviction(cached, result.observed(), now);
      boolean becameNotReady = !"True".equals(result.current().getStatus())
          && "True".equals(result.observed().getStatus());
      if (becameNotReady) {
        events.event(node, Events.NORMAL, "NodeNotReady",
            "Node " + name + " status is now: NodeNotReady");
      }
      if (becameNotReady || (retryPods.contains(name)
          && !"True".equals(result.observed().getStatus()))) {
        try {
          markPodsNotReady(name);
          retryPods.remove(name);
        } catch (KubernetesClientException e) {
          LOG.info("unable to mark all pods NotReady: node={} error={}", name, e.getMessage());
          retryPods.add(name);
        }
      } else {
        retryPods.remove(name);
      }
    }
    handleDisruption(readyByZone, all, now);
    zones.drain(this::applyNoExecuteTaint);
  }

  private NodeHealth.Result checkWithRetry(Node cached, Instant now) {
    Node node = cached;
    for (int attempt = 0; attempt < 5 && node != null; attempt++) {
      NodeHealth.Result result = health.check(node, leases.get("kube-node-lease",
          node.getMetadata().getName()), settings.gracePeriod(), settings.startupGracePeriod(),
          now);
      if (result.updated() == null) {
        return result;
      }
      try {
        api.updateStatus(result.updated());
        return result;
      } catch (KubernetesClientException e) {
        LOG.debug("node status update failed: node={} error={}", node.getMetadata().getName(),
            e.getMessage());
        health.forget(node.getMetadata().getName());
        node = api.get(Node.class, "", node.getMetadata().getName());
      }
    }
    return null;
  }

  /** New nodes are registered (and untainted), deleted ones forgotten. */
  private void classify(List<Node> all) {
    Set<String> seen = new HashSet<>();
    for (Node node : all) {
      String name = node.getMetadata().getName();
      seen.add(name);
      if (!known.containsKey(name)) {
        events.event(node, Events.NORMAL, "RegisteredNode",
            "Registered Node " + name + " in Controller");
        known.put(name, node);
        zones.addZone(ZoneStates.zone(node));
        markNodeAsReachable(node);
      }
    }
    for (String name : Set.copyOf(known.keySet())) {
      if (!seen.contains(name)) {
        events.event(known.get(name), Events.NORMAL, "RemovingNode",
            "Node " + name + " event: Removing Node " + name + " from Controller");
        known.remove(name);
        health.forget(name);
        retryPods.remove(name);
      }
    }
  }

  /** {@code processTaintBaseEviction}. */
  private void processTaintBasedEviction(Node node, NodeCondition observed, Instant now) {
    String zone = ZoneStates.zone(node);
    Taint notReady = Taints.taint(Taints.NOT_READY, Taints.NO_EXECUTE);
    Taint unreachable = Taints.taint(Taints.UNREACHABLE, Taints.NO_EXECUTE);
    switch (observed.getStatus()) {
      case "False" -> {
        if (Taints.exists(Taints.taints(node), unreachable)) {
          Taints.swap(api, node, List.of(notReady), List.of(unreachable), now);
        } else {
          zones.queueForTainting(zone, node.getMetadata().getName());
        }
      }
      case "Unknown" -> {
        if (Taints.exists(Taints.taints(node), notReady)) {
          Taints.swap(api, node, List.of(unreachable), List.of(notReady), now);
        } else {
          zones.queueForTainting(zone, node.getMetadata().getName());
        }
      }
      default -> markNodeAsReachable(node);
    }
  }

  /** The NoExecute taint a queued node gets, by its Ready condition now; false to retry. */
  private boolean applyNoExecuteTaint(String name) {
    Node node = nodes.get(name);
    if (node == null) {
      return true;
    }
    NodeCondition ready = NodeHealth.condition(node, "Ready");
    String status = ready == null ? "Unknown" : ready.getStatus();
    Taint notReady = Taints.taint(Taints.NOT_READY, Taints.NO_EXECUTE);
    Taint unreachable = Taints.taint(Taints.UNREACHABLE, Taints.NO_EXECUTE);
    try {
      return switch (status) {
        case "False" -> Taints.swap(api, node, List.of(notReady), List.of(unreachable),
            clock.instant());
        case "Unknown" -> Taints.swap(api, node, List.of(unreachable), List.of(notReady),
            clock.instant());
        default -> true;
      };
    } catch (KubernetesClientException e) {
      LOG.info("failed to taint node: node={} error={}", name, e.getMessage());
      return false;
    }
  }

  /** {@code markNodeAsReachable}: removes both NoExecute taints and cancels the queued one. */
  private void markNodeAsReachable(Node node) {
    zones.cancelTainting(ZoneStates.zone(node), node.getMetadata().getName());
    List<Taint> remove = List.of(Taints.taint(Taints.NOT_READY, Taints.NO_EXECUTE),
        Taints.taint(Taints.UNREACHABLE, Taints.NO_EXECUTE));
    if (remove.stream().anyMatch(t -> Taints.exists(Taints.taints(node), t))) {
      try {
        Taints.swap(api, node, List.of(), remove, clock.instant());
      } catch (KubernetesClientException e) {
        LOG.info("failed to remove taints: node={} error={}", node.getMetadata().getName(),
            e.getMessage());
      }
    }
  }

  private void handleDisruption(Map<String, List<NodeCondition>> readyByZone, List<Node> all,
      Instant now) {
    switch (zones.update(readyByZone)) {
      case MASTER_DISRUPTION_ENTERED -> {
        LOG.info("Controller detected that all Nodes are not-Ready. "
            + "Entering master disruption mode");
        all.forEach(this::markNodeAsReachable);
      }
      case MASTER_DISRUPTION_EXITED -> {
        LOG.info("Controller detected that some Nodes are Ready. Exiting master disruption mode");
        health.touchAll(now);
      }
      default -> { }
    }
  }

  /** {@code MarkPodsNotReady}: each pod of the node gets Ready False, with a NodeNotReady event. */
  private void markPodsNotReady(String nodeName) {
    KubernetesClientException failure = null;
    for (Pod cached : pods.byIndex(SharedInformers.POD_NODE_NAME_INDEX, nodeName)) {
      Pod pod = Json.copy(cached);
      PodCondition ready = pod.getStatus() == null || pod.getStatus().getConditions() == null
          ? null : pod.getStatus().getConditions().stream()
              .filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
      if (ready == null || "False".equals(ready.getStatus())) {
        continue;
      }
      ready.setStatus("False");
      ready.setLastTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
      try {
        api.updateStatus(pod);
        events.event(pod, Events.WARNING, "NodeNotReady", "Node is not ready");
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
