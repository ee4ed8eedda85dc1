package io.kubee.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/** The latest version of a pod the scheduler knows (the pod informer's store); null if gone. */
@FunctionalInterface
public interface PodLookup {
  Pod get(String namespace, String name);
}
