package io.kubee.node.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * ConfigMaps and Secrets from the apiserver with a time-to-live cache (kubelet's "Cache"
 * change-detection strategy, {@code pkg/kubelet/util/manager/cache_based_manager.go}): a pod's
 * starting containers and its volumes read the same object once per TTL, and a changed object
 * reaches volumes within TTL plus the pod resync period.
 */
public final class ApiObjectSource implements ObjectSource {
  private record Cached(Object value, Instant fetched) {}

  private final KubernetesClient client;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public ApiObjectSource(KubernetesClient client, Duration ttl, Clock clock) {
    this.client = client;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return Optional.ofNullable((ConfigMap) cached("configmap/" + namespace + "/" + name,
        () -> client.configMaps().inNamespace(namespace).withName(name).get()));
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable((Secret) cached("secret/" + namespace + "/" + name,
        () -> client.secrets().inNamespace(namespace).withName(name).get()));
  }

  private Object cached(String key, Supplier<Object> fetch) {
    Instant now = clock.instant();
    Cached hit = cache.get(key);
    if (hit != null && Duration.between(hit.fetched(), now).compareTo(ttl) < 0) {
      return hit.value();
    }
    Object value = fetch.get();
    cache.put(key, new Cached(value, now));
    return value;
  }

  /** Forgets everything (tests, or when a pod's references change). */
  public void invalidate() {
    cache.clear();
  }
}
