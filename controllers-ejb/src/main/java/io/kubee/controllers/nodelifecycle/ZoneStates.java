package io.kubee.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zones and their disruption ({@code ComputeZoneState}, {@code handleDisruption},
 * {@code setLimiterInZone}, node_lifecycle_controller.go): each zone queues the nodes waiting for
 * a NoExecute taint and lets them through at node-eviction-rate (0.1 node/s); a zone where at
 * least unhealthy-zone-threshold (55%) of more than two nodes are not ready slows to
 * secondary-node-eviction-rate in large clusters and stops in small ones; when every zone is
 * fully disrupted the controller assumes its own network is at fault and stops tainting.
 */
final class ZoneStates {
  enum State { INITIAL, NORMAL, FULL_DISRUPTION, PARTIAL_DISRUPTION }

  private final double evictionQps;
  private final double secondaryEvictionQps;
  private final int largeClusterThreshold;
  private final double unhealthyZoneThreshold;
  private final Clock clock;
  private final Map<String, State> states = new HashMap<>();
  private final Map<String, TokenBucket> limiters = new HashMap<>();
  private final Map<String, Deque<String>> queues = new HashMap<>();

  ZoneStates(double evictionQps, double secondaryEvictionQps, int largeClusterThreshold,
      double unhealthyZoneThreshold, Clock clock) {
    this.evictionQps = evictionQps;
    this.secondaryEvictionQps = secondaryEvictionQps;
    this.largeClusterThreshold = largeClusterThreshold;
    this.unhealthyZoneThreshold = unhealthyZoneThreshold;
    this.clock = clock;
  }

  /** {@code GetZoneKey}: region and zone labels, "" when the node has none. */
  static String zone(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of()
        : node.getMetadata().getLabels();
    String region = labels.getOrDefault("topology.kubernetes.io/region",
        labels.getOrDefault("failure-domain.beta.kubernetes.io/region", ""));
    String zone = labels.getOrDefault("topology.kubernetes.io/zone",
        labels.getOrDefault("failure-domain.beta.kubernetes.io/zone", ""));
    return region.isEmpty() && zone.isEmpty() ? "" : region + ":\u0000:" + zone;
  }

  /** {@code addPodEvictorForNewZone}. */
  void addZone(String zone) {
    if (!states.containsKey(zone)) {
      states.put(zone, State.INITIAL);
      limiters.put(zone, new TokenBucket(evictionQps, 1, clock));
      queues.put(zone, new ArrayDeque<>());
    }
  }

  /** {@code markNodeForTainting}: queues the node once. */
  boolean queueForTainting(String zone, String node) {
    addZone(zone);
    Deque<String> queue = queues.get(zone);
    if (queue.contains(node)) {
      return false;
    }
    queue.addLast(node);
    return true;
  }

  /** Drops the node from its zone's tainting queue ({@code markNodeAsReachable}). */
  void cancelTainting(String zone, String node) {
    Deque<String> queue = queues.get(zone);
    if (queue != null) {
      queue.remove(node);
    }
  }

  /**
   * Takes the nodes whose tainting the zones' rate limits allow now, in queue order
   * ({@code doNoExecuteTaintingPass}); {@code done} returns false to keep a node queued for
   * the next pass.
   */
  void drain(java.util.function.Predicate<String> done) {
    for (Map.Entry<String, Deque<String>> entry : queues.entrySet()) {
      TokenBucket limiter = limiters.get(entry.getKey());
      Deque<String> queue = entry.getValue();
      Set<String> retry = new LinkedHashSet<>();
      while (!queue.isEmpty()) {
        if (!limiter.tryAccept()) {
          break;
        }
        String node = queue.pollFirst();
        if (!done.test(node)) {
          retry.add(node);
        }
      }
      retry.forEach(queue::addLast);
    }
  }

  /** {@code ComputeZoneState}: the count of not-ready nodes and the zone's state. */
  State compute(List<NodeCondition> readyConditions) {
    int ready = 0;
    int notReady = 0;
    for (NodeCondition condition : readyConditions) {
      if (condition != null && "True".equals(condition.getStatus())) {
        ready++;
      } else {
        notReady++;
      }
    }
    if (ready == 0 && notReady > 0) {
      return State.FULL_DISRUPTION;
    }
    if (notReady > 2 && (double) notReady / (notReady + ready) >= unhealthyZoneThreshold) {
      return State.PARTIAL_DISRUPTION;
    }
    return State.NORMAL;
  }

  /**
   * {@code handleDisruption}; returns MASTER_DISRUPTION_ENTERED / _EXITED when every zone went
   * into or out of full disruption (the caller then untaints every node, or resets probe times).
   */
  Transition update(Map<String, List<NodeCondition>> readyByZone) {
    Map<String, State> next = new HashMap<>();
    boolean allFully = true;
    for (Map.Entry<String, List<NodeCondition>> entry : readyByZone.entrySet()) {
      State state = compute(entry.getValue());
      allFully &= state == State.FULL_DISRUPTION;
      next.put(entry.getKey(), state);
      addZone(entry.getKey());
    }
    boolean allWereFully = true;
    for (String zone : Set.copyOf(states.keySet())) {
      if (!readyByZone.containsKey(zone)) {
        states.remove(zone);
        continue;
      }
      allWereFully &= states.get(zone) == State.FULL_DISRUPTION;
    }
    if (allFully && allWereFully) {
      return Transition.NONE;
    }
    if (allFully) {
      states.keySet().forEach(zone -> {
        limiters.get(zone).setRate(0);
        states.put(zone, State.FULL_DISRUPTION);
      });
      return Transition.MASTER_DISRUPTION_ENTERED;
    }
    if (allWereFully) {
      states.keySet().forEach(zone -> {
        setLimiter(zone, readyByZone.get(zone).size(), next.get(zone));
        states.put(zone, next.get(zone));
      });
      return Transition.MASTER_DISRUPTION_EXITED;
    }
    for (String zone : states.keySet()) {
      State state = next.get(zone);
      if (states.get(zone) != state) {
        setLimiter(zone, readyByZone.get(zone).size(), state);
        states.put(zone, state);
      }
    }
    return Transition.NONE;
  }

  /** What {@link #update} saw happen to the cluster as a whole. */
  enum Transition { NONE, MASTER_DISRUPTION_ENTERED, MASTER_DISRUPTION_EXITED }

  private void setLimiter(String zone, int size, State state) {
    double rate = switch (state) {
      case PARTIAL_DISRUPTION -> size > largeClusterThreshold ? secondaryEvictionQps : 0;
      default -> evictionQps;
    };
    limiters.get(zone).setRate(rate);
  }

  State state(String zone) {
    return states.get(zone);
  }
}
