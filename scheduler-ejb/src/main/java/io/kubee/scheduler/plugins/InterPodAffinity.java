package io.kubee.scheduler.plugins;

import io.kubee.scheduler.framework.AffinityTerm;
import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.EnqueueExtensions;
import io.kubee.scheduler.framework.FilterPlugin;
import io.kubee.scheduler.framework.Handle;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PreFilterPlugin;
import io.kubee.scheduler.framework.PreScorePlugin;
import io.kubee.scheduler.framework.ScorePlugin;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Required inter-pod affinity and anti-affinity (plugins/interpodaffinity/filtering.go): the
 * pod's affinity terms need a matching pod in the node's topology domain (unless no pod matches
 * anywhere and the pod matches its own terms: the first of a group); its anti-affinity terms and
 * the anti-affinity terms of pods already placed must find no match there. PreFilter counts the
 * matches per domain once; the extensions keep the counts right during preemption. Preferred
 * terms (and existing pods' required affinity, weight 1) score through
 * {@link InterPodAffinityScoring} (scoring.go).
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin,
    ScorePlugin, EnqueueExtensions, PreFilterPlugin.PreFilterExtensions {
  public static final String NAME = "InterPodAffinity";
  static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
  static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
  static final String EXISTING_ANTI_AFFINITY_REASON =
      "node(s) didn't satisfy existing pods anti-affinity rules";
  private static final String STATE_KEY = "PreFilter" + NAME;

  private final Handle handle;

  public InterPodAffinity(Handle handle) {
    this.handle = handle;
  }

  private static final class State implements CycleState.StateData {
    final TopologyCounts existingAntiAffinity;
    final TopologyCounts affinity;
    final TopologyCounts antiAffinity;
    final Function<String, Map<String, String>> namespaceLabels;

    State(TopologyCounts existingAntiAffinity, TopologyCounts affinity,
        TopologyCounts antiAffinity, Function<String, Map<String, String>> namespaceLabels) {
      this.existingAntiAffinity = existingAntiAffinity;
      this.affinity = affinity;
      this.antiAffinity = antiAffinity;
      this.namespaceLabels = namespaceLabels;
    }

    @Override
    public CycleState.StateData copy() {
      return new State(existingAntiAffinity.copy(), affinity.copy(), antiAffinity.copy(),
          namespaceLabels);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status preFilter(CycleState state, PodInfo pod, Snapshot nodes) {
    boolean ownTerms = !pod.requiredAffinity().isEmpty() || !pod.requiredAntiAffinity().isEmpty();
    if (!ownTerms && nodes.havePodsWithRequiredAntiAffinity().isEmpty()) {
      return Status.SKIP;
    }
    Function<String, Map<String, String>> nsLabels = handle.listers()::namespaceLabels;
    State s = new State(new TopologyCounts(), new TopologyCounts(), new TopologyCounts(),
        nsLabels);
    for (NodeInfo node : nodes.havePodsWithRequiredAntiAffinity()) {
      for (PodInfo existing : node.podsWithRequiredAntiAffinity()) {
        antiAffinityTerms(s.existingAntiAffinity, existing.requiredAntiAffinity(), pod, nsLabels,
            node.labels(), 1);
      }
    }
    if (ownTerms) {
      for (NodeInfo node : nodes.list()) {
        for (PodInfo existing : node.pods()) {
          affinityTerms(s.affinity, pod.requiredAffinity(), existing, nsLabels, node.labels(), 1);
          antiAffinityTerms(s.antiAffinity, pod.requiredAntiAffinity(), existing, nsLabels,
              node.labels(), 1);
        }
      }
    }
    state.write(STATE_KEY, s);
    return Status.SUCCESS;
  }

  /** Counts the domain of each term when {@code target} matches all of them. */
  private static void affinityTerms(TopologyCounts counts, List<AffinityTerm> terms,
      PodInfo target, Function<String, Map<String, String>> nsLabels,
      Map<String, String> nodeLabels, long value) {
    if (!terms.isEmpty() && matchesAll(terms, target, nsLabels)) {
      for (AffinityTerm t : terms) {
        counts.update(nodeLabels, t.topologyKey(), value);
      }
    }
  }

  /** Counts the domain of each term {@code target} matches. */
  private static void antiAffinityTerms(TopologyCounts counts, List<AffinityTerm> terms,
      PodInfo target, Function<String, Map<String, String>> nsLabels,
      Map<String, String> nodeLabels, long value) {
    for (AffinityTerm t : terms) {
      if (t.matches(target, nsLabels)) {
        counts.update(nodeLabels, t.topologyKey(), value);
      }
    }
  }

  static boolean matchesAll(List<AffinityTerm> terms, PodInfo pod,
      Function<String, Map<String, String>> nsLabels) {
    for (AffinityTerm t : terms) {
      if (!t.matches(pod, nsLabels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public PreFilterExtensions preFilterExtensions() {
    return this;
  }

  @Override
  public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
    update(state, pod, added, node, 1);
  }

  @Override
  public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
    update(state, pod, removed, node, -1);
  }

  private void update(CycleState state, PodInfo pod, PodInfo other, NodeInfo node, long value) {
    State s = state.read(STATE_KEY);
    if (s == null) {
      return;
    }
    antiAffinityTerms(s.existingAntiAffinity, other.requiredAntiAffinity(), pod,
        s.namespaceLabels, node.labels(), value);
    affinityTerms(s.affinity, pod.requiredAffinity(), other, s.namespaceLabels, node.labels(),
        value);
    antiAffinityTerms(s.antiAffinity, pod.requiredAntiAffinity(), other, s.namespaceLabels,
        node.labels(), value);
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    State s = state.read(STATE_KEY);
    if (s == null) {
      return Status.error("reading " + STATE_KEY + ": PreFilter did not run");
    }
    if (!satisfiesAffinity(s, pod, node)) {
      return Status.unresolvable(AFFINITY_REASON);
    }
    if (!s.antiAffinity.isEmpty()) {
      for (AffinityTerm term : pod.requiredAntiAffinity()) {
        String value = node.labels().get(term.topologyKey());
        if (value != null && s.antiAffinity.get(term.topologyKey(), value) > 0) {
          return Status.unschedulable(ANTI_AFFINITY_REASON);
        }
      }
    }
    if (!s.existingAntiAffinity.isEmpty()) {
      for (Map.Entry<String, String> label : node.labels().entrySet()) {
        if (s.existingAntiAffinity.get(label.getKey(), label.getValue()) > 0) {
          return Status.unschedulable(EXISTING_ANTI_AFFINITY_REASON);
        }
      }
    }
    return Status.SUCCESS;
  }

  private static boolean satisfiesAffinity(State s, PodInfo pod, NodeInfo node) {
    boolean podsExist = true;
    for (AffinityTerm term : pod.requiredAffinity()) {
      String value = node.labels().get(term.topologyKey());
      if (value == null) {
        return false; // every topology label must exist on the node
      }
      if (s.affinity.get(term.topologyKey(), value) <= 0) {
        podsExist = false;
      }
    }
    // the first pod of a group that has affinity to itself may go anywhere it matches
    return podsExist || (s.affinity.isEmpty()
        && matchesAll(pod.requiredAffinity(), pod, s.namespaceLabels));
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible) {
    return InterPodAffinityScoring.preScore(state, pod, handle.snapshot(),
        handle.listers()::namespaceLabels);
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    return InterPodAffinityScoring.score(state, node);
  }

  @Override
  public void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    InterPodAffinityScoring.normalize(scores);
  }

  @Override
  public Set<ClusterEvent> eventsToRegister() {
    return Set.of(ClusterEvent.ASSIGNED_POD_ADD, ClusterEvent.ASSIGNED_POD_UPDATE,
        ClusterEvent.ASSIGNED_POD_DELETE, ClusterEvent.NODE_ADD, ClusterEvent.NODE_LABEL_CHANGE);
  }
}
