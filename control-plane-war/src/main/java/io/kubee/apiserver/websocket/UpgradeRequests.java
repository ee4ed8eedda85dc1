package io.kubee.apiserver.websocket;

import io.kubee.apiserver.auth.Authenticator;
import io.kubee.apiserver.handlers.ApiRequest;
import jakarta.websocket.Session;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GET request a WebSocket upgrade stands for, as the REST handler takes it: path and query
 * parameters of the upgrade, no body.
 */
final class UpgradeRequests {
  private UpgradeRequests() {}

  /** The upgrade's request, with {@code overrides} replacing query parameters of that name. */
  static ApiRequest of(Session session, Map<String, List<String>> overrides) {
    URI uri = session.getRequestURI();
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        String[] kv = pair.split("=", 2);
        query.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>())
            .add(kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    query.putAll(overrides);
    return new ApiRequest("GET", uri.getPath(), query, null, "application/json", null, null,
        new Authenticator.Credentials(null, null), () -> new byte[0]);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
