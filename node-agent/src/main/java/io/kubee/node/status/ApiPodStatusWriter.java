package io.kubee.node.status;

import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kubee.api.codec.Codec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pod status through {@code PATCH pods/<name>/status} (JSON merge patch of the whole status,
 * with {@code metadata.uid} as precondition so another pod of the same name is never
 * touched), and the final {@code DELETE} with {@code gracePeriodSeconds: 0} and a uid
 * precondition, as kubelet's status manager sends them.
 */
public final class ApiPodStatusWriter implements PodStatusWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiPodStatusWriter.class);

  private final KubernetesClient client;

  public ApiPodStatusWriter(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Outcome patchStatus(String namespace, String name, String uid, PodStatus status) {
    ObjectNode patch = Codec.INSTANCE.newObject();
    patch.putObject("metadata").put("uid", uid);
    patch.set("status", Codec.INSTANCE.fromTyped(status));
    try {
      client.pods().inNamespace(namespace).withName(name).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
      return Outcome.OK;
    } catch (KubernetesClientException e) {
      return outcome(e.getCode(), namespace, name, e.getMessage());
    }
  }

  @Override
  public Outcome deletePod(String namespace, String name, String uid) {
    String body = "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0,"
        + "\"preconditions\":{\"uid\":\"" + uid + "\"}}";
    String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
        + enc(namespace) + "/pods/" + enc(name);
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url)
        .delete("application/json", body).build();
    try {
      HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class)
          .get(30, TimeUnit.SECONDS);
      if (response.isSuccessful()) {
        return Outcome.OK;
      }
      return outcome(response.code(), namespace, name, response.body());
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("cannot delete pod={}/{}: {}", namespace, name, e.toString());
      return Outcome.RETRY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.RETRY;
    }
  }

  private static Outcome outcome(int code, String namespace, String name, String message) {
    if (code == 404 || code == 409) {
      // gone, or the name now belongs to another pod (uid precondition)
      return Outcome.GONE;
    }
    LOG.warn("status update of pod={}/{} failed code={}: {}", namespace, name, code, message);
    return code == 422 || code == 400 ? Outcome.GONE : Outcome.RETRY;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
