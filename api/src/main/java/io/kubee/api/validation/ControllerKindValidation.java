package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.IpAddress;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The kinds the controller manager works on beyond apps/v1, checked as Kubernetes checks their
 * essentials: {@code ValidateReplicationControllerSpec} (pkg/apis/core/validation),
 * {@code ValidateEndpointSlice} (pkg/apis/discovery/validation) and
 * {@code ValidateHorizontalPodAutoscalerSpec} (pkg/apis/autoscaling/validation).
 */
final class ControllerKindValidation {
  private ControllerKindValidation() {}

  static final int MAX_ENDPOINTS = 1000;
  static final int MAX_ADDRESSES = 100;
  static final int MAX_PORTS = 20_000;
  private static final List<String> ADDRESS_TYPES = List.of("IPv4", "IPv6", "FQDN");
  private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

  static void replicationController(JsonNode rc, FieldErrors errs) {
    JsonNode spec = Json.get(rc, "spec");
    FieldPath path = FieldPath.of("spec");
    WorkloadValidation.nonNegative(Json.longValue(spec, "replicas"), path.child("replicas"),
        errs);
    WorkloadValidation.nonNegative(Json.longValue(spec, "minReadySeconds"),
        path.child("minReadySeconds"), errs);
    Map<String, String> selector = Json.map(spec, "selector");
    if (selector.isEmpty()) {
      errs.required(path.child("selector"), "");
    } else {
      MetadataValidation.labels(selector, path.child("selector"), errs);
    }
    JsonNode template = Json.get(spec, "template");
    FieldPath tpath = path.child("template");
    if (template == null) {
      errs.required(tpath, "");
      return;
    }
    Map<String, String> labels = Json.map(Json.get(template, "metadata"), "labels");
    if (!selector.isEmpty()
        && !selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      errs.invalid(tpath.child("metadata", "labels"), labels,
          "`selector` does not match template `labels`");
    }
    PodValidation.template(template, tpath, errs);
    String restartPolicy = Json.text(Json.get(template, "spec"), "restartPolicy");
    if (!restartPolicy.equals("Always")) {
      errs.notSupported(tpath.child("spec", "restartPolicy"), restartPolicy, List.of("Always"));
    }
    if (Json.has(Json.get(template, "spec"), "activeDeadlineSeconds")) {
      errs.forbidden(tpath.child("spec", "activeDeadlineSeconds"),
          "activeDeadlineSeconds in ReplicationController is not Supported");
    }
  }

  static void endpointSlice(JsonNode slice, FieldErrors errs) {
    String addressType = Json.text(slice, "addressType");
    if (addressType.isEmpty()) {
      errs.required(FieldPath.of("addressType"), "");
    } else if (!ADDRESS_TYPES.contains(addressType)) {
      errs.notSupported(FieldPath.of("addressType"), addressType, ADDRESS_TYPES);
    }
    List<JsonNode> endpoints = Json.list(slice, "endpoints");
    if (endpoints.size() > MAX_ENDPOINTS) {
      errs.tooMany(FieldPath.of("endpoints"), endpoints.size(), MAX_ENDPOINTS);
    }
    for (int i = 0; i < endpoints.size(); i++) {
      FieldPath path = FieldPath.of("endpoints").index(i);
      List<String> addresses = Json.strings(endpoints.get(i), "addresses");
      if (addresses.isEmpty()) {
        errs.required(path.child("addresses"), "must contain at least 1 address");
      } else if (addresses.size() > MAX_ADDRESSES) {
        errs.tooMany(path.child("addresses"), addresses.size(), MAX_ADDRESSES);
      }
      for (int a = 0; a < addresses.size(); a++) {
        String address = addresses.get(a);
        boolean ok = switch (addressType) {
          case "IPv4" -> IpAddress.isValid(address) && !address.contains(":");
          case "IPv6" -> IpAddress.isValid(address) && address.contains(":");
          default -> true;
        };
        if (!ok) {
          errs.invalid(path.child("addresses").index(a), address,
              "must be a valid " + addressType + " address");
        }
      }
    }
    List<JsonNode> ports = Json.list(slice, "ports");
    for (int i = 0; i < ports.size(); i++) {
      FieldPath path = FieldPath.of("ports").index(i);
      String protocol = Json.text(ports.get(i), "protocol");
      if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol)) {
        errs.notSupported(path.child("protocol"), protocol, PROTOCOLS);
      }
      Long port = Json.number(ports.get(i), "port");
      if (port != null && (port < 1 || port > 65535)) {
        errs.invalid(path.child("port"), port, "must be between 1 and 65535, inclusive");
      }
    }
  }

  static void endpointSliceUpdate(JsonNode slice, JsonNode old, FieldErrors errs) {
    MetadataValidation.immutable(Json.get(slice, "addressType"), Json.get(old, "addressType"),
        FieldPath.of("addressType"), errs);
  }

  static void horizontalPodAutoscaler(JsonNode hpa, FieldErrors errs) {
    JsonNode spec = Json.get(hpa, "spec");
    FieldPath path = FieldPath.of("spec");
    JsonNode target = Json.get(spec, "scaleTargetRef");
    if (Json.text(target, "kind").isEmpty()) {
      errs.required(path.child("scaleTargetRef", "kind"), "");
    }
    if (Json.text(target, "name").isEmpty()) {
      errs.required(path.child("scaleTargetRef", "name"), "");
    }
    Long min = Json.number(spec, "minReplicas");
    if (min != null && min < 1) {
      errs.invalid(path.child("minReplicas"), min, "must be greater than or equal to 1");
    }
    long max = Json.longValue(spec, "maxReplicas");
    if (max < 1) {
      errs.invalid(path.child("maxReplicas"), max, "must be greater than 0");
    }
    if (min != null && max < min) {
      errs.invalid(path.child("maxReplicas"), max, "must be greater than or equal to `minReplicas`");
    }
    List<JsonNode> metrics = Json.list(spec, "metrics");
    for (int i = 0; i < metrics.size(); i++) {
      String type = Json.text(metrics.get(i), "type");
      List<String> supported = List.of("ContainerResource", "External", "Object", "Pods",
          "Resource");
      if (!supported.contains(type)) {
        errs.notSupported(path.child("metrics").index(i).child("type"), type, supported);
      }
    }
  }
}
