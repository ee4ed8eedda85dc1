package io.kubee.node.pod;

import io.kubee.node.kuberuntime.RuntimeContainer;
import io.kubee.node.kuberuntime.RuntimePodStatus;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest runtime status of each pod (kubelet's {@code kubecontainer.Cache}), written after
 * every pod sync and read by the probers, the kubelet API (exec, logs) and the stats provider
 * without calling the runtime. Thread-safe.
 */
public final class PodCache {
  private final Map<String, RuntimePodStatus> statuses = new ConcurrentHashMap<>();

  public void put(RuntimePodStatus status) {
    statuses.put(status.uid(), status);
  }

  public Optional<RuntimePodStatus> get(String uid) {
    return Optional.ofNullable(statuses.get(uid));
  }

  public void remove(String uid) {
    statuses.remove(uid);
  }

  /** The newest run of a regular container of that name. */
  public Optional<RuntimeContainer> container(String uid, String name) {
    RuntimePodStatus status = statuses.get(uid);
    return status == null ? Optional.empty() : status.latest(name, false);
  }
}
