package io.kubee.node.status;

import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * Writes pod status and finishes pod deletion on the apiserver ({@link ApiPodStatusWriter}); a
 * fake in tests. Never throws: the outcome says whether to retry.
 */
public interface PodStatusWriter {
  enum Outcome {
    OK,
    /** the pod is gone (or is another pod now): nothing more to write */
    GONE,
    /** the apiserver could not be reached or refused for now */
    RETRY
  }

  Outcome patchStatus(String namespace, String name, String uid, PodStatus status);

  Outcome deletePod(String namespace, String name, String uid);
}
