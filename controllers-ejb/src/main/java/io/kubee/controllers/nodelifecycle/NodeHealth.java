package io.kubee.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubee.runtime.Pods;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the node monitor remembers of each node between passes ({@code nodeHealthData} and
 * {@code tryUpdateNodeHealth}, node_lifecycle_controller.go): when it last saw a heartbeat — a
 * new Ready condition heartbeat or a renewed Lease — measured on the controller's own clock, so
 * that node clocks do not matter. After the grace period without one, the node's Ready,
 * MemoryPressure, DiskPressure and PIDPressure conditions become Unknown.
 */
final class NodeHealth {
  static final List<String> MONITORED_CONDITIONS =
      List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");

  /** One node's record. */
  static final class Data {
    Instant probeTimestamp;
    Instant readyTransitionTimestamp;
    NodeCondition savedReady;
    Instant leaseRenewTime;
  }

  /**
   * The outcome of one check.
   *
   * @param observed the Ready condition as the node reported it (a synthetic Unknown when it
   *                 never did)
   * @param current  the Ready condition after this check (Unknown when the grace period
   *                 passed); null for a node that never posted status, still in its startup
   *                 grace period
   * @param updated  the node with the changed conditions to write, or null when nothing changed
   */
  record Result(NodeCondition observed, NodeCondition current, Node updated) {}

  private final Map<String, Data> nodes = new HashMap<>();

  Data get(String node) {
    return nodes.get(node);
  }

  void forget(String node) {
    nodes.remove(node);
  }

  /** Treats every node as just heard from (on leaving full disruption). */
  void touchAll(Instant now) {
    nodes.values().forEach(d -> {
      d.probeTimestamp = now;
      d.readyTransitionTimestamp = now;
    });
  }

  Result check(Node node, Lease lease, Duration gracePeriod, Duration startupGracePeriod,
      Instant now) {
    NodeCondition ready = condition(node, "Ready");
    Instant created = Pods.time(node.getMetadata().getCreationTimestamp());
    NodeCondition observed;
    Duration grace;
    Data data = nodes.get(node.getMetadata().getName());
    if (ready == null) {
      observed = new NodeConditionBuilder().withType("Ready").withStatus("Unknown")
          .withLastHeartbeatTime(node.getMetadata().getCreationTimestamp())
          .withLastTransitionTime(node.getMetadata().getCreationTimestamp()).build();
      grace = startupGracePeriod;
      if (data == null) {
        data = new Data();
        data.probeTimestamp = created == null ? now : created;
        data.readyTransitionTimestamp = data.probeTimestamp;
      }
    } else {
      observed = ready;
      grace = gracePeriod;
      if (data == null || data.savedReady == null) {
        data = new Data();
        data.probeTimestamp = now;
        data.readyTransitionTimestamp = now;
      } else if (!Objects.equals(data.savedReady.getLastHeartbeatTime(),
          ready.getLastHeartbeatTime())) {
        Instant transition = Objects.equals(data.savedReady.getLastTransitionTime(),
            ready.getLastTransitionTime()) ? data.readyTransitionTimestamp : now;
        Instant leaseSeen = data.leaseRenewTime;
        data = new Data();
        data.probeTimestamp = now;
        data.readyTransitionTimestamp = transition;
        data.leaseRenewTime = leaseSeen;
      }
      data.savedReady = ready;
    }
    Instant renewTime = lease == null || lease.getSpec() == null
        || lease.getSpec().getRenewTime() == null ? null
        : lease.getSpec().getRenewTime().toInstant();
    if (renewTime != null && (data.leaseRenewTime == null
        || renewTime.isAfter(data.leaseRenewTime))) {
      data.leaseRenewTime = renewTime;
      data.probeTimestamp = now;
    }
    nodes.put(node.getMetadata().getName(), data);
    if (!now.isAfter(data.probeTimestamp.plus(grace))) {
      return new Result(observed, ready, null);
    }
    Node copy = Taints.copy(node);
    if (copy.getStatus() == null) {
      copy.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
    }
    List<NodeCondition> conditions = copy.getStatus().getConditions() == null
        ? new ArrayList<>() : new ArrayList<>(copy.getStatus().getConditions());
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    for (String type : MONITORED_CONDITIONS) {
      NodeCondition condition = conditions.stream().filter(c -> type.equals(c.getType()))
          .findFirst().orElse(null);
      if (condition == null) {
        conditions.add(new NodeConditionBuilder().withType(type).withStatus("Unknown")
            .withReason("NodeStatusNeverUpdated").withMessage("Kubelet never posted node status.")
            .withLastHeartbeatTime(node.getMetadata().getCreationTimestamp())
            .withLastTransitionTime(time).build());
      } else if (!"Unknown".equals(condition.getStatus())) {
        condition.setStatus("Unknown");
        condition.setReason("NodeStatusUnknown");
        condition.setMessage("Kubelet stopped posting node status.");
        condition.setLastTransitionTime(time);
      }
    }
    copy.getStatus().setConditions(conditions);
    NodeCondition current = conditions.stream().filter(c -> "Ready".equals(c.getType()))
        .findFirst().orElseThrow();
    if (current.equals(ready)) {
      return new Result(observed, current, null);
    }
    data.readyTransitionTimestamp = now;
    data.savedReady = current;
    return new Result(observed, current, copy);
  }

  static NodeCondition condition(Node node, String type) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return null;
    }
    return node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
        .findFirst().orElse(null);
  }
}
