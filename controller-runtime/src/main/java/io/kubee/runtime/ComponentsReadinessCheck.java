package io.kubee.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile readiness of the scheduler and the controllers ("control-plane-components"):
 * up when every component that reported is ready. It lives in this EAR lib jar because WildFly
 * ignores health checks inside sub-deployments (PLATFORM.md, gotcha 2).
 */
@Readiness
@ApplicationScoped
public class ComponentsReadinessCheck implements HealthCheck {
  @Inject
  ComponentHealth health;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("control-plane-components");
    boolean up = true;
    for (Map.Entry<String, ComponentHealth.State> state : health.states().entrySet()) {
      up &= state.getValue().ready();
      response.withData(state.getKey(), (state.getValue().ready() ? "ready" : "not ready")
          + (state.getValue().detail().isEmpty() ? "" : ": " + state.getValue().detail()));
    }
    return response.status(up).build();
  }
}
