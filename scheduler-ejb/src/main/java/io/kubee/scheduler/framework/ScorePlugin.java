package io.kubee.scheduler.framework;

import java.util.List;

/**
 * Ranks feasible nodes (a priority). {@link #score} is called in parallel, once per node; then
 * {@link #normalizeScore} brings all scores into [0, {@link #MAX_NODE_SCORE}] (its default
 * leaves them, for plugins that score in that range already). The profile weighs the results.
 */
public interface ScorePlugin extends Plugin {
  long MAX_NODE_SCORE = 100;

  long score(CycleState state, PodInfo pod, NodeInfo node);

  /** @param scores the scores of {@code nodes}, index by index, changed in place */
  default void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes,
      long[] scores) {}

  /**
   * Kubernetes' {@code helper.DefaultNormalizeScore}: scales scores so the highest becomes
   * {@code max}; {@code reverse} turns the lowest into the highest.
   */
  static void defaultNormalize(long max, boolean reverse, long[] scores) {
    long highest = 0;
    for (long s : scores) {
      highest = Math.max(highest, s);
    }
    for (int i = 0; i < scores.length; i++) {
      if (highest == 0) {
        scores[i] = reverse ? max : 0;
        continue;
      }
      long s = max * scores[i] / highest;
      scores[i] = reverse ? max - s : s;
    }
  }
}
