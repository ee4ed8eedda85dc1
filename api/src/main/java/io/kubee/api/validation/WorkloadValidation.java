package io.kubee.api.validation;

import io.kubee.api.errors.ApiException;
import io.kubee.api.selector.LabelSelector;
import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Deployments and ReplicaSets of apps/v1 ({@code ValidateDeploymentSpec},
 * {@code ValidateReplicaSetSpec} and their update functions in
 * {@code pkg/apis/apps/validation/validation.go}): a non-empty selector that the template's labels
 * satisfy, a template that restarts Always, a sane rollout strategy. In apps/v1 the selector is
 * immutable.
 */
final class WorkloadValidation {
  private WorkloadValidation() {}

  static void deployment(JsonNode deployment, FieldErrors errs) {
    JsonNode spec = Json.get(deployment, "spec");
    FieldPath path = FieldPath.of("spec");
    replicaSetLike(spec, path, "deployment", errs);
    strategy(Json.get(spec, "strategy"), path.child("strategy"), errs);
    long minReady = Json.longValue(spec, "minReadySeconds");
    nonNegative(minReady, path.child("minReadySeconds"), errs);
    Long history = Json.number(spec, "revisionHistoryLimit");
    if (history != null) {
      nonNegative(history, path.child("revisionHistoryLimit"), errs);
    }
    Long deadline = Json.number(spec, "progressDeadlineSeconds");
    if (deadline != null) {
      nonNegative(deadline, path.child("progressDeadlineSeconds"), errs);
      if (deadline <= minReady) {
        errs.invalid(path.child("progressDeadlineSeconds"), deadline,
            "must be greater than minReadySeconds");
      }
    }
  }

  static void replicaSet(JsonNode replicaSet, FieldErrors errs) {
    JsonNode spec = Json.get(replicaSet, "spec");
    FieldPath path = FieldPath.of("spec");
    replicaSetLike(spec, path, "deployment", errs);
    nonNegative(Json.longValue(spec, "minReadySeconds"), path.child("minReadySeconds"), errs);
  }

  /** The selector of an apps/v1 workload may not change. */
  static void selectorUpdate(JsonNode now, JsonNode old, FieldErrors errs) {
    MetadataValidation.immutable(Json.get(Json.get(now, "spec"), "selector"),
        Json.get(Json.get(old, "spec"), "selector"), FieldPath.of("spec", "selector"), errs);
  }

  /**
   * Replicas, selector and template, shared by both kinds. Kubernetes says "deployment" in the
   * empty-selector message of ReplicaSets too.
   */
  private static void replicaSetLike(JsonNode spec, FieldPath path, String kindWord,
      FieldErrors errs) {
    Long replicas = Json.number(spec, "replicas");
    nonNegative(replicas == null ? 0 : replicas, path.child("replicas"), errs);
    JsonNode selector = Json.get(spec, "selector");
    if (selector == null) {
      errs.required(path.child("selector"), "");
    } else {
      MetadataValidation.labelSelector(selector, path.child("selector"), errs);
      if (Json.map(selector, "matchLabels").isEmpty()
          && Json.list(selector, "matchExpressions").isEmpty()) {
        errs.invalid(path.child("selector"), selector, "empty selector is invalid for " + kindWord);
      }
    }
    LabelSelector parsed;
    try {
      parsed = LabelSelector.fromJson(selector);
    } catch (ApiException e) {
      errs.invalid(path.child("selector"), selector, "invalid label selector");
      return;
    }
    JsonNode template = Json.get(spec, "template");
    FieldPath tpath = path.child("template");
    if (!parsed.isEmpty()) {
      java.util.Map<String, String> labels = Json.map(Json.get(template, "metadata"), "labels");
      if (!parsed.matches(labels)) {
        errs.invalid(tpath.child("metadata", "labels"), labels,
            "`selector` does not match template `labels`");
      }
    }
    PodValidation.template(template, tpath, errs);
    JsonNode templateSpec = Json.get(template, "spec");
    String restartPolicy = Json.text(templateSpec, "restartPolicy");
    if (!restartPolicy.equals("Always")) {
      errs.notSupported(tpath.child("spec", "restartPolicy"), restartPolicy, List.of("Always"));
    }
    if (Json.has(templateSpec, "activeDeadlineSeconds")) {
      errs.forbidden(tpath.child("spec", "activeDeadlineSeconds"),
          "activeDeadlineSeconds in ReplicaSet is not Supported");
    }
  }

  private static void strategy(JsonNode strategy, FieldPath path, FieldErrors errs) {
    String type = Json.text(strategy, "type");
    JsonNode rolling = Json.get(strategy, "rollingUpdate");
    switch (type) {
      case "Recreate" -> {
        if (rolling != null) {
          errs.forbidden(path.child("rollingUpdate"),
              "may not be specified when strategy `type` is 'Recreate'");
        }
      }
      case "RollingUpdate" -> {
        if (rolling == null) {
          errs.required(path.child("rollingUpdate"), "this should be defaulted and never be nil");
        } else {
          rollingUpdate(rolling, path.child("rollingUpdate"), errs);
        }
      }
      default -> errs.notSupported(path, strategy, List.of("Recreate", "RollingUpdate"));
    }
  }

  private static void rollingUpdate(JsonNode rolling, FieldPath path, FieldErrors errs) {
    JsonNode maxUnavailable = Json.get(rolling, "maxUnavailable");
    JsonNode maxSurge = Json.get(rolling, "maxSurge");
    intOrPercent(maxUnavailable, path.child("maxUnavailable"), errs);
    intOrPercent(maxSurge, path.child("maxSurge"), errs);
    if (value(maxUnavailable) == 0 && value(maxSurge) == 0) {
      errs.invalid(path.child("maxUnavailable"), maxUnavailable,
          "may not be 0 when `maxSurge` is 0");
    }
    if (maxUnavailable != null && maxUnavailable.isString()
        && Names.percent(maxUnavailable.asString()).isEmpty() && value(maxUnavailable) > 100) {
      errs.invalid(path.child("maxUnavailable"), maxUnavailable, "must not be greater than 100%");
    }
  }

  private static void intOrPercent(JsonNode v, FieldPath p, FieldErrors errs) {
    if (v == null) {
      nonNegative(0, p, errs);
    } else if (v.isString()) {
      Names.percent(v.asString()).forEach(m -> errs.invalid(p, v, m));
    } else if (v.isNumber()) {
      nonNegative(v.asLong(0), p, errs);
    } else {
      errs.invalid(p, v, "must be an integer or percentage (e.g '5%%')");
    }
  }

  /** The number in an int-or-percent ("25%" is 25), 0 when it is not one. */
  private static long value(JsonNode v) {
    if (v == null) {
      return 0;
    }
    if (v.isNumber()) {
      return v.asLong(0);
    }
    String s = Json.text(v);
    if (s.endsWith("%") && Names.percent(s).isEmpty()) {
      try {
        return Long.parseLong(s.substring(0, s.length() - 1));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  static void nonNegative(long value, FieldPath p, FieldErrors errs) {
    if (value < 0) {
      errs.invalid(p, value, MetadataValidation.NEGATIVE);
    }
  }
}
