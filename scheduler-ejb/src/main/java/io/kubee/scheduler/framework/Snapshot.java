package io.kubee.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes as one scheduling cycle sees them (kube-scheduler's {@code cache.Snapshot}): copies
 * of the cache's NodeInfos taken at the start of the cycle, in a stable order, with the lists of
 * nodes whose pods have affinity terms and the number of nodes holding each image. The cache
 * refreshes it incrementally ({@code SchedulerCache.updateSnapshot}); plugins only read it.
 */
public final class Snapshot {
  final Map<String, NodeInfo> byName = new HashMap<>();
  List<NodeInfo> list = List.of();
  List<NodeInfo> withAffinity = List.of();
  List<NodeInfo> withRequiredAntiAffinity = List.of();
  Map<String, Integer> imageNodes = Map.of();
  private final Map<String, Integer> index = new HashMap<>();
  long generation = -1;

  /** A snapshot of these nodes, for tests and the benchmark of the algorithm. */
  public static Snapshot of(List<NodeInfo> nodes) {
    Snapshot snapshot = new Snapshot();
    nodes.forEach(n -> snapshot.byName.put(n.name(), n));
    snapshot.rebuildLists(nodes);
    return snapshot;
  }

  /** Every node with a node object, in the snapshot's order. */
  public List<NodeInfo> list() {
    return list;
  }

  /** The node named {@code name}, or null. */
  public NodeInfo get(String name) {
    return byName.get(name);
  }

  /** Nodes with at least one pod that has (anti-)affinity terms. */
  public List<NodeInfo> havePodsWithAffinity() {
    return withAffinity;
  }

  /** Nodes with at least one pod that has required anti-affinity terms. */
  public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
    return withRequiredAntiAffinity;
  }

  /** On how many nodes the (normalized) image is. */
  public int imageNodes(String image) {
    return imageNodes.getOrDefault(image, 0);
  }

  public long generation() {
    return generation;
  }

  /** Recomputes the lists from {@code ordered} (the nodes in order). */
  public void rebuildLists(List<NodeInfo> ordered) {
    List<NodeInfo> all = new ArrayList<>(ordered.size());
    List<NodeInfo> affinity = new ArrayList<>();
    List<NodeInfo> anti = new ArrayList<>();
    Map<String, Integer> images = new HashMap<>();
    for (NodeInfo n : ordered) {
      if (n.node() == null) {
        continue;
      }
      all.add(n);
      if (!n.podsWithAffinity().isEmpty()) {
        affinity.add(n);
      }
      if (!n.podsWithRequiredAntiAffinity().isEmpty()) {
        anti.add(n);
      }
      n.imageSizes().keySet().forEach(image -> images.merge(image, 1, Integer::sum));
    }
    index.clear();
    for (int i = 0; i < all.size(); i++) {
      index.put(all.get(i).name(), i);
    }
    list = all;
    withAffinity = affinity;
    withRequiredAntiAffinity = anti;
    imageNodes = images;
  }

  /**
   * Replaces a node's copy where the lists hold it, when only its pods changed (not its node
   * object, not its pods with affinity): no list is rebuilt. False when it is not listed.
   */
  public boolean replace(NodeInfo copy) {
    byName.put(copy.name(), copy);
    Integer i = index.get(copy.name());
    if (i == null) {
      return false;
    }
    list.set(i, copy);
    replaceIn(withAffinity, copy);
    replaceIn(withRequiredAntiAffinity, copy);
    return true;
  }

  private static void replaceIn(List<NodeInfo> nodes, NodeInfo copy) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).name().equals(copy.name())) {
        nodes.set(i, copy);
      }
    }
  }

  public void remove(String name) {
    byName.remove(name);
  }

  public void setGeneration(long generation) {
    this.generation = generation;
  }

  /** Every node copy by name (the cache's view for refreshing). */
  public Map<String, NodeInfo> byName() {
    return byName;
  }
}
