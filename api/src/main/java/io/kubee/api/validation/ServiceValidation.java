package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.IpAddress;
import io.kubee.api.validation.syntax.Names;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Services ({@code ValidateService}, {@code ValidateServiceUpdate} in
 * {@code pkg/apis/core/validation/validation.go}). The node port range, which Kubernetes checks
 * when allocating, is checked here since ports are not allocated by this module. A
 * {@code clusterIP} given without {@code clusterIPs} counts as {@code clusterIPs: [clusterIP]}, as
 * the service strategy normalizes before validating.
 */
final class ServiceValidation {
  private ServiceValidation() {}

  private static final List<String> TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  private static final List<String> AFFINITIES = List.of("ClientIP", "None");
  private static final int MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

  static void validate(JsonNode service, int nodePortMin, int nodePortMax, FieldErrors errs) {
    JsonNode spec = Json.get(service, "spec");
    FieldPath specPath = FieldPath.of("spec");
    String type = Json.text(spec, "type");
    List<String> clusterIPs = clusterIPs(spec);
    boolean headless = clusterIPs.size() == 1 && clusterIPs.get(0).equals("None");
    List<JsonNode> ports = Json.list(spec, "ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.required(specPath.child("ports"), "");
    }
    switch (type) {
      case "LoadBalancer", "NodePort" -> {
        if (headless) {
          errs.invalid(specPath.child("clusterIPs").index(0), "None",
              "may not be set to 'None' for " + type + " services");
        }
      }
      case "ExternalName" -> {
        if (!clusterIPs.isEmpty()) {
          errs.forbidden(specPath.child("clusterIPs"), "may not be set for ExternalName services");
        }
        if (!Json.list(spec, "ipFamilies").isEmpty()) {
          errs.forbidden(specPath.child("ipFamilies"), "may not be set for ExternalName services");
        }
        if (Json.has(spec, "ipFamilyPolicy")) {
          errs.forbidden(specPath.child("ipFamilyPolicy"),
              "may not be set for ExternalName services");
        }
        String externalName = Json.text(spec, "externalName");
        String cname = externalName.endsWith(".")
            ? externalName.substring(0, externalName.length() - 1) : externalName;
        if (cname.isEmpty()) {
          errs.required(specPath.child("externalName"), "");
        } else {
          Names.dns1123Subdomain(cname).forEach(m ->
              errs.invalid(specPath.child("externalName"), cname, m));
        }
      }
      default -> { }
    }
    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), ports.size() > 1, portNames, specPath.child("ports").index(i), errs);
    }
    if (Json.has(spec, "selector")) {
      MetadataValidation.labels(Json.map(spec, "selector"), specPath.child("selector"), errs);
    }
    String affinity = Json.text(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      errs.required(specPath.child("sessionAffinity"), "");
    } else if (!AFFINITIES.contains(affinity)) {
      errs.notSupported(specPath.child("sessionAffinity"), affinity, AFFINITIES);
    }
    JsonNode affinityConfig = Json.get(spec, "sessionAffinityConfig");
    FieldPath configPath = specPath.child("sessionAffinityConfig");
    if (affinity.equals("ClientIP")) {
      JsonNode clientIp = Json.get(affinityConfig, "clientIP");
      if (affinityConfig == null) {
        errs.required(configPath, "when session affinity type is ClientIP");
      } else if (clientIp == null) {
        errs.required(configPath.child("clientIP"), "when session affinity type is ClientIP");
      } else if (Json.number(clientIp, "timeoutSeconds") == null) {
        errs.required(configPath.child("clientIP").child("timeoutSeconds"),
            "when session affinity type is ClientIP");
      } else {
        long timeout = Json.number(clientIp, "timeoutSeconds");
        if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
          errs.invalid(configPath.child("clientIP").child("timeoutSeconds"), timeout,
              "must be greater than 0 and less than " + MAX_CLIENT_IP_AFFINITY_SECONDS);
        }
      }
    } else if (affinity.equals("None") && affinityConfig != null) {
      errs.forbidden(configPath, "must not be set when session affinity is None");
    }
    clusterIPFields(spec, type, clusterIPs, errs);
    List<String> externalIPs = Json.strings(spec, "externalIPs");
    for (int i = 0; i < externalIPs.size(); i++) {
      FieldPath p = specPath.child("externalIPs").index(i);
      if (!IpAddress.isValid(externalIPs.get(i))) {
        errs.invalid(p, externalIPs.get(i), IpAddress.INVALID_IP);
      } else {
        EndpointsValidation.nonSpecialIp(externalIPs.get(i), p, errs);
      }
    }
    if (type.isEmpty()) {
      errs.required(specPath.child("type"), "");
    } else if (!TYPES.contains(type)) {
      errs.notSupported(specPath.child("type"), type, TYPES);
    }
    Map<String, Integer> nodePorts = new LinkedHashMap<>();
    Set<String> seenPorts = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      FieldPath p = specPath.child("ports").index(i);
      long nodePort = Json.longValue(port, "nodePort");
      String protocol = Json.text(port, "protocol");
      if (nodePort != 0) {
        if (type.equals("ClusterIP")) {
          errs.forbidden(p.child("nodePort"), "may not be used when `type` is 'ClusterIP'");
        } else if (nodePort < nodePortMin || nodePort > nodePortMax) {
          errs.invalid(p.child("nodePort"), nodePort, "provided port is not in the valid range."
              + " The range of valid ports is " + nodePortMin + "-" + nodePortMax);
        }
        if (nodePorts.putIfAbsent(protocol + "/" + nodePort, i) != null) {
          errs.duplicate(p.child("nodePort"), nodePort);
        }
      }
      long number = Json.longValue(port, "port");
      if (!seenPorts.add(protocol + "/" + number)) {
        ObjectNode key = io.kubee.api.codec.Codec.INSTANCE.newObject();
        key.put("port", number);
        key.put("protocol", protocol);
        errs.duplicate(p, key);
      }
    }
    List<String> ranges = Json.strings(spec, "loadBalancerSourceRanges");
    if (!ranges.isEmpty()) {
      FieldPath p = specPath.child("LoadBalancerSourceRanges");
      if (!type.equals("LoadBalancer")) {
        errs.forbidden(p, "may only be used when `type` is 'LoadBalancer'");
      }
      for (int i = 0; i < ranges.size(); i++) {
        String cidr = ranges.get(i).strip();
        if (!IpAddress.isValidCidr(cidr)) {
          errs.invalid(p.index(i), cidr, IpAddress.INVALID_CIDR);
        }
      }
    }
    if (Json.has(spec, "allocateLoadBalancerNodePorts") && !type.equals("LoadBalancer")) {
      errs.forbidden(specPath.child("allocateLoadBalancerNodePorts"),
          "may only be used when `type` is 'LoadBalancer'");
    }
    if (type.equals("LoadBalancer") && !Json.has(spec, "allocateLoadBalancerNodePorts")) {
      errs.required(FieldPath.of("allocateLoadBalancerNodePorts"), "");
    }
    JsonNode lbClass = Json.get(spec, "loadBalancerClass");
    if (lbClass != null) {
      if (type.equals("LoadBalancer")) {
        String v = Json.text(lbClass);
        Names.qualifiedName(v).forEach(m ->
            errs.invalid(specPath.child("loadBalancerClass"), v, m));
      } else {
        errs.forbidden(specPath.child("loadBalancerClass"),
            "may only be used when `type` is 'LoadBalancer'");
      }
    }
    trafficPolicies(spec, type, errs);
  }

  private static void port(JsonNode port, boolean requireName, Set<String> names, FieldPath p,
      FieldErrors errs) {
    String name = Json.text(port, "name");
    if (requireName && name.isEmpty()) {
      errs.required(p.child("name"), "");
    } else if (!name.isEmpty()) {
      Names.dns1123Label(name).forEach(m -> errs.invalid(p.child("name"), name, m));
      if (!names.add(name)) {
        errs.duplicate(p.child("name"), name);
      }
    }
    long number = Json.longValue(port, "port");
    Names.portNumber(number).forEach(m -> errs.invalid(p.child("port"), number, m));
    String protocol = Json.text(port, "protocol");
    if (protocol.isEmpty()) {
      errs.required(p.child("protocol"), "");
    } else if (!ContainerValidation.PROTOCOLS.contains(protocol)) {
      errs.notSupported(p.child("protocol"), protocol, ContainerValidation.PROTOCOLS);
    }
    ContainerValidation.portNumOrName(Json.get(port, "targetPort"), p.child("targetPort"), errs);
    JsonNode appProtocol = Json.get(port, "appProtocol");
    if (appProtocol != null) {
      String v = Json.text(appProtocol);
      Names.qualifiedName(v).forEach(m -> errs.invalid(p.child("appProtocol"), v, m));
    }
  }

  private static void trafficPolicies(JsonNode spec, String type, FieldErrors errs) {
    FieldPath specPath = FieldPath.of("spec");
    boolean external = type.equals("LoadBalancer") || type.equals("NodePort")
        || (type.equals("ClusterIP") && !Json.strings(spec, "externalIPs").isEmpty());
    String etp = Json.text(spec, "externalTrafficPolicy");
    if (!external) {
      if (!etp.isEmpty()) {
        errs.invalid(specPath.child("externalTrafficPolicy"), etp,
            "may only be set for externally-accessible services");
      }
    } else if (etp.isEmpty()) {
      errs.required(specPath.child("externalTrafficPolicy"), "");
    } else if (!etp.equals("Cluster") && !etp.equals("Local")) {
      errs.notSupported(specPath.child("externalTrafficPolicy"), etp, List.of("Cluster", "Local"));
    }
    boolean needsHealthCheck = type.equals("LoadBalancer") && etp.equals("Local");
    long hc = Json.longValue(spec, "healthCheckNodePort");
    if (!needsHealthCheck) {
      if (hc != 0) {
        errs.invalid(specPath.child("healthCheckNodePort"), hc,
            "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
      }
    } else if (hc == 0) {
      errs.required(specPath.child("healthCheckNodePort"), "");
    } else {
      Names.portNumber(hc).forEach(m -> errs.invalid(specPath.child("healthCheckNodePort"), hc, m));
    }
    JsonNode itp = Json.get(spec, "internalTrafficPolicy");
    if (itp == null) {
      if (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP")) {
        errs.required(specPath.child("internalTrafficPolicy"), "");
      }
    } else if (!List.of("Cluster", "Local").contains(Json.text(itp))) {
      errs.notSupported(specPath.child("internalTrafficPolicy"), Json.text(itp),
          List.of("Cluster", "Local"));
    }
    JsonNode distribution = Json.get(spec, "trafficDistribution");
    if (distribution != null && !Json.text(distribution).equals("PreferClose")) {
      errs.notSupported(specPath.child("trafficDistribution"), Json.text(distribution),
          List.of("PreferClose"));
    }
  }

  /** ValidateServiceClusterIPsRelatedFields. */
  private static void clusterIPFields(JsonNode spec, String type, List<String> clusterIPs,
      FieldErrors errs) {
    if (type.equals("ExternalName")) {
      return;
    }
    FieldPath specPath = FieldPath.of("spec");
    FieldPath ipsPath = specPath.child("clusterIPs");
    String clusterIP = Json.text(spec, "clusterIP");
    List<String> given = Json.strings(spec, "clusterIPs");
    if (!clusterIP.isEmpty() && !given.isEmpty() && !given.get(0).equals(clusterIP)) {
      errs.invalid(ipsPath, given, "first value must match `clusterIP`");
    } else if (clusterIP.isEmpty() && !given.isEmpty()) {
      errs.invalid(ipsPath, given, "must be empty when `clusterIP` is not specified");
    }
    List<String> families = Json.strings(spec, "ipFamilies");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < families.size(); i++) {
      String f = families.get(i);
      if (!f.equals("IPv4") && !f.equals("IPv6")) {
        errs.notSupported(specPath.child("ipFamilies").index(i), f, List.of("IPv4", "IPv6"));
      }
      if (!seen.add(f)) {
        errs.duplicate(specPath.child("ipFamilies").index(i), f);
      }
    }
    JsonNode policy = Json.get(spec, "ipFamilyPolicy");
    List<String> policies = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
    if (policy != null && !policies.contains(Json.text(policy))) {
      errs.notSupported(specPath.child("ipFamilyPolicy"), Json.text(policy), policies);
    }
    boolean invalidIps = false;
    for (int i = 0; i < clusterIPs.size(); i++) {
      String ip = clusterIPs.get(i);
      if (i == 0 && ip.equals("None")) {
        if (clusterIPs.size() > 1) {
          invalidIps = true;
          errs.invalid(ipsPath, clusterIPs, "'None' must be the first and only value");
        }
        continue;
      }
      if (!IpAddress.isValid(ip)) {
        invalidIps = true;
        errs.invalid(ipsPath.index(i), ip, IpAddress.INVALID_IP);
      }
    }
    if (clusterIPs.size() > 2) {
      errs.invalid(ipsPath, clusterIPs, "may only hold up to 2 values");
    }
    if (invalidIps) {
      return;
    }
    if (clusterIPs.size() > 1) {
      IpAddress first = IpAddress.parse(clusterIPs.get(0));
      IpAddress second = IpAddress.parse(clusterIPs.get(1));
      if (clusterIPs.size() > 2 || first.isV4() == second.isV4()) {
        errs.invalid(ipsPath, clusterIPs, "may specify no more than one IP for each IP family");
      }
    }
    boolean headless = clusterIPs.size() == 1 && clusterIPs.get(0).equals("None");
    if (!headless) {
      for (int i = 0; i < clusterIPs.size() && i < families.size(); i++) {
        IpAddress ip = IpAddress.parse(clusterIPs.get(i));
        if (families.get(i).equals("IPv4") && !ip.isV4()) {
          errs.invalid(ipsPath.index(i), clusterIPs.get(i),
              "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`");
        }
        if (families.get(i).equals("IPv6") && ip.isV4()) {
          errs.invalid(ipsPath.index(i), clusterIPs.get(i),
              "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`");
        }
      }
    }
  }

  /** The cluster IPs as the strategy normalizes them: clusterIPs, else [clusterIP], else []. */
  static List<String> clusterIPs(JsonNode spec) {
    List<String> ips = Json.strings(spec, "clusterIPs");
    if (!ips.isEmpty()) {
      return ips;
    }
    String ip = Json.text(spec, "clusterIP");
    return ip.isEmpty() ? List.of() : List.of(ip);
  }

  /** The parts of ValidateServiceUpdate beyond validating the new object. */
  static void update(JsonNode service, JsonNode old, FieldErrors errs) {
    JsonNode spec = Json.get(service, "spec");
    JsonNode oldSpec = Json.get(old, "spec");
    String type = Json.text(spec, "type");
    String oldType = Json.text(oldSpec, "type");
    FieldPath ipsPath = FieldPath.of("spec", "clusterIPs");
    if (!type.equals("ExternalName") && !oldType.equals("ExternalName")) {
      List<String> now = clusterIPs(spec);
      List<String> before = clusterIPs(oldSpec);
      boolean headless = now.size() == 1 && now.get(0).equals("None");
      boolean oldHeadless = before.size() == 1 && before.get(0).equals("None");
      if (!(headless && oldHeadless)) {
        if (before.size() == now.size()) {
          for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(now.get(i))) {
              errs.invalid(ipsPath.index(i), now, "may not change once set");
            }
          }
        } else if (before.size() > now.size()) {
          if (now.isEmpty()) {
            errs.invalid(ipsPath.index(0), now, "primary clusterIP can not be unset");
          } else if (!now.get(0).equals(before.get(0))) {
            errs.invalid(ipsPath.index(0), now, "may not change once set");
          }
          if (now.size() == 1 && !Json.text(spec, "ipFamilyPolicy").equals("SingleStack")) {
            errs.invalid(FieldPath.of("spec", "ipFamilyPolicy"), Json.get(spec, "ipFamilyPolicy"),
                "must be set to 'SingleStack' when releasing the secondary clusterIP");
          }
        } else if (!before.isEmpty() && !now.get(0).equals(before.get(0))) {
          errs.invalid(ipsPath.index(0), now, "may not change once set");
        }
      }
      if (headless == oldHeadless && !headless) {
        List<String> families = Json.strings(spec, "ipFamilies");
        List<String> oldFamilies = Json.strings(oldSpec, "ipFamilies");
        FieldPath famPath = FieldPath.of("spec", "ipFamilies");
        if (families.size() == oldFamilies.size()) {
          if (!families.equals(oldFamilies)) {
            errs.invalid(famPath.index(0), families, "may not change once set");
          }
        } else if (oldFamilies.size() > families.size()) {
          if (now.isEmpty()) {
            errs.invalid(famPath.index(0), families, "primary ipFamily can not be unset");
          }
          if (!families.isEmpty() && !families.get(0).equals(oldFamilies.get(0))) {
            errs.invalid(famPath.index(0), now, "may not change once set");
          }
          if (families.size() == 1 && !Json.text(spec, "ipFamilyPolicy").equals("SingleStack")) {
            errs.invalid(FieldPath.of("spec", "ipFamilyPolicy"), Json.get(spec, "ipFamilyPolicy"),
                "must be set to 'SingleStack' when releasing the secondary ipFamily");
          }
        } else if (!oldFamilies.isEmpty() && !families.get(0).equals(oldFamilies.get(0))) {
          errs.invalid(famPath.index(0), now, "may not change once set");
        }
      }
    }
    if (type.equals("LoadBalancer") && oldType.equals("LoadBalancer")
        && !Json.semanticEquals(Json.get(spec, "loadBalancerClass"),
            Json.get(oldSpec, "loadBalancerClass"))) {
      errs.invalid(FieldPath.of("spec", "loadBalancerClass"), Json.get(spec, "loadBalancerClass"),
          "may not change once set");
    }
    boolean hc = type.equals("LoadBalancer")
        && Json.text(spec, "externalTrafficPolicy").equals("Local");
    boolean oldHc = oldType.equals("LoadBalancer")
        && Json.text(oldSpec, "externalTrafficPolicy").equals("Local");
    if (hc && oldHc && Json.longValue(spec, "healthCheckNodePort")
        != Json.longValue(oldSpec, "healthCheckNodePort")) {
      errs.forbidden(FieldPath.of("spec", "healthCheckNodePort"), "field is immutable");
    }
  }
}
