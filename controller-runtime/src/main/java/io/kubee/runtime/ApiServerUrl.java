package io.kubee.runtime;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where the components in the EAR find the apiserver: {@code kubee.apiserver.url}, by default
 * this server's own HTTP listener on loopback ({@code jboss.http.port}, 8080).
 */
public final class ApiServerUrl {
  public static final String KEY = "kubee.apiserver.url";

  private ApiServerUrl() {}

  /** @param config MicroProfile Config's {@code getOptionalValue(key, String.class)} */
  public static String from(Function<String, Optional<String>> config) {
    return config.apply(KEY)
        .orElseGet(() -> "http://127.0.0.1:" + System.getProperty("jboss.http.port", "8080"));
  }
}
