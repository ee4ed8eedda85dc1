package io.kubee.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds a recommendation with the autoscaler's behavior
 * ({@code normalizeDesiredReplicasWithBehaviors}, horizontal.go): stabilization windows (the
 * highest recommendation of the last 5 minutes before scaling down, the lowest of the scale-up
 * window before scaling up), then the scaling policies' rates over their periods (by default up
 * by 4 pods or 100% per 15 s, down by 100% per 15 s), then min and max replicas. A missing
 * behavior gets these defaults, where Kubernetes keeps an older rule of the same spirit.
 */
final class ScaleNormalizer {
  /** The bounded count, with the AbleToScale and ScalingLimited reasons to report. */
  record Result(int replicas, String stabilizedReason, String stabilizedMessage,
      boolean limited, String limitReason, String limitMessage) {}

  private record Recommendation(int replicas, Instant at) {}

  private record ScaleEvent(int change, Instant at) {}

  private final Clock clock;
  private final Map<String, List<Recommendation>> recommendations = new ConcurrentHashMap<>();
  private final Map<String, List<ScaleEvent>> scaleUps = new ConcurrentHashMap<>();
  private final Map<String, List<ScaleEvent>> scaleDowns = new ConcurrentHashMap<>();

  ScaleNormalizer(Clock clock) {
    this.clock = clock;
  }

  void forget(String key) {
    recommendations.remove(key);
    scaleUps.remove(key);
    scaleDowns.remove(key);
  }

  Result normalize(String key, HPAScalingRules up, HPAScalingRules down, int current,
      int desired, int min, int max) {
    Instant now = clock.instant();
    int upWindow = up.getStabilizationWindowSeconds();
    int downWindow = down.getStabilizationWindowSeconds();
    int upBound = desired;
    int downBound = desired;
    List<Recommendation> history = recommendations.computeIfAbsent(key, k -> new ArrayList<>());
    synchronized (history) {
      for (Recommendation r : history) {
        if (r.at().isAfter(now.minusSeconds(upWindow))) {
          upBound = Math.min(upBound, r.replicas());
        }
        if (r.at().isAfter(now.minusSeconds(downWindow))) {
          downBound = Math.max(downBound, r.replicas());
        }
      }
      history.removeIf(r -> r.at().isBefore(now.minusSeconds(Math.max(upWindow, downWindow))));
      history.add(new Recommendation(desired, now));
    }
    int stabilized = Math.min(Math.max(current, upBound), downBound);
    String reason = desired >= current ? "ScaleUpStabilized" : "ScaleDownStabilized";
    String message = desired >= current
        ? "recent recommendations were lower than current one, applying the lowest recent "
            + "recommendation"
        : "recent recommendations were higher than current one, applying the highest recent "
            + "recommendation";
    if (stabilized == desired) {
      reason = "ReadyForNewScale";
      message = "recommended size matches current size";
    }
    if (stabilized > current) {
      int limit = Math.max(current, scaleUpLimit(key, current, up, now));
      int allowed = Math.min(max, limit);
      if (stabilized > allowed) {
        boolean byRate = max > limit;
        return new Result(allowed, reason, message, true,
            byRate ? "ScaleUpLimit" : "TooManyReplicas",
            byRate ? "the desired replica count is increasing faster than the maximum scale rate"
                : "the desired replica count is more than the maximum replica count");
      }
    } else if (stabilized < current) {
      int limit = Math.min(current, scaleDownLimit(key, current, down, now));
      int allowed = Math.max(min, limit);
      if (stabilized < allowed) {
        boolean byRate = min < limit;
        return new Result(allowed, reason, message, true,
            byRate ? "ScaleDownLimit" : "TooFewReplicas",
            byRate ? "the desired replica count is decreasing faster than the maximum scale rate"
                : "the desired replica count is less than the minimum replica count");
      }
    }
    if (stabilized > max) {
      return new Result(max, reason, message, true, "TooManyReplicas",
          "the desired replica count is more than the maximum replica count");
    }
    if (stabilized < min) {
      return new Result(min, reason, message, true, "TooFewReplicas",
          "the desired replica count is less than the minimum replica count");
    }
    return new Result(stabilized, reason, message, false, "DesiredWithinRange",
        "the desired count is within the acceptable range");
  }

  /** Records a rescale, for the policies' periods. */
  void recordScale(String key, int from, int to) {
    List<ScaleEvent> events = (to > from ? scaleUps : scaleDowns)
        .computeIfAbsent(key, k -> new ArrayList<>());
    synchronized (events) {
      events.add(new ScaleEvent(Math.abs(to - from), clock.instant()));
    }
  }

  /** {@code calculateScaleUpLimitWithScalingRules}. */
  private int scaleUpLimit(String key, int current, HPAScalingRules rules, Instant now) {
    if ("Disabled".equals(rules.getSelectPolicy())) {
      return current;
    }
    boolean max = !"Min".equals(rules.getSelectPolicy());
    int result = max ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    for (HPAScalingPolicy policy : rules.getPolicies()) {
      int added = changes(scaleUps.get(key), policy.getPeriodSeconds(), now);
      int removed = changes(scaleDowns.get(key), policy.getPeriodSeconds(), now);
      int start = current - added + removed;
      int proposed = "Pods".equals(policy.getType()) ? start + policy.getValue()
          : (int) Math.ceil(start * (1 + policy.getValue() / 100.0));
      result = max ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return result;
  }

  /** {@code calculateScaleDownLimitWithBehaviors}. */
  private int scaleDownLimit(String key, int current, HPAScalingRules rules, Instant now) {
    if ("Disabled".equals(rules.getSelectPolicy())) {
      return current;
    }
    boolean max = !"Min".equals(rules.getSelectPolicy());
    int result = max ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    for (HPAScalingPolicy policy : rules.getPolicies()) {
      int added = changes(scaleUps.get(key), policy.getPeriodSeconds(), now);
      int removed = changes(scaleDowns.get(key), policy.getPeriodSeconds(), now);
      int start = current - added + removed;
      int proposed = "Pods".equals(policy.getType()) ? start - policy.getValue()
          : (int) Math.ceil(start * (1 - policy.getValue() / 100.0));
      result = max ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return result;
  }

  private static int changes(List<ScaleEvent> events, int periodSeconds, Instant now) {
    if (events == null) {
      return 0;
    }
    synchronized (events) {
      events.removeIf(e -> e.at().isBefore(now.minusSeconds(1800)));
      return events.stream().filter(e -> e.at().isAfter(now.minusSeconds(periodSeconds)))
          .mapToInt(ScaleEvent::change).sum();
    }
  }
}
