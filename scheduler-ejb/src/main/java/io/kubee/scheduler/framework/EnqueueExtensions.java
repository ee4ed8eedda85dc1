package io.kubee.scheduler.framework;

import java.util.Set;

/**
 * The cluster events after which a pod this plugin rejected may fit
 * (kube-scheduler's {@code EventsToRegister}); the queue moves rejected pods back only then.
 */
public interface EnqueueExtensions {
  Set<ClusterEvent> eventsToRegister();
}
