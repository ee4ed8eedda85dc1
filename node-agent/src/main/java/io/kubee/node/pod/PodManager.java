package io.kubee.node.pod;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods the API assigns to this node, as last seen (kubelet's {@code pod.Manager}), by uid
 * and by namespace/name: the kubelet API finds pods here. Thread-safe.
 */
public final class PodManager {
  private final Map<String, Pod> byUid = new ConcurrentHashMap<>();
  private final Map<String, String> uidByName = new ConcurrentHashMap<>();

  public void put(Pod pod) {
    byUid.put(pod.getMetadata().getUid(), pod);
    uidByName.put(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()),
        pod.getMetadata().getUid());
  }

  public void remove(Pod pod) {
    byUid.remove(pod.getMetadata().getUid());
    uidByName.remove(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()),
        pod.getMetadata().getUid());
  }

  public Optional<Pod> byUid(String uid) {
    return Optional.ofNullable(byUid.get(uid));
  }

  public Optional<Pod> byName(String namespace, String name) {
    String uid = uidByName.get(key(namespace, name));
    return uid == null ? Optional.empty() : byUid(uid);
  }

  public List<Pod> all() {
    return List.copyOf(byUid.values());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
