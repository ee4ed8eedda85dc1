package io.kubee.apiserver.rest;

import io.kubee.apiserver.ControlPlane;
import io.kubee.storage.Storage;
import jakarta.enterprise.context.ApplicationScoped;
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
    return new ControlPlane(storage, Clock.systemUTC());
  }

  void close(@Disposes ControlPlane controlPlane) {
    controlPlane.close();
  }
}
