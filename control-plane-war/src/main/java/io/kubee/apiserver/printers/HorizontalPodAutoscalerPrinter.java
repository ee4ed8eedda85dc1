package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HorizontalPodAutoscalers: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE, as
 * {@code printHorizontalPodAutoscaler} and {@code formatHPAMetrics} in Kubernetes'
 * {@code pkg/printers/internalversion/printers.go}: each metric as "current/target" with
 * "&lt;unknown&gt;" until the controller has measured it, two at most.
 */
final class HorizontalPodAutoscalerPrinter implements TablePrinter {
  private static final int MAX = 2;

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Reference", "reference to scaled resource; horizontal pod autoscaler"
          + " will learn the current resource consumption and will set the desired number of"
          + " pods by using its Scale subresource."),
      TableColumn.string("Targets", "metrics contains the specifications for which to use to"
          + " calculate the desired replica count (the maximum replica count across all metrics"
          + " will be used)."),
      TableColumn.string("MinPods", "minReplicas is the lower limit for the number of replicas"
          + " to which the autoscaler can scale down."),
      TableColumn.integer("MaxPods", "maxReplicas is the upper limit for the number of replicas"
          + " to which the autoscaler can scale up. It cannot be less that minReplicas."),
      TableColumn.integer("Replicas", "currentReplicas is current number of replicas of pods"
          + " managed by this autoscaler, as last seen by the autoscaler."),
      TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode hpa, Instant now) {
    JsonNode spec = Fields.object(hpa, "spec");
    JsonNode status = Fields.object(hpa, "status");
    JsonNode target = Fields.object(spec, "scaleTargetRef");
    String minPods = Fields.has(spec, "minReplicas")
        ? Long.toString(Fields.integer(spec, "minReplicas")) : "<unset>";
    return TableRow.of(Meta.name(hpa),
        Fields.text(target, "kind") + "/" + Fields.text(target, "name"),
        metrics(Fields.list(spec, "metrics"), Fields.list(status, "currentMetrics")),
        minPods, Fields.integer(spec, "maxReplicas"), Fields.integer(status, "currentReplicas"),
        HumanDuration.since(Meta.creationTimestamp(hpa), now));
  }

  static String metrics(List<JsonNode> specs, List<JsonNode> statuses) {
    if (specs.isEmpty()) {
      return "<none>";
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      JsonNode spec = specs.get(i);
      JsonNode status = i < statuses.size() ? statuses.get(i) : null;
      list.add(switch (Fields.text(spec, "type")) {
        case "Resource" -> resource(Fields.object(spec, "resource"),
            Fields.object(status, "resource"));
        case "ContainerResource" -> resource(Fields.object(spec, "containerResource"),
            Fields.object(status, "containerResource"));
        case "Pods" -> average(Fields.object(spec, "pods", "target"),
            Fields.object(status, "pods", "current"), "averageValue") + " (avg)";
        case "Object" -> average(Fields.object(spec, "object", "target"),
            Fields.object(status, "object", "current"), "value");
        case "External" -> average(Fields.object(spec, "external", "target"),
            Fields.object(status, "external", "current"), "value");
        default -> "<unknown type>";
      });
    }
    String shown = String.join(", ", list.subList(0, Math.min(MAX, list.size())));
    return list.size() > MAX ? shown + " + " + (list.size() - MAX) + " more..." : shown;
  }

  private static String resource(JsonNode spec, JsonNode status) {
    JsonNode target = Fields.object(spec, "target");
    JsonNode current = Fields.object(status, "current");
    String name = Fields.text(spec, "name");
    if (Fields.has(target, "averageValue")) {
      String now = Fields.has(current, "averageValue")
          ? Fields.text(current, "averageValue") : "<unknown>";
      return name + ": " + now + "/" + Fields.text(target, "averageValue");
    }
    String now = Fields.has(current, "averageUtilization")
        ? Fields.integer(current, "averageUtilization") + "%" : "<unknown>";
    String want = Fields.has(target, "averageUtilization")
        ? Fields.integer(target, "averageUtilization") + "%" : "<auto>";
    return name + ": " + now + "/" + want;
  }

  private static String average(JsonNode target, JsonNode current, String field) {
    String key = Fields.has(target, field) ? field : "averageValue";
    String now = Fields.has(current, key) ? Fields.text(current, key) : "<unknown>";
    return now + "/" + Fields.text(target, key);
  }
}
