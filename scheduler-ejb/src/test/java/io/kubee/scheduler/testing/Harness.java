package io.kubee.scheduler.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubee.scheduler.framework.ClusterClient;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.Framework;
import io.kubee.scheduler.framework.Handle;
import io.kubee.scheduler.framework.Listers;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.Parallelizer;
import io.kubee.scheduler.framework.Plugin;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PodNominator;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.plugins.Plugins;
import io.kubee.scheduler.queue.Nominator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plugins over a fixed set of nodes, as the framework runs them, without a scheduler: filter
 * statuses per node and normalized scores per node. Single-threaded.
 */
public final class Harness implements Handle {
  public final Snapshot snapshot;
  public final FakeClusterClient client = new FakeClusterClient();
  public final Nominator nominator = new Nominator();
  private final Listers listers;
  private final Framework framework;

  public Harness(List<NodeInfo> nodes, Listers listers, Map<String, Integer> weights,
      Map<String, Map<String, String>> args, String... plugins) {
    this.snapshot = Snapshot.of(nodes);
    this.listers = listers;
    List<Plugin> created = new ArrayList<>();
    for (String p : plugins) {
      created.add(Plugins.create(p, args.getOrDefault(p, Map.of()), this));
    }
    this.framework = new Framework("default-scheduler", created, weights, 0);
    framework.setHandle(this);
  }

  public static Harness of(List<NodeInfo> nodes, String... plugins) {
    return new Harness(nodes, FixedListers.EMPTY, Map.of(), Map.of(), plugins);
  }

  /** PreFilter, then Filter on every node: the status of each node by name. */
  public Map<String, Status> filter(Pod pod) {
    PodInfo info = new PodInfo(pod);
    CycleState state = new CycleState();
    Status pre = framework.runPreFilterPlugins(state, info, snapshot);
    Map<String, Status> result = new LinkedHashMap<>();
    for (NodeInfo node : snapshot.list()) {
      result.put(node.name(), pre.isSuccess()
          ? framework.runFilterPlugins(state, info, node) : pre);
    }
    return result;
  }

  /** The weighted, normalized score of each node (all nodes taken as feasible). */
  public Map<String, Long> score(Pod pod) {
    PodInfo info = new PodInfo(pod);
    CycleState state = new CycleState();
    framework.runPreFilterPlugins(state, info, snapshot);
    long[] scores = framework.runScorePlugins(state, info, snapshot.list());
    Map<String, Long> result = new LinkedHashMap<>();
    for (int i = 0; i < scores.length; i++) {
      result.put(snapshot.list().get(i).name(), scores[i]);
    }
    return result;
  }

  @Override
  public Snapshot snapshot() {
    return snapshot;
  }

  @Override
  public Listers listers() {
    return listers;
  }

  @Override
  public PodNominator nominator() {
    return nominator;
  }

  @Override
  public Parallelizer parallelizer() {
    return Parallelizer.direct();
  }

  @Override
  public ClusterClient client() {
    return client;
  }

  @Override
  public Framework framework() {
    return framework;
  }
}
