package io.kubee.controllers;

import io.kubee.controllers.api.DynamicApi;
import io.kubee.controllers.api.KubeApi;
import java.time.Clock;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * What a controller is built from in one term of leadership (kube-controller-manager's
 * {@code ControllerContext}): the API, the shared informers, the clock, an event recorder per
 * component, the threads it may start and the settings.
 *
 * @param recorders the event recorder of a component ("replicaset-controller")
 */
public record ControllerContext(KubeApi api, DynamicApi dynamic, SharedInformers informers,
    Clock clock, Function<String, Events> recorders, ThreadFactory threads,
    ControllerManagerOptions options) {

  public Events events(String component) {
    return recorders.apply(component);
  }
}
