package io.kubee.controllers.endpoint;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.Events;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.api.Deletion;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Keys;
import io.kubee.runtime.Lister;
import io.kubee.runtime.Pods;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Keeps the Endpoints of every Service with a selector (pkg/controller/endpoint/
 * endpoints_controller.go): each selected pod with an IP is an address — in {@code addresses}
 * when Ready (or the service publishes not-ready addresses), else in {@code notReadyAddresses} —
 * with its node name and a targetRef, for every service port resolved against the pod's
 * (possibly named) container ports; written only when it changed. Services without a selector
 * and ExternalName services are left to their owners.
 */
public final class EndpointsController extends QueueController {
  public static final String NAME = "endpoint";
  static final String HEADLESS = "service.kubernetes.io/headless";
  static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";
  static final int MAX_CAPACITY = 1000;

  private final Lister<Service> services;
  private final Lister<Pod> pods;
  private final Lister<Endpoints> endpoints;
  private final KubeApi api;
  private final Events events;

  public EndpointsController(Lister<Service> services, Lister<Pod> pods,
      Lister<Endpoints> endpoints, KubeApi api, Events events, ThreadFactory threads) {
    super(NAME, threads);
    this.services = services;
    this.pods = pods;
    this.endpoints = endpoints;
    this.api = api;
    this.events = events;
  }

  public static EndpointsController create(ControllerContext context) {
    SharedIndexInformer<Service> serviceInformer = context.informers().forType(Service.class);
    SharedIndexInformer<Pod> podInformer = context.informers().forType(Pod.class);
    SharedIndexInformer<Endpoints> endpointsInformer =
        context.informers().forType(Endpoints.class);
    Lister<Service> services = new Lister<>(serviceInformer.getIndexer());
    EndpointsController controller = new EndpointsController(services,
        new Lister<>(podInformer.getIndexer()), new Lister<>(endpointsInformer.getIndexer()),
        context.api(), context.events("endpoint-controller"), context.threads());
    serviceInformer.addEventHandler(ServiceWatch.services(controller::enqueue));
    podInformer.addEventHandler(ServiceWatch.pods(services, controller::enqueue));
    endpointsInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Endpoints object) {}

      @Override
      public void onUpdate(Endpoints old, Endpoints object) {
        // someone else changed what this controller manages: put it back
        if (services.get(Keys.of(object)) != null) {
          controller.enqueue(object);
        }
      }

      @Override
      public void onDelete(Endpoints object, boolean finalStateUnknown) {
        if (services.get(Keys.of(object)) != null) {
          controller.enqueue(object);
        }
      }
    });
    return controller;
  }

  @Override
  public void resync() {
    services.list().forEach(this::enqueue);
  }

  @Override
  public void sync(String key) {
    Service service = services.get(key);
    if (service == null) {
      api.delete(Endpoints.class, Keys.namespace(key), Keys.name(key), Deletion.DEFAULT);
      return;
    }
    if ("ExternalName".equals(service.getSpec().getType())
        || service.getSpec().getSelector() == null) {
      return;
    }
    boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    List<EndpointSubsets.Entry> entries = new ArrayList<>();
    List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of()
        : service.getSpec().getPorts();
    for (Pod pod : ServicePods.selected(pods, service)) {
      if (!ServicePods.inEndpoints(pod, publishNotReady)) {
        continue;
      }
      EndpointAddress address = address(pod, service);
      boolean ready = publishNotReady || Pods.isReady(pod);
      if (ports.isEmpty()) {
        if ("None".equals(service.getSpec().getClusterIP())) {
          entries.add(new EndpointSubsets.Entry(address, null, ready));
        }
        continue;
      }
      for (ServicePort servicePort : ports) {
        Integer port = ServicePods.findPort(pod, servicePort);
        if (port != null) {
          entries.add(new EndpointSubsets.Entry(address, new EndpointPortBuilder()
              .withName(servicePort.getName()).withPort(port)
              .withProtocol(servicePort.getProtocol() == null ? "TCP" : servicePort.getProtocol())
              .withAppProtocol(servicePort.getAppProtocol()).build(), ready));
        }
      }
    }
    List<EndpointSubset> subsets = EndpointSubsets.repack(entries);
    Map<String, String> labels = new HashMap<>(service.getMetadata().getLabels() == null
        ? Map.of() : service.getMetadata().getLabels());
    if (!ServicePods.hasClusterIp(service)) {
      labels.put(HEADLESS, "");
    }
    Endpoints current = endpoints.get(key);
    boolean truncated = truncate(subsets);
    if (current != null && EndpointSubsets.equalIgnoringResourceVersion(current.getSubsets(),
        subsets) && Objects.equals(labelsOf(current), labels)
        && truncated == overCapacity(current)) {
      return;
    }
    Endpoints wanted = current == null
        ? new EndpointsBuilder().withNewMetadata().withName(service.getMetadata().getName())
            .withNamespace(service.getMetadata().getNamespace()).endMetadata().build()
        : Json.copy(current);
    wanted.setSubsets(subsets.isEmpty() ? null : subsets);
    wanted.getMetadata().setLabels(labels.isEmpty() ? null : labels);
    Map<String, String> annotations = wanted.getMetadata().getAnnotations() == null
        ? new HashMap<>() : new HashMap<>(wanted.getMetadata().getAnnotations());
    if (truncated) {
      annotations.put(OVER_CAPACITY, "truncated");
    } else {
      annotations.remove(OVER_CAPACITY);
    }
    wanted.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
    try {
      if (current == null) {
        api.create(wanted);
      } else {
        api.update(wanted);
      }
    } catch (KubernetesClientException e) {
      if (current == null && e.getCode() == 403) {
        return; // the namespace is terminating: nothing more will be created in it
      }
      events.event(service, Events.WARNING, current == null ? "FailedToCreateEndpoint"
          : "FailedToUpdateEndpoint", "Failed to " + (current == null ? "create" : "update")
          + " endpoint " + key + ": " + e.getMessage());
      throw e;
    }
  }

  private static EndpointAddress address(Pod pod, Service service) {
    EndpointAddressBuilder address = new EndpointAddressBuilder()
        .withIp(ServicePods.podIp(pod))
        .withNodeName(pod.getSpec().getNodeName())
        .withTargetRef(new ObjectReferenceBuilder().withKind("Pod")
            .withNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
            .build());
    if (ServicePods.shouldSetHostname(pod, service)) {
      address.withHostname(pod.getSpec().getHostname());
    }
    return address.build();
  }

  /** {@code truncateEndpoints}: at most 1000 addresses, ready ones kept first. */
  private static boolean truncate(List<EndpointSubset> subsets) {
    int total = 0;
    for (EndpointSubset s : subsets) {
      total += size(s.getAddresses()) + size(s.getNotReadyAddresses());
    }
    if (total <= MAX_CAPACITY) {
      return false;
    }
    int room = MAX_CAPACITY;
    for (EndpointSubset s : subsets) {
      int ready = Math.min(size(s.getAddresses()), room);
      if (s.getAddresses() != null) {
        s.setAddresses(new ArrayList<>(s.getAddresses().subList(0, ready)));
      }
      room -= ready;
    }
    for (EndpointSubset s : subsets) {
      int notReady = Math.min(size(s.getNotReadyAddresses()), room);
      if (s.getNotReadyAddresses() != null) {
        s.setNotReadyAddresses(new ArrayList<>(s.getNotReadyAddresses().subList(0, notReady)));
      }
      room -= notReady;
    }
    return true;
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  private static Map<String, String> labelsOf(Endpoints e) {
    return e.getMetadata().getLabels() == null ? Map.of() : e.getMetadata().getLabels();
  }

  private static boolean overCapacity(Endpoints e) {
    return e.getMetadata().getAnnotations() != null
        && e.getMetadata().getAnnotations().containsKey(OVER_CAPACITY);
  }
}
