package io.kubee.node.kuberuntime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a container could not be started last time (k8s.io/kubernetes
 * {@code pkg/kubelet/reason_cache.go}): CrashLoopBackOff, ErrImagePull, CreateContainerError...
 * Pod status shows it as the container's waiting reason until a start succeeds.
 */
public final class ReasonCache {
  /** @param reason CamelCase reason; @param message for people */
  public record Reason(String reason, String message) {}

  private final Map<String, Reason> reasons = new ConcurrentHashMap<>();

  public void add(String podUid, String container, String reason, String message) {
    reasons.put(key(podUid, container), new Reason(reason, message));
  }

  public void remove(String podUid, String container) {
    reasons.remove(key(podUid, container));
  }

  public Optional<Reason> get(String podUid, String container) {
    return Optional.ofNullable(reasons.get(key(podUid, container)));
  }

  /** Forgets a pod entirely (when it is gone). */
  public void forget(String podUid) {
    reasons.keySet().removeIf(k -> k.startsWith(podUid + "/"));
  }

  private static String key(String podUid, String container) {
    return podUid + "/" + container;
  }
}
