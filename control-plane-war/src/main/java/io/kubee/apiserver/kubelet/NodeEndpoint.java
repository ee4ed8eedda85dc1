package io.kubee.apiserver.kubelet;

import io.kubee.api.errors.Errors;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Where a node's kubelet API answers: an address of the Node (InternalIP first, then
 * ExternalIP, then Hostname — the order kube-apiserver is usually configured with,
 * --kubelet-preferred-address-types) and the port it reports in
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}.
 */
public record NodeEndpoint(String host, int port) {
  static final List<String> PREFERRED = List.of("InternalIP", "ExternalIP", "Hostname");

  public static NodeEndpoint of(JsonNode node) {
    String name = node.path("metadata").path("name").asString("");
    int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint")
        .path("Port").asInt(0);
    if (port <= 0) {
      throw Errors.serviceUnavailable("node \"" + name + "\" reports no kubelet port "
          + "(status.daemonEndpoints.kubeletEndpoint.Port): is its node agent running?");
    }
    for (String type : PREFERRED) {
      for (JsonNode address : node.path("status").path("addresses")) {
        if (address.path("type").asString("").equals(type)
            && !address.path("address").asString("").isEmpty()) {
          return new NodeEndpoint(address.path("address").asString(), port);
        }
      }
    }
    throw Errors.serviceUnavailable("node \"" + name + "\" has no address to reach its node "
        + "agent at");
  }

  /** {@code https://host:port} (IPv6 in brackets). */
  public String base(String scheme) {
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
