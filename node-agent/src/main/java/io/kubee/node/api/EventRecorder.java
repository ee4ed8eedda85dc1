package io.kubee.node.api;

import io.fabric8.kubernetes.api.model.ObjectReference;

/**
 * Records Kubernetes Events about pods and the node (what {@code kubectl describe} shows):
 * Pulling, Pulled, Created, Started, Killing, BackOff, Unhealthy, Failed... Best effort and
 * asynchronous: never blocks or fails the caller.
 */
public interface EventRecorder {
  String NORMAL = "Normal";
  String WARNING = "Warning";

  EventRecorder NONE = (object, type, reason, message) -> { };

  void event(ObjectReference object, String type, String reason, String message);
}
