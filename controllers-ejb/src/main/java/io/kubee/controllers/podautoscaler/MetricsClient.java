package io.kubee.controllers.podautoscaler;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The resource metrics the autoscaler reads ({@code metricsclient.MetricsClient}): what the
 * metrics API ({@code metrics.k8s.io/v1beta1}, served by the monitoring add-on) reports for the
 * pods a selector picks. Throws when the API is not there or answers nothing.
 */
public interface MetricsClient {

  /** One pod's usage: the sum over its containers, and when and over what window. */
  record PodMetric(long milliValue, Instant timestamp, Duration window) {}

  /**
   * @param resource "cpu" (millicores) or "memory" (bytes × 1000)
   * @param selector a label selector in its string form ("app=web")
   * @return usage by pod name
   */
  Map<String, PodMetric> podMetrics(String resource, String namespace, String selector);

  /** Why metrics could not be read, as the message the condition reports. */
  final class MetricsUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetricsUnavailable(String message) {
      super(message);
    }
  }
}
