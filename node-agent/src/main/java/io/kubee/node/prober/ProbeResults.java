package io.kubee.node.prober;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The verdicts of one kind of probe by container id (kubelet's {@code results.Manager}); a
 * change calls the listener with the pod's uid, which syncs the pod.
 */
public final class ProbeResults {
  private final Map<String, ProbeResult> results = new ConcurrentHashMap<>();
  private final BiConsumer<String, ProbeResult> listener;

  ProbeResults(BiConsumer<String, ProbeResult> listener) {
    this.listener = listener;
  }

  /** The container's verdict, or null when it has none. */
  public ProbeResult get(String containerId) {
    return results.get(containerId);
  }

  void set(String containerId, ProbeResult result, String podUid) {
    ProbeResult previous = results.put(containerId, result);
    if (previous != result) {
      listener.accept(podUid, result);
    }
  }

  void remove(String containerId) {
    results.remove(containerId);
  }
}
