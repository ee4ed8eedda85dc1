package io.kubee.node.volume;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Service-account tokens for projected volumes, through the TokenRequest API
 * ({@code serviceaccounts/<name>/token}) bound to the pod (kubelet's token manager).
 */
public interface TokenSource {
  /** @return the token; throws when the apiserver refuses or does not serve TokenRequest */
  String token(Pod pod, String serviceAccount, List<String> audiences, long expirationSeconds)
      throws Exception;
}
