package io.kubee.node.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * Where the kubelet reads the ConfigMaps and Secrets its pods use (env, envFrom, volumes):
 * the apiserver, with a short cache ({@link ApiObjectSource}), or a map in tests.
 * Implementations are thread-safe; a failure to ask (apiserver down) is an exception, never an
 * empty answer.
 */
public interface ObjectSource {
  /** The ConfigMap, or empty when it does not exist. */
  Optional<ConfigMap> configMap(String namespace, String name);

  /** The Secret, or empty when it does not exist. */
  Optional<Secret> secret(String namespace, String name);
}
