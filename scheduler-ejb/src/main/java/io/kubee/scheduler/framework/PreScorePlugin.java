package io.kubee.scheduler.framework;

import java.util.List;

/** Runs once before scoring with the feasible nodes; {@link Status#SKIP} skips its Score. */
public interface PreScorePlugin extends Plugin {
  Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible);
}
