package io.kubee.node.volume;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/** TokenRequest through the apiserver with the node agent's client. */
public final class ApiTokenSource implements TokenSource {
  private final KubernetesClient client;

  public ApiTokenSource(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String token(Pod pod, String serviceAccount, List<String> audiences,
      long expirationSeconds) throws Exception {
    TokenRequest request = new TokenRequestBuilder()
        .withNewSpec()
        .withAudiences(audiences)
        .withExpirationSeconds(expirationSeconds)
        .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod")
        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
        .endBoundObjectRef()
        .endSpec()
        .build();
    try {
      TokenRequest answer = client.serviceAccounts().inNamespace(pod.getMetadata().getNamespace())
          .withName(serviceAccount).tokenRequest(request);
      return answer.getStatus().getToken();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        throw new Exception("the apiserver does not serve TokenRequest for service account \""
            + serviceAccount + "\" (serviceaccounts/token): " + e.getMessage(), e);
      }
      throw e;
    }
  }
}
