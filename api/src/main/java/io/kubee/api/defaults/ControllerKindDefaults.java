package io.kubee.api.defaults;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaults of the kinds the controller manager works on beyond apps/v1:
 * {@code SetDefaults_ReplicationController} (core/v1), {@code SetDefaults_EndpointPort}
 * (discovery/v1) and {@code SetDefaults_HorizontalPodAutoscaler} with its behavior rules
 * (autoscaling/v2, {@code pkg/apis/autoscaling/v2/defaults.go}). Fill-if-absent, idempotent.
 */
final class ControllerKindDefaults {
  private ControllerKindDefaults() {}

  /** Kubernetes' {@code autoscaling.DefaultCPUUtilization}. */
  static final int DEFAULT_CPU_UTILIZATION = 80;

  /** An RC without selector or labels takes its template's labels; one replica by default. */
  static void replicationController(ObjectNode obj) {
    ObjectNode spec = Nodes.ensureObject(obj, "spec");
    ObjectNode templateLabels = Nodes.object(Nodes.object(Nodes.object(spec, "template"),
        "metadata"), "labels");
    if (templateLabels != null) {
      ObjectNode selector = Nodes.object(spec, "selector");
      if (selector == null || selector.isEmpty()) {
        spec.set("selector", templateLabels.deepCopy());
      }
      ObjectNode metadata = Nodes.ensureObject(obj, "metadata");
      ObjectNode labels = Nodes.object(metadata, "labels");
      if (labels == null || labels.isEmpty()) {
        metadata.set("labels", templateLabels.deepCopy());
      }
    }
    if (!Nodes.has(spec, "replicas")) {
      spec.put("replicas", 1);
    }
    if (Nodes.has(spec, "template")) {
      PodDefaults.podSpec(Nodes.ensureObject(Nodes.ensureObject(spec, "template"), "spec"),
          false);
    }
  }

  /** Ports of an EndpointSlice: TCP, and the empty name when a port number is given. */
  static void endpointSlice(ObjectNode obj) {
    for (ObjectNode port : Nodes.objects(obj, "ports")) {
      Nodes.putIfAbsent(port, "protocol", "TCP");
      if (!Nodes.has(port, "name") && Nodes.has(port, "port")) {
        port.put("name", "");
      }
    }
  }

  /**
   * One replica at least, 80% CPU utilization when no metric is given, and the default scaling
   * rules filled into a behavior that is given (a missing behavior stays missing: the controller
   * applies the same defaults).
   */
  static void horizontalPodAutoscaler(ObjectNode obj) {
    ObjectNode spec = Nodes.ensureObject(obj, "spec");
    if (!Nodes.has(spec, "minReplicas")) {
      spec.put("minReplicas", 1);
    }
    JsonNode metrics = spec.get("metrics");
    if (!(metrics instanceof ArrayNode list) || list.isEmpty()) {
      ObjectNode resource = spec.putArray("metrics").addObject()
          .put("type", "Resource").putObject("resource");
      resource.put("name", "cpu");
      resource.putObject("target").put("type", "Utilization")
          .put("averageUtilization", DEFAULT_CPU_UTILIZATION);
    }
    ObjectNode behavior = Nodes.object(spec, "behavior");
    if (behavior != null) {
      scalingRules(Nodes.ensureObject(behavior, "scaleUp"), 0, true);
      scalingRules(Nodes.ensureObject(behavior, "scaleDown"), 300, false);
    }
  }

  /** {@code GenerateHPAScaleUpRules} and {@code GenerateHPAScaleDownRules}. */
  private static void scalingRules(ObjectNode rules, int stabilizationSeconds, boolean up) {
    if (!Nodes.has(rules, "stabilizationWindowSeconds")) {
      rules.put("stabilizationWindowSeconds", stabilizationSeconds);
    }
    Nodes.putIfAbsent(rules, "selectPolicy", "Max");
    JsonNode policies = rules.get("policies");
    if (!(policies instanceof ArrayNode list) || list.isEmpty()) {
      ArrayNode defaults = rules.putArray("policies");
      if (up) {
        defaults.addObject().put("type", "Pods").put("value", 4).put("periodSeconds", 15);
      }
      defaults.addObject().put("type", "Percent").put("value", 100).put("periodSeconds", 15);
    }
  }
}
