package io.kubee.controllers.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubee.controllers.Events;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Events as "Type Reason object: message" lines, for assertions. */
public final class RecordedEvents implements Events {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void event(HasMetadata object, String type, String reason, String message) {
    lines.add(type + " " + reason + " " + object.getMetadata().getName() + ": " + message);
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  public void clear() {
    lines.clear();
  }
}
