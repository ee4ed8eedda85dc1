package io.kubee.scheduler.plugins;

import io.kubee.scheduler.framework.AffinityTerm;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scoring half of {@link InterPodAffinity} (plugins/interpodaffinity/scoring.go): per
 * topology domain, the weights of the pod's preferred terms that pods there match (anti-affinity
 * subtracts), plus the weights of placed pods' preferred terms the pod matches, plus 1 for each
 * placed pod's required affinity term it matches; normalized min-max to [0, 100].
 */
final class InterPodAffinityScoring {
  static final String STATE_KEY = "PreScore" + InterPodAffinity.NAME;
  /** Kubernetes' default hardPodAffinityWeight. */
  static final int HARD_POD_AFFINITY_WEIGHT = 1;

  private InterPodAffinityScoring() {}

  /** topologyKey → value → score. */
  private record State(Map<String, Map<String, Long>> scores) implements CycleState.StateData {
    @Override
    public CycleState.StateData copy() {
      return this;
    }
  }

  static Status preScore(CycleState state, PodInfo pod, Snapshot snapshot,
      Function<String, Map<String, String>> nsLabels) {
    boolean constraints = !pod.preferredAffinity().isEmpty()
        || !pod.preferredAntiAffinity().isEmpty();
    List<NodeInfo> nodes = constraints ? snapshot.list() : snapshot.havePodsWithAffinity();
    Map<String, Map<String, Long>> scores = new HashMap<>();
    for (NodeInfo node : nodes) {
      List<PodInfo> pods = constraints ? node.pods() : node.podsWithAffinity();
      for (PodInfo existing : pods) {
        Map<String, String> labels = node.labels();
        terms(scores, pod.preferredAffinity(), existing, nsLabels, labels, 1);
        terms(scores, pod.preferredAntiAffinity(), existing, nsLabels, labels, -1);
        if (!labels.isEmpty()) {
          for (AffinityTerm t : existing.requiredAffinity()) {
            term(scores, t, HARD_POD_AFFINITY_WEIGHT, pod, nsLabels, labels, 1);
          }
        }
        terms(scores, existing.preferredAffinity(), pod, nsLabels, labels, 1);
        terms(scores, existing.preferredAntiAffinity(), pod, nsLabels, labels, -1);
      }
    }
    if (scores.isEmpty()) {
      return Status.SKIP;
    }
    state.write(STATE_KEY, new State(scores));
    return Status.SUCCESS;
  }

  private static void terms(Map<String, Map<String, Long>> scores, List<AffinityTerm> terms,
      PodInfo target, Function<String, Map<String, String>> nsLabels,
      Map<String, String> nodeLabels, int multiplier) {
    for (AffinityTerm t : terms) {
      term(scores, t, t.weight(), target, nsLabels, nodeLabels, multiplier);
    }
  }

  private static void term(Map<String, Map<String, Long>> scores, AffinityTerm term, int weight,
      PodInfo target, Function<String, Map<String, String>> nsLabels,
      Map<String, String> nodeLabels, int multiplier) {
    if (term.matches(target, nsLabels)) {
      String value = nodeLabels.get(term.topologyKey());
      if (value != null) {
        scores.computeIfAbsent(term.topologyKey(), k -> new HashMap<>())
            .merge(value, (long) weight * multiplier, Long::sum);
      }
    }
  }

  static long score(CycleState state, NodeInfo node) {
    State s = state.read(STATE_KEY);
    long score = 0;
    for (Map.Entry<String, Map<String, Long>> e : s.scores().entrySet()) {
      String value = node.labels().get(e.getKey());
      if (value != null) {
        score += e.getValue().getOrDefault(value, 0L);
      }
    }
    return score;
  }

  static void normalize(long[] scores) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    long diff = max - min;
    for (int i = 0; i < scores.length; i++) {
      scores[i] = diff > 0 ? (long) (100.0 * (scores[i] - min) / diff) : 0;
    }
  }
}
