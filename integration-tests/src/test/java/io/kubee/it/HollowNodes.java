package io.kubee.it;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "Hollow" nodes, as Kubernetes' kubemark has them: Node objects whose kubelet part the test
 * plays, so that the controllers meet what they would meet with real nodes. Each node renews
 * its Lease in kube-node-lease and posts a Ready heartbeat until {@link #stopHeartbeats}; pods
 * of scheduler {@link #SCHEDULER} are bound to the nodes in turn (the real scheduler ignores
 * them); a bound pod is made Running with an IP and becomes Ready after {@code readyAfter};
 * a pod being deleted is removed with grace period 0, as a kubelet does once its containers
 * stopped. Close it to stop everything it runs.
 */
final class HollowNodes implements AutoCloseable {
  /** The schedulerName of pods these nodes take. */
  static final String SCHEDULER = "hollow-scheduler";

  private final KubernetesClient client;
  private final Duration heartbeat;
  private final Duration readyAfter;
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
  private final List<String> nodes = new ArrayList<>();
  private final Set<String> silent = ConcurrentHashMap.newKeySet();
  private final Set<String> notReadyPods = ConcurrentHashMap.newKeySet();
  private final Map<String, Boolean> handled = new ConcurrentHashMap<>();
  private final AtomicInteger nextNode = new AtomicInteger();
  private final AtomicInteger nextIp = new AtomicInteger(1);
  private final SharedIndexInformer<Pod> informer;

  /**
   * @param heartbeat  how often the nodes renew their Lease and Ready condition
   * @param readyAfter how long after it runs a pod turns Ready
   */
  HollowNodes(KubernetesClient client, Duration heartbeat, Duration readyAfter,
      String... names) {
    this.client = client;
    this.heartbeat = heartbeat;
    this.readyAfter = readyAfter;
    for (String name : names) {
      register(name);
    }
    executor.scheduleAtFixedRate(this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        executor.execute(() -> handle(pod));
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        executor.execute(() -> handle(pod));
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        handled.remove(pod.getMetadata().getUid());
      }
    }, 0);
  }

  private void register(String name) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("kubernetes.io/hostname", name, "hollow", "true"))
        .endMetadata().build()).create();
    nodes.add(name);
    postStatus(name);
  }

  /** The node stops renewing its Lease and posting status, as if it lost the network. */
  void stopHeartbeats(String node) {
    silent.add(node);
  }

  void resumeHeartbeats(String node) {
    silent.remove(node);
    executor.execute(() -> postStatus(node));
  }

  /** Pods whose name starts with {@code prefix} stay not Ready. */
  void keepNotReady(String prefix) {
    notReadyPods.add(prefix);
  }

  private void beat() {
    for (String node : nodes) {
      if (!silent.contains(node)) {
        try {
          renewLease(node);
          postStatus(node);
        } catch (KubernetesClientException e) {
          // the next beat tries again
        }
      }
    }
  }

  private void renewLease(String node) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    var leases = client.leases().inNamespace("kube-node-lease");
    if (leases.withName(node).get() == null) {
      leases.resource(new LeaseBuilder().withNewMetadata().withName(node).endMetadata()
          .withNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(40)
          .withRenewTime(now).endSpec().build()).create();
    } else {
      leases.withName(node).edit(l -> new LeaseBuilder(l).editSpec().withRenewTime(now)
          .endSpec().build());
    }
  }

  private void postStatus(String node) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    client.nodes().withName(node).editStatus(n -> {
      Node copy = new NodeBuilder(n).build();
      if (copy.getStatus() == null) {
        copy.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
      }
      NodeCondition previous = copy.getStatus().getConditions() == null ? null
          : copy.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
              .findFirst().orElse(null);
      String since = previous != null && "True".equals(previous.getStatus())
          ? previous.getLastTransitionTime() : now;
      List<NodeCondition> conditions = new ArrayList<>();
      for (String type : List.of("MemoryPressure", "DiskPressure", "PIDPressure")) {
        conditions.add(new NodeConditionBuilder().withType(type).withStatus("False")
            .withReason("KubeletHas" + ("PIDPressure".equals(type) ? "SufficientPID"
                : "No" + type)).withLastHeartbeatTime(now).withLastTransitionTime(since).build());
      }
      conditions.add(new NodeConditionBuilder().withType("Ready").withStatus("True")
          .withReason("KubeletReady").withMessage("kubelet is posting ready status")
          .withLastHeartbeatTime(now).withLastTransitionTime(since).build());
      copy.getStatus().setConditions(conditions);
      copy.getStatus().setCapacity(Map.of("cpu", new io.fabric8.kubernetes.api.model
          .Quantity("4"), "memory", new io.fabric8.kubernetes.api.model.Quantity("8Gi"),
          "pods", new io.fabric8.kubernetes.api.model.Quantity("110")));
      copy.getStatus().setAllocatable(copy.getStatus().getCapacity());
      return copy;
    });
  }

  /** Binds, runs, readies and finally removes the pods of this hollow scheduler. */
  private void handle(Pod pod) {
    try {
      String nodeName = pod.getSpec().getNodeName();
      if (nodeName == null || nodeName.isEmpty()) {
        if (SCHEDULER.equals(pod.getSpec().getSchedulerName())
            && pod.getMetadata().getDeletionTimestamp() == null) {
          bind(pod);
        }
        return;
      }
      if (!nodes.contains(nodeName) || silent.contains(nodeName)) {
        return;
      }
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        client.pods().inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
        return;
      }
      if (handled.putIfAbsent(pod.getMetadata().getUid(), true) == null) {
        run(pod);
        boolean stayNotReady = notReadyPods.stream()
            .anyMatch(p -> pod.getMetadata().getName().startsWith(p));
        if (!stayNotReady) {
          executor.schedule(() -> setReady(pod.getMetadata().getNamespace(),
              pod.getMetadata().getName(), true), readyAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (KubernetesClientException e) {
      // gone meanwhile, or a conflict: a later event brings it back
    }
  }

  private void bind(Pod pod) {
    String node = nodes.get(Math.floorMod(nextNode.getAndIncrement(), nodes.size()));
    Http.post("/api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/"
        + pod.getMetadata().getName() + "/binding", "{\"apiVersion\":\"v1\",\"kind\":"
        + "\"Binding\",\"metadata\":{\"name\":\"" + pod.getMetadata().getName() + "\"},"
        + "\"target\":{\"kind\":\"Node\",\"name\":\"" + node + "\"}}",
        "application/json");
  }

  private void run(Pod pod) {
    String ip = "10.244." + (nextIp.get() / 250) + "." + (nextIp.getAndIncrement() % 250 + 1);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    client.pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName()).editStatus(p -> {
          Pod copy = new io.fabric8.kubernetes.api.model.PodBuilder(p).build();
          copy.getStatus().setPhase("Running");
          copy.getStatus().setPodIP(ip);
          copy.getStatus().setPodIPs(List.of(new PodIPBuilder().withIp(ip).build()));
          copy.getStatus().setHostIP("192.168.0.1");
          copy.getStatus().setStartTime(now);
          copy.getStatus().setConditions(List.of(
              condition("PodScheduled", "True", now), condition("Initialized", "True", now),
              condition("ContainersReady", "False", now), condition("Ready", "False", now)));
          return copy;
        });
  }

  /** Sets the pod's Ready and ContainersReady conditions, as its probes would. */
  void setReady(String namespace, String name, boolean ready) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      client.pods().inNamespace(namespace).withName(name).editStatus(p -> {
        Pod copy = new io.fabric8.kubernetes.api.model.PodBuilder(p).build();
        List<PodCondition> conditions = new ArrayList<>();
        for (PodCondition c : copy.getStatus().getConditions()) {
          if ("Ready".equals(c.getType()) || "ContainersReady".equals(c.getType())) {
            conditions.add(condition(c.getType(), ready ? "True" : "False", now));
          } else {
            conditions.add(c);
          }
        }
        copy.getStatus().setConditions(conditions);
        return copy;
      });
    } catch (KubernetesClientException e) {
      // deleted meanwhile
    }
  }

  private static PodCondition condition(String type, String status, String time) {
    return new PodConditionBuilder().withType(type).withStatus(status)
        .withLastTransitionTime(time).build();
  }

  List<String> names() {
    return List.copyOf(nodes);
  }

  Duration heartbeat() {
    return heartbeat;
  }

  /** Stops the heartbeats and the pod handling; deletes the nodes and their leases. */
  @Override
  public void close() {
    informer.close();
    executor.shutdownNow();
    for (String node : nodes) {
      try {
        client.nodes().withName(node).delete();
        client.leases().inNamespace("kube-node-lease").withName(node).delete();
      } catch (KubernetesClientException e) {
        // best effort
      }
    }
  }
}
