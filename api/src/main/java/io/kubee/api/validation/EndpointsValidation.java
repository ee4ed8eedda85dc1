package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.IpAddress;
import io.kubee.api.validation.syntax.Names;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Endpoints subsets ({@code ValidateEndpoints} in {@code pkg/apis/core/validation}). */
final class EndpointsValidation {
  private EndpointsValidation() {}

  static void validate(JsonNode endpoints, FieldErrors errs) {
    List<JsonNode> subsets = Json.list(endpoints, "subsets");
    FieldPath path = FieldPath.of("subsets");
    for (int i = 0; i < subsets.size(); i++) {
      JsonNode ss = subsets.get(i);
      FieldPath p = path.index(i);
      List<JsonNode> addresses = Json.list(ss, "addresses");
      List<JsonNode> notReady = Json.list(ss, "notReadyAddresses");
      if (addresses.isEmpty() && notReady.isEmpty()) {
        errs.required(p, "must specify `addresses` or `notReadyAddresses`");
      }
      for (int a = 0; a < addresses.size(); a++) {
        address(addresses.get(a), p.child("addresses").index(a), errs);
      }
      for (int a = 0; a < notReady.size(); a++) {
        address(notReady.get(a), p.child("notReadyAddresses").index(a), errs);
      }
      List<JsonNode> ports = Json.list(ss, "ports");
      for (int j = 0; j < ports.size(); j++) {
        port(ports.get(j), ports.size() > 1, p.child("ports").index(j), errs);
      }
    }
  }

  private static void address(JsonNode address, FieldPath p, FieldErrors errs) {
    String ip = Json.text(address, "ip");
    if (!IpAddress.isValid(ip)) {
      errs.invalid(p.child("ip"), ip, IpAddress.INVALID_IP);
    }
    String hostname = Json.text(address, "hostname");
    if (!hostname.isEmpty()) {
      Names.dns1123Label(hostname).forEach(m -> errs.invalid(p.child("hostname"), hostname, m));
    }
    if (Json.has(address, "nodeName")) {
      String node = Json.text(address, "nodeName");
      Names.nameIsDnsSubdomain(node, false).forEach(m -> errs.invalid(p.child("nodeName"), node,
          m));
    }
    nonSpecialIp(ip, p.child("ip"), errs);
  }

  /** Endpoints and external IPs may not be unspecified, loopback or link-local addresses. */
  static void nonSpecialIp(String text, FieldPath p, FieldErrors errs) {
    IpAddress ip = IpAddress.parse(text);
    if (ip == null) {
      errs.invalid(p, text, "must be a valid IP address");
      return;
    }
    if (ip.isUnspecified()) {
      errs.invalid(p, text, "may not be unspecified (" + text + ")");
    }
    if (ip.isLoopback()) {
      errs.invalid(p, text, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
    }
    if (ip.isLinkLocalUnicast()) {
      errs.invalid(p, text, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
    }
    if (ip.isLinkLocalMulticast()) {
      errs.invalid(p, text, "may not be in the link-local multicast range (224.0.0.0/24,"
          + " ff02::/10)");
    }
  }

  private static void port(JsonNode port, boolean requireName, FieldPath p, FieldErrors errs) {
    String name = Json.text(port, "name");
    if (requireName && name.isEmpty()) {
      errs.required(p.child("name"), "");
    } else if (!name.isEmpty()) {
      Names.dns1123Label(name).forEach(m -> errs.invalid(p.child("name"), name, m));
    }
    long number = Json.longValue(port, "port");
    Names.portNumber(number).forEach(m -> errs.invalid(p.child("port"), number, m));
    String protocol = Json.text(port, "protocol");
    if (protocol.isEmpty()) {
      errs.required(p.child("protocol"), "");
    } else if (!ContainerValidation.PROTOCOLS.contains(protocol)) {
      errs.notSupported(p.child("protocol"), protocol, ContainerValidation.PROTOCOLS);
    }
    JsonNode appProtocol = Json.get(port, "appProtocol");
    if (appProtocol != null) {
      String v = Json.text(appProtocol);
      Names.qualifiedName(v).forEach(m -> errs.invalid(p.child("appProtocol"), v, m));
    }
  }
}
