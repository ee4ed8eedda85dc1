package io.kubee.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubee.runtime.Pods;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replica count a resource utilization target asks for
 * (pkg/controller/podautoscaler/replica_calculator.go, {@code GetResourceReplicas}): usage over
 * requests of the ready pods against the target; within the tolerance nothing changes; pods
 * without metrics count as using their whole request when scaling down and nothing when
 * scaling up, and not-yet-ready pods as using nothing when scaling up, so that missing data
 * never makes the autoscaler more aggressive.
 */
final class ReplicaCalculator {
  /** The result: replicas, the utilization seen (percent of request), the raw average. */
  record Result(int replicas, int utilization, long averageMilli) {}

  private final double tolerance;
  private final Duration cpuInitializationPeriod;
  private final Duration initialReadinessDelay;

  ReplicaCalculator(double tolerance, Duration cpuInitializationPeriod,
      Duration initialReadinessDelay) {
    this.tolerance = tolerance;
    this.cpuInitializationPeriod = cpuInitializationPeriod;
    this.initialReadinessDelay = initialReadinessDelay;
  }

  /**
   * @param metrics usage by pod name (millicores for cpu)
   * @throws IllegalStateException when a pod has no request for the resource, or nothing
   *     matches
   */
  Result resourceReplicas(int currentReplicas, int targetUtilization, String resource,
      List<Pod> pods, Map<String, MetricsClient.PodMetric> metrics, Instant now) {
    if (pods.isEmpty()) {
      throw new IllegalStateException("no pods returned by selector while calculating replica "
          + "count");
    }
    Map<String, Long> usage = new HashMap<>();
    metrics.forEach((pod, metric) -> usage.put(pod, metric.milliValue()));
    int ready = 0;
    Set<String> unready = new HashSet<>();
    Set<String> missing = new HashSet<>();
    Set<String> ignored = new HashSet<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      if (pod.getMetadata().getDeletionTimestamp() != null || "Failed".equals(Pods.phase(pod))) {
        ignored.add(name);
      } else if ("Pending".equals(Pods.phase(pod))) {
        unready.add(name);
      } else if (!metrics.containsKey(name)) {
        missing.add(name);
      } else if (resource.equals("cpu") && unready(pod, metrics.get(name), now)) {
        unready.add(name);
      } else {
        ready++;
      }
    }
    ignored.forEach(usage::remove);
    unready.forEach(usage::remove);
    Map<String, Long> requests = requests(pods, resource);
    double ratio = ratio(usage, requests, targetUtilization);
    int utilization = utilization(usage, requests);
    long average = usage.isEmpty() ? 0
        : usage.values().stream().mapToLong(Long::longValue).sum() / usage.size();
    boolean scaleUpWithUnready = !unready.isEmpty() && ratio > 1.0;
    if (!scaleUpWithUnready && missing.isEmpty()) {
      if (Math.abs(1.0 - ratio) <= tolerance) {
        return new Result(currentReplicas, utilization, average);
      }
      return new Result((int) Math.ceil(ratio * ready), utilization, average);
    }
    if (!missing.isEmpty()) {
      for (String pod : missing) {
        // scaling down, a pod without metrics counts as using its request (or the target
        // beyond 100%); scaling up, as using nothing
        usage.put(pod, ratio < 1.0
            ? requests.getOrDefault(pod, 0L) * Math.max(100, targetUtilization) / 100 : 0L);
      }
    }
    if (scaleUpWithUnready) {
      unready.forEach(pod -> usage.put(pod, 0L));
    }
    double newRatio = ratio(usage, requests, targetUtilization);
    if (Math.abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0)
        || (ratio > 1.0 && newRatio < 1.0)) {
      return new Result(currentReplicas, utilization, average);
    }
    int replicas = (int) Math.ceil(newRatio * usage.size());
    if ((newRatio < 1.0 && replicas > currentReplicas)
        || (newRatio > 1.0 && replicas < currentReplicas)) {
      return new Result(currentReplicas, utilization, average);
    }
    return new Result(replicas, utilization, average);
  }

  /** {@code groupPods}' readiness test for cpu samples. */
  private boolean unready(Pod pod, MetricsClient.PodMetric metric, Instant now) {
    PodCondition ready = Pods.readyCondition(pod);
    Instant start = pod.getStatus() == null ? null : Pods.time(pod.getStatus().getStartTime());
    if (ready == null || start == null) {
      return true;
    }
    Instant transition = Pods.time(ready.getLastTransitionTime());
    if (start.plus(cpuInitializationPeriod).isAfter(now)) {
      return "False".equals(ready.getStatus()) || transition == null
          || metric.timestamp() == null
          || metric.timestamp().isBefore(transition.plus(metric.window()));
    }
    return "False".equals(ready.getStatus()) && transition != null
        && start.plus(initialReadinessDelay).isAfter(transition);
  }

  /** {@code calculatePodRequests}: each pod's summed container requests (milli units). */
  static Map<String, Long> requests(List<Pod> pods, String resource) {
    Map<String, Long> requests = new HashMap<>();
    for (Pod pod : pods) {
      long total = 0;
      for (Container container : pod.getSpec().getContainers()) {
        Quantity request = container.getResources() == null
            || container.getResources().getRequests() == null ? null
            : container.getResources().getRequests().get(resource);
        if (request == null) {
          throw new IllegalStateException("missing request for " + resource + " in container "
              + container.getName() + " of Pod " + pod.getMetadata().getName());
        }
        total += Quantity.getAmountInBytes(request).multiply(BigDecimal.valueOf(1000))
            .longValue();
      }
      requests.put(pod.getMetadata().getName(), total);
    }
    return requests;
  }

  /** {@code GetResourceUtilizationRatio}. */
  private static double ratio(Map<String, Long> usage, Map<String, Long> requests,
      int target) {
    return (double) utilization(usage, requests) / target;
  }

  private static int utilization(Map<String, Long> usage, Map<String, Long> requests) {
    long used = 0;
    long requested = 0;
    for (Map.Entry<String, Long> entry : usage.entrySet()) {
      Long request = requests.get(entry.getKey());
      if (request != null) {
        used += entry.getValue();
        requested += request;
      }
    }
    if (requested == 0) {
      throw new IllegalStateException("no metrics returned matched known pods");
    }
    return (int) (used * 100 / requested);
  }
}
