package io.kubee.storage.health;

import io.kubee.storage.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once etcd has answered at least once since deployment; stays UP afterwards. */
@Startup
@ApplicationScoped
public class EtcdStartupCheck implements HealthCheck {

  @Inject
  Storage storage;

  private volatile boolean reached;

  @Override
  public HealthCheckResponse call() {
    if (!reached && storage.isHealthy()) {
      reached = true;
    }
    return new HealthCheckResponse("etcd-reached",
        reached ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.empty());
  }
}
