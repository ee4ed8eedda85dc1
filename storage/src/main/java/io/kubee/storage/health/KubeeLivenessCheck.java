package io.kubee.storage.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive whenever the application answers at all: an etcd outage makes the control plane unready,
 * never dead (restarting it would not bring etcd back).
 */
@Liveness
@ApplicationScoped
public class KubeeLivenessCheck implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    return new HealthCheckResponse("kubee", HealthCheckResponse.Status.UP, Optional.empty());
  }
}
