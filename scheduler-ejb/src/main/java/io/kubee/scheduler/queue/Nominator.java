package io.kubee.scheduler.queue;

import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PodNominator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods nominated to nodes (kube-scheduler's {@code nominator} in
 * internal/queue/scheduling_queue.go), fed by preemption and by pods whose
 * {@code status.nominatedNodeName} the informer reports. Thread-safe.
 */
public final class Nominator implements PodNominator {
  private final Map<String, List<PodInfo>> byNode = new HashMap<>();
  private final Map<String, String> nodeByUid = new HashMap<>();
  /** How many pods are nominated: the filters ask for every node, nearly always for nothing. */
  private volatile int count;

  @Override
  public synchronized void addNominatedPod(PodInfo pod, String node) {
    deleteNominatedPodIfExists(pod.uid());
    if (node == null || node.isEmpty()) {
      return;
    }
    nodeByUid.put(pod.uid(), node);
    List<PodInfo> pods = byNode.computeIfAbsent(node, n -> new ArrayList<>());
    pods.add(pod);
    pods.sort(Comparator.comparingInt(PodInfo::priority).reversed());
    count = nodeByUid.size();
  }

  @Override
  public synchronized void deleteNominatedPodIfExists(String uid) {
    String node = nodeByUid.remove(uid);
    if (node != null) {
      List<PodInfo> pods = byNode.get(node);
      pods.removeIf(p -> p.uid().equals(uid));
      if (pods.isEmpty()) {
        byNode.remove(node);
      }
    }
    count = nodeByUid.size();
  }

  @Override
  public List<PodInfo> nominatedPodsForNode(String node) {
    if (count == 0) {
      return List.of();
    }
    synchronized (this) {
      List<PodInfo> pods = byNode.get(node);
      return pods == null ? List.of() : List.copyOf(pods);
    }
  }

  /** The node {@code uid} is nominated to, or null. */
  public synchronized String nominatedNode(String uid) {
    return nodeByUid.get(uid);
  }
}
