package io.kubee.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the control-plane components of this EAR say about themselves, for the readiness check:
 * each reports whether it is ready (running as leader, or standing by behind another leader)
 * and why not.
 */
@ApplicationScoped
public class ComponentHealth {

  /** One component's state. */
  public record State(boolean ready, String detail) {}

  private final Map<String, State> states = new TreeMap<>();

  public synchronized void report(String component, boolean ready, String detail) {
    states.put(component, new State(ready, detail));
  }

  public synchronized void forget(String component) {
    states.remove(component);
  }

  public synchronized Map<String, State> states() {
    return Map.copyOf(states);
  }
}
