package io.kubee.controllers.endpoint;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubee.runtime.Keys;
import io.kubee.runtime.Lister;
import java.util.function.Consumer;

/**
 * The informer handlers both endpoint controllers register: a service event queues that
 * service; a pod event queues every service that selects the pod, before and after the change.
 */
final class ServiceWatch {
  private ServiceWatch() {}

  static ResourceEventHandler<Service> services(Consumer<String> enqueue) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service service) {
        enqueue.accept(Keys.of(service));
      }

      @Override
      public void onUpdate(Service old, Service service) {
        enqueue.accept(Keys.of(service));
      }

      @Override
      public void onDelete(Service service, boolean finalStateUnknown) {
        enqueue.accept(Keys.of(service));
      }
    };
  }

  static ResourceEventHandler<Pod> pods(Lister<Service> services, Consumer<String> enqueue) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        ServicePods.servicesSelecting(services, pod).forEach(s -> enqueue.accept(Keys.of(s)));
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        if (!ServicePods.endpointsChanged(old, pod)) {
          return;
        }
        ServicePods.servicesSelecting(services, pod).forEach(s -> enqueue.accept(Keys.of(s)));
        ServicePods.servicesSelecting(services, old).forEach(s -> enqueue.accept(Keys.of(s)));
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        ServicePods.servicesSelecting(services, pod).forEach(s -> enqueue.accept(Keys.of(s)));
      }
    };
  }
}
