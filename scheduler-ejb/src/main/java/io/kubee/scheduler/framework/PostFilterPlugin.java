package io.kubee.scheduler.framework;

import java.util.Map;

/** Runs when no node fits (preemption): may nominate a node for the pod. */
public interface PostFilterPlugin extends Plugin {
  /**
   * @param statuses why each node was rejected, by node name
   * @return the outcome; {@link PostFilterResult#nominatedNode()} is set on success
   */
  PostFilterResult postFilter(CycleState state, PodInfo pod, Map<String, Status> statuses);
}
