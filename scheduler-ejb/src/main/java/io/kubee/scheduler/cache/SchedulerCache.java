package io.kubee.scheduler.cache;

import io.fabric8.kubernetes.api.model.Node;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's view of nodes and the pods on them (kube-scheduler's {@code cacheImpl},
 * pkg/scheduler/backend/cache/cache.go), fed by the informers and by the scheduler itself:
 * a pod is <em>assumed</em> on its node as soon as the scheduler chose it, before the binding
 * reaches the apiserver, so the next cycle already counts it; the informer's add confirms it,
 * a failed binding forgets it. {@link #updateSnapshot} copies only the nodes that changed since
 * the last snapshot (their generation is newer), and finds them without visiting the others:
 * the nodes are also kept in a list ordered by their last change, most recent first (Kubernetes'
 * {@code headNode} list), which the snapshot walks only until the first node it already has.
 * Thread-safe (one lock).
 */
public final class SchedulerCache {
  private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
  /** Each node's place in the recency list; the same keys as {@link #nodes}. */
  private final Map<String, Recent> recent = new HashMap<>();
  private Recent head;
  /** uid → the pod as counted (assumed or confirmed). */
  private final Map<String, PodInfo> pods = new HashMap<>();
  private final Set<String> assumed = new HashSet<>();
  private final Set<String> bindingFinished = new HashSet<>();
  private long generation;
  /** Nodes were added or removed, or node objects changed: the snapshot rebuilds its lists. */
  private boolean structureChanged = true;

  public synchronized void addNode(Node node) {
    String name = node.getMetadata().getName();
    NodeInfo info = nodes.computeIfAbsent(name, n -> new NodeInfo());
    info.setNode(node);
    touch(name, info);
    structureChanged = true;
  }

  public synchronized void updateNode(Node node) {
    addNode(node);
  }

  /** Removes the node; its pods stay counted under its name until they are removed too. */
  public synchronized void removeNode(String name) {
    NodeInfo info = nodes.get(name);
    if (info == null) {
      return;
    }
    if (info.pods().isEmpty()) {
      nodes.remove(name);
      unlink(name);
    } else {
      info.clearNode();
      touch(name, info);
    }
    structureChanged = true;
  }

  /** Assumes {@code pod} (whose nodeName is set) on its node before binding. */
  public synchronized void assumePod(PodInfo pod) {
    if (pods.containsKey(pod.uid())) {
      throw new IllegalStateException("pod " + pod.key() + " is in the cache, cannot assume it");
    }
    addPodLocked(pod);
    assumed.add(pod.uid());
  }

  /** The binding of an assumed pod was sent and accepted. */
  public synchronized void finishBinding(String uid) {
    if (assumed.contains(uid)) {
      bindingFinished.add(uid);
    }
  }

  /** Undoes {@link #assumePod} after a failed binding. */
  public synchronized void forgetPod(String uid) {
    if (assumed.remove(uid)) {
      bindingFinished.remove(uid);
      removePodLocked(uid);
    }
  }

  public synchronized boolean isAssumed(String uid) {
    return assumed.contains(uid);
  }

  /** An assigned pod the informer reports: confirms an assumed pod or adds it. */
  public synchronized void addPod(PodInfo pod) {
    String uid = pod.uid();
    PodInfo current = pods.get(uid);
    if (current != null && assumed.contains(uid)) {
      assumed.remove(uid);
      bindingFinished.remove(uid);
      if (!current.nodeName().equals(pod.nodeName())) {
        removePodLocked(uid); // bound elsewhere by another scheduler
        addPodLocked(pod);
      } else {
        replaceLocked(current, pod);
      }
      return;
    }
    if (current == null) {
      addPodLocked(pod);
    } else {
      replaceLocked(current, pod);
    }
  }

  public synchronized void updatePod(PodInfo pod) {
    addPod(pod);
  }

  public synchronized void removePod(String uid) {
    assumed.remove(uid);
    bindingFinished.remove(uid);
    removePodLocked(uid);
  }

  private void replaceLocked(PodInfo current, PodInfo pod) {
    if (current.nodeName().equals(pod.nodeName())) {
      NodeInfo info = nodes.get(pod.nodeName());
      info.removePod(pod.uid());
      info.addPod(pod);
      pods.put(pod.uid(), pod);
      touch(pod.nodeName(), info);
    } else {
      removePodLocked(current.uid());
      addPodLocked(pod);
    }
  }

  private void addPodLocked(PodInfo pod) {
    NodeInfo info = nodes.computeIfAbsent(pod.nodeName(), n -> new NodeInfo());
    info.addPod(pod);
    pods.put(pod.uid(), pod);
    if (pod.hasAffinity()) {
      structureChanged = true;
    }
    touch(pod.nodeName(), info);
  }

  private void removePodLocked(String uid) {
    PodInfo pod = pods.remove(uid);
    if (pod == null) {
      return;
    }
    NodeInfo info = nodes.get(pod.nodeName());
    if (info != null) {
      info.removePod(uid);
      if (pod.hasAffinity()) {
        structureChanged = true;
      }
      if (info.node() == null && info.pods().isEmpty()) {
        nodes.remove(pod.nodeName());
        unlink(pod.nodeName());
        structureChanged = true;
      } else {
        touch(pod.nodeName(), info);
      }
    }
  }

  /** A node in the recency list. */
  private static final class Recent {
    final String name;
    final NodeInfo info;
    Recent prev;
    Recent next;

    Recent(String name, NodeInfo info) {
      this.name = name;
      this.info = info;
    }
  }

  /** Marks the node changed: a new generation, and first in the recency list. */
  private void touch(String name, NodeInfo info) {
    info.setGeneration(++generation);
    Recent r = recent.get(name);
    if (r == null || r.info != info) {
      unlink(name);
      r = new Recent(name, info);
      recent.put(name, r);
    } else if (r == head) {
      return;
    } else {
      detach(r);
    }
    r.next = head;
    if (head != null) {
      head.prev = r;
    }
    head = r;
  }

  private void unlink(String name) {
    Recent r = recent.remove(name);
    if (r != null) {
      detach(r);
    }
  }

  private void detach(Recent r) {
    if (r.prev != null) {
      r.prev.next = r.next;
    } else if (head == r) {
      head = r.next;
    }
    if (r.next != null) {
      r.next.prev = r.prev;
    }
    r.prev = null;
    r.next = null;
  }

  /**
   * Brings {@code snapshot} up to date: copies the NodeInfos changed since its generation and,
   * when nodes came or went (or pods with affinity), rebuilds its lists.
   */
  public synchronized void updateSnapshot(Snapshot snapshot) {
    long since = snapshot.generation();
    boolean rebuild = structureChanged || since < 0;
    Map<String, NodeInfo> copies = snapshot.byName();
    // most recently changed first: stop at the first node the snapshot already has
    for (Recent r = head; r != null && r.info.generation() > since; r = r.next) {
      NodeInfo copy = r.info.snapshotCopy();
      if (rebuild || r.info.node() == null) {
        copies.put(r.name, copy);
      } else if (!snapshot.replace(copy)) {
        rebuild = true;
      }
    }
    if (copies.size() != nodes.size()) {
      rebuild = true;
    }
    if (rebuild) {
      // a node removed while another came leaves the size equal: drop stale copies on rebuilds
      copies.keySet().retainAll(nodes.keySet());
      List<NodeInfo> ordered = new ArrayList<>(nodes.size());
      for (String name : nodes.keySet()) {
        NodeInfo copy = copies.get(name);
        if (copy != null) {
          ordered.add(copy);
        }
      }
      snapshot.rebuildLists(ordered);
    }
    structureChanged = false;
    snapshot.setGeneration(generation);
  }

  public synchronized int nodeCount() {
    int n = 0;
    for (NodeInfo info : nodes.values()) {
      n += info.node() == null ? 0 : 1;
    }
    return n;
  }

  public synchronized int podCount() {
    return pods.size();
  }

  /** The node a counted pod is on, or null (tests, debugging). */
  public synchronized String nodeOf(String uid) {
    PodInfo pod = pods.get(uid);
    return pod == null ? null : pod.nodeName();
  }
}
