package io.kubee.storage.health;

import io.kubee.storage.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while etcd answers a read within 2 s ({@link Storage#isHealthy()}). */
@Readiness
@ApplicationScoped
public class EtcdReadinessCheck implements HealthCheck {

  @Inject
  Storage storage;

  @Override
  public HealthCheckResponse call() {
    return new HealthCheckResponse("etcd", storage.isHealthy()
        ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN, Optional.empty());
  }
}
