package io.kubee.apiserver.websocket;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Registers the WebSocket endpoints: watches on every collection path a watch can name
 * (fabric8 tries a WebSocket first), and pod streams on {@code pods/<name>/exec|attach|
 * portforward} ({@link PodStreamEndpoint}). Upgrade requests to these paths become WebSockets;
 * ordinary requests to the same paths still reach the REST endpoint.
 */
public class WatchPaths implements ServerApplicationConfig {
  static final List<String> PATHS = List.of(
      "/api/{version}/{resource}",
      "/api/{version}/namespaces/{namespace}/{resource}",
      "/apis/{group}/{version}/{resource}",
      "/apis/{group}/{version}/namespaces/{namespace}/{resource}");

  /** The pod streams and the channel protocols each offers, preferred first. */
  static final List<String> EXEC_PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
  static final List<String> PORT_FORWARD_PROTOCOLS = List.of(
      PodStreamEndpoint.SPDY_PORT_FORWARD, "v4.channel.k8s.io");

  @Override
  public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
    Set<ServerEndpointConfig> configs = new HashSet<>();
    for (String path : PATHS) {
      configs.add(ServerEndpointConfig.Builder.create(WatchEndpoint.class, path).build());
    }
    String pod = "/api/{version}/namespaces/{namespace}/pods/{name}/";
    for (String stream : List.of("exec", "attach")) {
      configs.add(ServerEndpointConfig.Builder.create(PodStreamEndpoint.class, pod + stream)
          .subprotocols(EXEC_PROTOCOLS).build());
    }
    configs.add(ServerEndpointConfig.Builder.create(PodStreamEndpoint.class, pod + "portforward")
        .subprotocols(PORT_FORWARD_PROTOCOLS).build());
    return configs;
  }

  @Override
  public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
    return Set.of();
  }
}
