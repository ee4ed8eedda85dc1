package io.kubee.apiserver.websocket;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Registers the WebSocket watch endpoint on every collection path a watch can name. Upgrade
 * requests to these paths become WebSocket watches (fabric8 tries this first); ordinary requests
 * to the same paths still reach the REST endpoint.
 */
public class WatchPaths implements ServerApplicationConfig {
  static final List<String> PATHS = List.of(
      "/api/{version}/{resource}",
      "/api/{version}/namespaces/{namespace}/{resource}",
      "/apis/{group}/{version}/{resource}",
      "/apis/{group}/{version}/namespaces/{namespace}/{resource}");

  @Override
  public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
    return PATHS.stream()
        .map(path -> ServerEndpointConfig.Builder.create(WatchEndpoint.class, path).build())
        .collect(Collectors.toSet());
  }

  @Override
  public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
    return Set.of();
  }
}
