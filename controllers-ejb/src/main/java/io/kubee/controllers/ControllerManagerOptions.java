package io.kubee.controllers;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The controller manager's settings, read from MicroProfile Config under {@code kubee.controllers.}
 * (system properties and environment override them), with kube-controller-manager's defaults:
 *
 * <ul>
 *   <li>{@code kubee.controllers.enabled}: the whole manager (true);
 *   <li>{@code kubee.controllers.<name>.enabled} and {@code .workers} for each controller
 *       ({@code --controllers}, {@code --concurrent-*-syncs});
 *   <li>{@code kubee.controllers.leader-elect} (true), {@code .leader-elect-lease-duration}
 *       (15s), {@code .leader-elect-renew-deadline} (10s), {@code .leader-elect-retry-period}
 *       (2s), {@code .leader-elect-resource-name} (kube-controller-manager);
 *   <li>{@code kubee.controllers.min-resync-period} (12h);
 *   <li>each controller's own, e.g. {@code kubee.controllers.nodelifecycle.node-monitor-grace-period}.
 * </ul>
 *
 * Durations are written as Kubernetes' flags ("40s", "5m").
 */
public final class ControllerManagerOptions {
  public static final String PREFIX = "kubee.controllers.";

  private final Function<String, Optional<String>> config;

  private ControllerManagerOptions(Function<String, Optional<String>> config) {
    this.config = config;
  }

  /** @param config MicroProfile Config's {@code getOptionalValue(key, String.class)} */
  public static ControllerManagerOptions from(Function<String, Optional<String>> config) {
    return new ControllerManagerOptions(config);
  }

  /** Kubernetes' defaults everywhere. */
  public static ControllerManagerOptions defaults() {
    return new ControllerManagerOptions(key -> Optional.empty());
  }

  /** Fixed values (keys without the prefix), for tests and embedded managers. */
  public static ControllerManagerOptions of(Map<String, String> values) {
    return new ControllerManagerOptions(key -> Optional.ofNullable(
        values.get(key.substring(PREFIX.length()))));
  }

  public boolean managerEnabled() {
    return flag("enabled", true);
  }

  public boolean enabled(String controller) {
    return flag(controller + ".enabled", true);
  }

  public int workers(String controller, int kubernetesDefault) {
    int workers = integer(controller + ".workers", kubernetesDefault);
    if (workers < 1) {
      throw new IllegalArgumentException(PREFIX + controller + ".workers must be at least 1");
    }
    return workers;
  }

  public Duration duration(String key, Duration kubernetesDefault) {
    return raw(key).map(Durations::parse).orElse(kubernetesDefault);
  }

  public double number(String key, double kubernetesDefault) {
    return raw(key).map(Double::parseDouble).orElse(kubernetesDefault);
  }

  public int integer(String key, int kubernetesDefault) {
    return raw(key).map(v -> Integer.parseInt(v.trim())).orElse(kubernetesDefault);
  }

  public boolean flag(String key, boolean kubernetesDefault) {
    return raw(key).map(v -> Boolean.parseBoolean(v.trim())).orElse(kubernetesDefault);
  }

  public String text(String key, String kubernetesDefault) {
    return raw(key).orElse(kubernetesDefault);
  }

  private Optional<String> raw(String key) {
    return config.apply(PREFIX + key).filter(v -> !v.isBlank());
  }
}
