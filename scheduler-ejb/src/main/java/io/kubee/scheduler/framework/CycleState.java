package io.kubee.scheduler.framework;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the plugins of one scheduling cycle share (kube-scheduler's {@code framework.CycleState}):
 * PreFilter writes its state under a key derived from the plugin name, Filter and Score read it.
 * Thread-safe for the parallel Filter and Score calls; {@link #copy} makes the independent state
 * preemption's dry runs change.
 */
public final class CycleState {
  /** State a plugin keeps for the cycle; copied for preemption's what-if runs. */
  public interface StateData {
    StateData copy();
  }

  private final Map<String, StateData> data = new ConcurrentHashMap<>();
  private final Set<String> skipFilter = new HashSet<>();
  private final Set<String> skipScore = new HashSet<>();
  /** The filters that run this cycle (PreFilter skips removed), set once by the framework. */
  private FilterPlugin[] activeFilters;

  public void write(String key, StateData value) {
    data.put(key, value);
  }

  /** The state under {@code key}; null when the PreFilter that writes it did not run. */
  @SuppressWarnings("unchecked")
  public <T extends StateData> T read(String key) {
    return (T) data.get(key);
  }

  void skipFilter(String plugin) {
    skipFilter.add(plugin);
  }

  boolean filterSkipped(String plugin) {
    return skipFilter.contains(plugin);
  }

  FilterPlugin[] activeFilters() {
    return activeFilters;
  }

  void setActiveFilters(FilterPlugin[] filters) {
    this.activeFilters = filters;
  }

  void skipScore(String plugin) {
    skipScore.add(plugin);
  }

  boolean scoreSkipped(String plugin) {
    return skipScore.contains(plugin);
  }

  /** A deep copy: every plugin's state is copied, the skip sets too. */
  public CycleState copy() {
    CycleState copy = new CycleState();
    data.forEach((key, value) -> copy.data.put(key, value.copy()));
    copy.skipFilter.addAll(skipFilter);
    copy.skipScore.addAll(skipScore);
    copy.activeFilters = activeFilters;
    return copy;
  }
}
