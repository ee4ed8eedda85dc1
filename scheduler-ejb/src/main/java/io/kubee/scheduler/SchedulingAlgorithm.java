package io.kubee.scheduler;

import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.FitError;
import io.kubee.scheduler.framework.Framework;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.Parallelizer;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.SchedulingException;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pod's placement (kube-scheduler's {@code schedulePod}, pkg/scheduler/schedule_one.go):
 * PreFilter, the filters in parallel over the nodes from a rotating start until enough feasible
 * nodes are found ({@code percentageOfNodesToScore}), scoring, and a random pick among the best.
 * Used by the scheduling loop only (one thread); the parallel parts are inside.
 */
public final class SchedulingAlgorithm {
  static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
  static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
  static final String NO_NODES = "no nodes available to schedule pods";

  /** The chosen node, how many nodes were filtered and how many fit. */
  public record Result(String node, int evaluatedNodes, int feasibleNodes) {}

  private final int percentageOfNodesToScore;
  private final Parallelizer parallelizer;
  private int nextStartNodeIndex;

  /** @param percentageOfNodesToScore 0 for Kubernetes' adaptive default */
  public SchedulingAlgorithm(int percentageOfNodesToScore, Parallelizer parallelizer) {
    this.percentageOfNodesToScore = percentageOfNodesToScore;
    this.parallelizer = parallelizer;
  }

  /**
   * Places {@code pod}; throws {@link FitError} when no node fits, {@link SchedulingException}
   * when a plugin failed or there are no nodes.
   */
  public Result schedulePod(Framework fwk, CycleState state, PodInfo pod, Snapshot snapshot) {
    int all = snapshot.list().size();
    if (all == 0) {
      throw new NoNodesAvailable();
    }
    List<NodeInfo> feasible = new ArrayList<>();
    Map<String, Status> statuses = new ConcurrentHashMap<>();
    int evaluated = findNodesThatFitPod(fwk, state, pod, snapshot, feasible, statuses);
    if (feasible.isEmpty()) {
      throw new FitError(pod, all, statuses, "", "");
    }
    if (feasible.size() == 1) {
      return new Result(feasible.get(0).name(), evaluated, 1);
    }
    long[] scores = fwk.runScorePlugins(state, pod, feasible);
    return new Result(feasible.get(selectHost(scores)).name(), evaluated, feasible.size());
  }

  /** No node objects at all: the pod waits with plain backoff. */
  public static final class NoNodesAvailable extends SchedulingException {
    private static final long serialVersionUID = 1L;

    NoNodesAvailable() {
      super(NO_NODES);
    }
  }

  private int findNodesThatFitPod(Framework fwk, CycleState state, PodInfo pod,
      Snapshot snapshot, List<NodeInfo> feasible, Map<String, Status> statuses) {
    List<NodeInfo> nodes = snapshot.list();
    Status pre = fwk.runPreFilterPlugins(state, pod, snapshot);
    if (!pre.isSuccess()) {
      if (!pre.isRejected()) {
        throw new SchedulingException("running PreFilter plugin " + pre.plugin() + ": "
            + pre.message());
      }
      Map<String, Status> every = new HashMap<>();
      nodes.forEach(n -> every.put(n.name(), pre));
      throw new FitError(pod, nodes.size(), every, pre.message(), "");
    }
    String nominated = pod.pod().getStatus() == null ? null
        : pod.pod().getStatus().getNominatedNodeName();
    if (nominated != null && !nominated.isEmpty()) {
      NodeInfo node = snapshot.get(nominated);
      if (node != null && node.node() != null
          && fwk.runFilterPluginsWithNominatedPods(state, pod, node).isSuccess()) {
        feasible.add(node);
        return 1;
      }
    }
    int n = nodes.size();
    int toFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore() > 0
        ? fwk.percentageOfNodesToScore() : percentageOfNodesToScore, n);
    int start = nextStartNodeIndex;
    if (!fwk.hasFilters()) {
      for (int i = 0; i < toFind; i++) {
        feasible.add(nodes.get((start + i) % n));
      }
      nextStartNodeIndex = (start + toFind) % n;
      return toFind;
    }
    NodeInfo[] found = new NodeInfo[toFind];
    AtomicInteger count = new AtomicInteger();
    AtomicInteger processed = new AtomicInteger();
    Parallelizer.Stop stop = new Parallelizer.Stop();
    parallelizer.until(n, i -> {
      NodeInfo node = nodes.get((start + i) % n);
      Status s = fwk.runFilterPluginsWithNominatedPods(state, pod, node);
      if (s.isSuccess()) {
        int k = count.incrementAndGet();
        if (k > toFind) {
          stop.stop();
          count.decrementAndGet();
          return;
        }
        processed.incrementAndGet();
        found[k - 1] = node;
        if (k == toFind) {
          stop.stop();
        }
      } else if (s.code() == io.kubee.scheduler.framework.Code.ERROR) {
        throw new SchedulingException("running Filter plugin " + s.plugin() + " on node "
            + node.name() + ": " + s.message());
      } else {
        processed.incrementAndGet();
        statuses.put(node.name(), s);
      }
    }, stop);
    nextStartNodeIndex = (start + processed.get()) % n;
    int c = Math.min(count.get(), toFind);
    for (int i = 0; i < c; i++) {
      feasible.add(found[i]);
    }
    return processed.get();
  }

  /** Kubernetes' numFeasibleNodesToFind: all below 100 nodes, else a share of them. */
  static int numFeasibleNodesToFind(int percentage, int all) {
    if (all < MIN_FEASIBLE_NODES_TO_FIND) {
      return all;
    }
    int p = percentage;
    if (p <= 0) {
      p = 50 - all / 125;
      if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
        p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
      }
    }
    int nodes = (int) ((long) all * p / 100);
    return Math.max(nodes, MIN_FEASIBLE_NODES_TO_FIND);
  }

  /** Index of a highest score, ties broken at random (reservoir sampling, as Kubernetes). */
  static int selectHost(long[] scores) {
    int selected = 0;
    long max = scores[0];
    int ties = 1;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > max) {
        max = scores[i];
        selected = i;
        ties = 1;
      } else if (scores[i] == max) {
        ties++;
        if (ThreadLocalRandom.current().nextInt(ties) == 0) {
          selected = i;
        }
      }
    }
    return selected;
  }

  /** The global percentageOfNodesToScore (0: adaptive). */
  public int percentageOfNodesToScore() {
    return percentageOfNodesToScore;
  }
}
