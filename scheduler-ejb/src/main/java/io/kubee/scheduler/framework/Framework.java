package io.kubee.scheduler.framework;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One profile's plugins, run extension point by extension point (kube-scheduler's
 * {@code frameworkImpl}, pkg/scheduler/framework/runtime/framework.go). Filters stop at the first
 * rejection; scores are normalized per plugin and summed with the profile's weights. Stateless
 * between cycles and thread-safe (plugins keep per-cycle data in the {@link CycleState}).
 */
public final class Framework {
  private final String profileName;
  private final int percentageOfNodesToScore;
  private final List<PreFilterPlugin> preFilters = new ArrayList<>();
  private final List<FilterPlugin> filters = new ArrayList<>();
  private final List<PostFilterPlugin> postFilters = new ArrayList<>();
  private final List<PreScorePlugin> preScores = new ArrayList<>();
  private final List<ScorePlugin> scores = new ArrayList<>();
  private final int[] scoreWeights;
  private final List<ReservePlugin> reserves = new ArrayList<>();
  private final List<BindPlugin> binders = new ArrayList<>();
  private final Map<String, Set<ClusterEvent>> events = new HashMap<>();
  private Handle handle;

  /**
   * @param plugins  in the order their extension points run
   * @param weights  score weight by plugin name; a score plugin without one weighs 1
   * @param percentageOfNodesToScore the profile's override, 0 for the scheduler's setting
   */
  public Framework(String profileName, List<Plugin> plugins, Map<String, Integer> weights,
      int percentageOfNodesToScore) {
    this.profileName = profileName;
    this.percentageOfNodesToScore = percentageOfNodesToScore;
    List<Integer> w = new ArrayList<>();
    for (Plugin p : plugins) {
      if (p instanceof PreFilterPlugin x) {
        preFilters.add(x);
      }
      if (p instanceof FilterPlugin x) {
        filters.add(x);
      }
      if (p instanceof PostFilterPlugin x) {
        postFilters.add(x);
      }
      if (p instanceof PreScorePlugin x) {
        preScores.add(x);
      }
      if (p instanceof ScorePlugin x) {
        int weight = weights.getOrDefault(p.name(), 1);
        if (weight > 0) {
          scores.add(x);
          w.add(weight);
        }
      }
      if (p instanceof ReservePlugin x) {
        reserves.add(x);
      }
      if (p instanceof BindPlugin x) {
        binders.add(x);
      }
      events.put(p.name(), p instanceof EnqueueExtensions e ? Set.copyOf(e.eventsToRegister())
          : EnumSet.allOf(ClusterEvent.class));
    }
    this.scoreWeights = w.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Connects the handle whose framework this is (set once, before the first cycle). */
  public void setHandle(Handle handle) {
    this.handle = handle;
  }

  public Handle handle() {
    return handle;
  }

  public String profileName() {
    return profileName;
  }

  public int percentageOfNodesToScore() {
    return percentageOfNodesToScore;
  }

  public boolean hasFilters() {
    return !filters.isEmpty();
  }

  public boolean hasScores() {
    return !scores.isEmpty();
  }

  /** Whether a pod rejected by {@code plugin} may fit after {@code event}. */
  public boolean interested(String plugin, ClusterEvent event) {
    Set<ClusterEvent> registered = events.get(plugin);
    return registered == null || event == ClusterEvent.UNKNOWN || registered.contains(event);
  }

  /** Runs every PreFilter; the first that rejects ends the run. Records skips. */
  public Status runPreFilterPlugins(CycleState state, PodInfo pod, Snapshot nodes) {
    for (PreFilterPlugin p : preFilters) {
      Status s = call(() -> p.preFilter(state, pod, nodes));
      if (s.isSkip()) {
        state.skipFilter(p.name());
      } else if (!s.isSuccess()) {
        return s.withPlugin(p.name());
      }
    }
    state.setActiveFilters(activeFilters(state));
    return Status.SUCCESS;
  }

  /** Runs the Filters on one node; the first that does not succeed decides. */
  public Status runFilterPlugins(CycleState state, PodInfo pod, NodeInfo node) {
    // called for every node of every cycle: no lambda, no lookup of skipped plugins per call
    FilterPlugin[] active = state.activeFilters();
    if (active == null) {
      active = activeFilters(state);
      state.setActiveFilters(active);
    }
    for (FilterPlugin p : active) {
      Status s;
      try {
        s = p.filter(state, pod, node);
      } catch (RuntimeException e) {
        s = Status.error(e);
      }
      if (!s.isSuccess()) {
        return s.withPlugin(p.name());
      }
    }
    return Status.SUCCESS;
  }

  private FilterPlugin[] activeFilters(CycleState state) {
    List<FilterPlugin> active = new ArrayList<>(filters.size());
    for (FilterPlugin p : filters) {
      if (!state.filterSkipped(p.name())) {
        active.add(p);
      }
    }
    return active.toArray(new FilterPlugin[0]);
  }

  /**
   * The Filters with the pods nominated to this node of at least the pod's priority counted as
   * if they were there (and, if that passes, without them too, as Kubernetes'
   * {@code RunFilterPluginsWithNominatedPods}): the room preemption freed stays theirs.
   */
  public Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node) {
    List<PodInfo> nominated = handle == null ? List.of()
        : handle.nominator().nominatedPodsForNode(node.name());
    if (nominated.isEmpty()) {
      return runFilterPlugins(state, pod, node);
    }
    NodeInfo withNominated = null;
    CycleState stateWithNominated = null;
    for (PodInfo n : nominated) {
      if (n.priority() >= pod.priority() && !n.uid().equals(pod.uid())) {
        if (withNominated == null) {
          withNominated = node.snapshotCopy();
          stateWithNominated = state.copy();
        }
        withNominated.addPod(n);
        runPreFilterExtensionAddPod(stateWithNominated, pod, n, withNominated);
      }
    }
    if (withNominated != null) {
      Status s = runFilterPlugins(stateWithNominated, pod, withNominated);
      if (!s.isSuccess()) {
        return s;
      }
    }
    return runFilterPlugins(state, pod, node);
  }

  public void runPreFilterExtensionAddPod(CycleState state, PodInfo pod, PodInfo added,
      NodeInfo node) {
    for (PreFilterPlugin p : preFilters) {
      if (!state.filterSkipped(p.name()) && p.preFilterExtensions() != null) {
        p.preFilterExtensions().addPod(state, pod, added, node);
      }
    }
  }

  public void runPreFilterExtensionRemovePod(CycleState state, PodInfo pod, PodInfo removed,
      NodeInfo node) {
    for (PreFilterPlugin p : preFilters) {
      if (!state.filterSkipped(p.name()) && p.preFilterExtensions() != null) {
        p.preFilterExtensions().removePod(state, pod, removed, node);
      }
    }
  }

  /** Runs PostFilters until one nominates a node; the last status otherwise. */
  public PostFilterResult runPostFilterPlugins(CycleState state, PodInfo pod,
      Map<String, Status> statuses) {
    PostFilterResult last = new PostFilterResult(null, Status.unschedulable());
    for (PostFilterPlugin p : postFilters) {
      PostFilterResult r;
      try {
        r = p.postFilter(state, pod, statuses);
      } catch (RuntimeException e) {
        return new PostFilterResult(null, Status.error(e).withPlugin(p.name()));
      }
      if (r.status().isSuccess() || r.status().code() == Code.ERROR) {
        return r;
      }
      last = r;
    }
    return last;
  }

  /**
   * PreScore, Score, NormalizeScore and the weighted sum: the total of each node of
   * {@code feasible}, index by index.
   */
  public long[] runScorePlugins(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
    for (PreScorePlugin p : preScores) {
      Status s = call(() -> p.preScore(state, pod, feasible));
      if (s.isSkip()) {
        state.skipScore(p.name());
      } else if (!s.isSuccess()) {
        throw new SchedulingException("running PreScore plugin " + p.name() + ": " + s.message());
      }
    }
    long[] total = new long[feasible.size()];
    List<ScorePlugin> active = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      if (!state.scoreSkipped(scores.get(i).name())) {
        active.add(scores.get(i));
        weights.add(scoreWeights[i]);
      }
    }
    if (active.isEmpty()) {
      return total;
    }
    long[][] perPlugin = new long[active.size()][feasible.size()];
    Parallelizer parallelizer = handle == null ? Parallelizer.direct() : handle.parallelizer();
    parallelizer.until(feasible.size(), n -> {
      NodeInfo node = feasible.get(n);
      for (int p = 0; p < active.size(); p++) {
        perPlugin[p][n] = active.get(p).score(state, pod, node);
      }
    }, null);
    for (int p = 0; p < active.size(); p++) {
      ScorePlugin plugin = active.get(p);
      plugin.normalizeScore(state, pod, feasible, perPlugin[p]);
      int weight = weights.get(p);
      for (int n = 0; n < total.length; n++) {
        long s = perPlugin[p][n];
        if (s < 0 || s > ScorePlugin.MAX_NODE_SCORE) {
          throw new SchedulingException("plugin " + plugin.name() + " returns an invalid score "
              + s + ", it should be in the range of [0, 100] after normalizing");
        }
        total[n] += s * weight;
      }
    }
    return total;
  }

  public Status runReservePluginsReserve(CycleState state, PodInfo pod, String node) {
    for (ReservePlugin p : reserves) {
      Status s = call(() -> p.reserve(state, pod, node));
      if (!s.isSuccess()) {
        return s.withPlugin(p.name());
      }
    }
    return Status.SUCCESS;
  }

  /** Unreserve in reverse order; errors are swallowed as Kubernetes does. */
  public void runReservePluginsUnreserve(CycleState state, PodInfo pod, String node) {
    for (int i = reserves.size() - 1; i >= 0; i--) {
      try {
        reserves.get(i).unreserve(state, pod, node);
      } catch (RuntimeException ignored) {
        // unreserve must not fail the pod's retry
      }
    }
  }

  /** The first bind plugin that does not skip binds. */
  public CompletionStage<Status> runBindPlugins(CycleState state, PodInfo pod, String node) {
    CompletionStage<Status> result = CompletableFuture.completedFuture(Status.SKIP);
    for (BindPlugin p : binders) {
      result = result.thenCompose(previous -> previous.isSkip()
          ? p.bind(state, pod, node).thenApply(s -> s.withPlugin(p.name()))
          : CompletableFuture.completedFuture(previous));
    }
    return result.thenApply(s -> s.isSkip() ? Status.error("no bind plugin bound the pod") : s);
  }

  private static Status call(java.util.function.Supplier<Status> plugin) {
    try {
      return plugin.get();
    } catch (RuntimeException e) {
      return Status.error(e);
    }
  }
}
