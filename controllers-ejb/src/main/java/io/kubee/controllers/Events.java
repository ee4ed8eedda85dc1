package io.kubee.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Where a controller records its events (client-go's {@code record.EventRecorder}); the
 * manager backs it with the runtime's {@code EventRecorder}, tests with a list. Returns at once.
 */
@FunctionalInterface
public interface Events {
  String NORMAL = "Normal";
  String WARNING = "Warning";

  void event(HasMetadata object, String type, String reason, String message);

  /** Records nothing. */
  Events NONE = (object, type, reason, message) -> { };
}
