package io.kubee.apiserver.rest;

import io.kubee.apiserver.ControlPlane;
import io.kubee.storage.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Makes the deployment's one {@link ControlPlane}, over the EAR's {@link Storage}, injectable. */
@ApplicationScoped
public class ControlPlaneProducer {

  @Produces
  @Singleton
  ControlPlane controlPlane(Storage storage) {
    Config config = ConfigProvider.getConfig();
    ControlPlane.Settings defaults = ControlPlane.Settings.defaults();
    String nodePorts = config.getOptionalValue("kubee.apiserver.service-node-port-range",
        String.class).orElse(defaults.nodePortMin() + "-" + defaults.nodePortMax());
    String[] range = nodePorts.split("-");
    ControlPlane.Settings settings = new ControlPlane.Settings(
        config.getOptionalValue("kubee.apiserver.service-cluster-ip-range", String.class)
            .orElse(defaults.serviceClusterIpRange()),
        Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim()),
        defaults.allocationRepair());
    return new ControlPlane(storage, Clock.systemUTC(), settings);
  }

  void close(@Disposes ControlPlane controlPlane) {
    controlPlane.close();
  }
}
