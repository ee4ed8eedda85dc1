package io.kubee.scheduler.framework;

import java.util.concurrent.CompletionStage;

/**
 * Binds the pod to the chosen node, asynchronously. {@link Status#SKIP} passes to the next bind
 * plugin; any other status is final.
 */
public interface BindPlugin extends Plugin {
  CompletionStage<Status> bind(CycleState state, PodInfo pod, String nodeName);
}
