package io.kubee.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubee.controllers.api.DynamicApi;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Pods;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link MetricsClient} over the resource metrics API, {@code GET
 * /apis/metrics.k8s.io/v1beta1/namespaces/<ns>/pods?labelSelector=...}, as Kubernetes'
 * {@code resourceMetricsClient}. Until the monitoring add-on serves it, every read fails with
 * the message Kubernetes gives.
 */
public final class ResourceMetricsClient implements MetricsClient {
  private final DynamicApi api;

  public ResourceMetricsClient(DynamicApi api) {
    this.api = api;
  }

  @Override
  public Map<String, PodMetric> podMetrics(String resource, String namespace, String selector) {
    String json;
    try {
      json = api.get("/apis/metrics.k8s.io/v1beta1/namespaces/" + namespace + "/pods"
          + "?labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    } catch (KubernetesClientException e) {
      throw new MetricsUnavailable("unable to get metrics for resource " + resource
          + ": unable to fetch metrics from resource metrics API: " + e.getMessage());
    }
    if (json == null) {
      throw new MetricsUnavailable("unable to get metrics for resource " + resource
          + ": unable to fetch metrics from resource metrics API: the server could not find "
          + "the requested resource (get pods.metrics.k8s.io)");
    }
    PodMetricsList list = Json.read(json, PodMetricsList.class);
    Map<String, PodMetric> result = new HashMap<>();
    for (PodMetrics pod : list.getItems()) {
      long total = 0;
      boolean missing = false;
      for (ContainerMetrics container : pod.getContainers()) {
        Quantity usage = container.getUsage() == null ? null : container.getUsage().get(resource);
        if (usage == null) {
          missing = true;
          break;
        }
        total += Quantity.getAmountInBytes(usage).multiply(BigDecimal.valueOf(1000)).longValue();
      }
      if (!missing) {
        Instant timestamp = Pods.time(pod.getTimestamp());
        Duration window = pod.getWindow() == null ? Duration.ofSeconds(30)
            : pod.getWindow().getDuration();
        result.put(pod.getMetadata().getName(), new PodMetric(total, timestamp, window));
      }
    }
    if (result.isEmpty()) {
      throw new MetricsUnavailable("unable to get metrics for resource " + resource
          + ": no metrics returned from resource metrics API");
    }
    return result;
  }
}
