package io.kubee.controllers.endpoint;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.api.Deletion;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.ControllerRefs;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Keys;
import io.kubee.runtime.Lister;
import io.kubee.runtime.Pods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Keeps the EndpointSlices of every Service with a selector (pkg/controller/endpointslice,
 * reconciler.go): per address family and per set of resolved ports, the selected pods as
 * endpoints with ready/serving/terminating conditions, node name, zone and targetRef, in slices
 * of at most 100 endpoints, labelled {@code kubernetes.io/service-name} and managed-by this
 * controller, owned by the Service (the garbage collector removes them with it). Existing
 * slices are filled in place; only the ones whose content changes are written.
 */
public final class EndpointSliceController extends QueueController {
  public static final String NAME = "endpointslice";
  static final String SERVICE_NAME = "kubernetes.io/service-name";
  static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  static final String CONTROLLER_NAME = "endpointslice-controller.k8s.io";
  static final int MAX_ENDPOINTS_PER_SLICE = 100;

  private final Lister<Service> services;
  private final Lister<Pod> pods;
  private final Lister<Node> nodes;
  private final Lister<EndpointSlice> slices;
  private final KubeApi api;

  public EndpointSliceController(Lister<Service> services, Lister<Pod> pods, Lister<Node> nodes,
      Lister<EndpointSlice> slices, KubeApi api, ThreadFactory threads) {
    super(NAME, threads);
    this.services = services;
    this.pods = pods;
    this.nodes = nodes;
    this.slices = slices;
    this.api = api;
  }

  public static EndpointSliceController create(ControllerContext context) {
    SharedIndexInformer<Service> serviceInformer = context.informers().forType(Service.class);
    SharedIndexInformer<Pod> podInformer = context.informers().forType(Pod.class);
    SharedIndexInformer<Node> nodeInformer = context.informers().forType(Node.class);
    SharedIndexInformer<EndpointSlice> sliceInformer =
        context.informers().forType(EndpointSlice.class);
    Lister<Service> services = new Lister<>(serviceInformer.getIndexer());
    EndpointSliceController controller = new EndpointSliceController(services,
        new Lister<>(podInformer.getIndexer()), new Lister<>(nodeInformer.getIndexer()),
        new Lister<>(sliceInformer.getIndexer()), context.api(), context.threads());
    serviceInformer.addEventHandler(ServiceWatch.services(controller::enqueue));
    podInformer.addEventHandler(ServiceWatch.pods(services, controller::enqueue));
    sliceInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(EndpointSlice slice) {}

      @Override
      public void onUpdate(EndpointSlice old, EndpointSlice slice) {
        controller.sliceChanged(slice);
      }

      @Override
      public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
        controller.sliceChanged(slice);
      }
    });
    return controller;
  }

  private void sliceChanged(EndpointSlice slice) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    if (labels != null && CONTROLLER_NAME.equals(labels.get(MANAGED_BY))
        && labels.get(SERVICE_NAME) != null) {
      enqueue(Keys.of(slice.getMetadata().getNamespace(), labels.get(SERVICE_NAME)));
    }
  }

  @Override
  public void resync() {
    services.list().forEach(this::enqueue);
  }

  @Override
  public void sync(String key) {
    Service service = services.get(key);
    if (service == null || service.getMetadata().getDeletionTimestamp() != null
        || "ExternalName".equals(service.getSpec().getType())
        || service.getSpec().getSelector() == null) {
      return; // slices of a deleted service go with it: they are owned by it
    }
    List<String> families = service.getSpec().getIpFamilies() == null
        || service.getSpec().getIpFamilies().isEmpty() ? List.of("IPv4")
        : service.getSpec().getIpFamilies();
    // (address type, ports) → endpoints
    Map<String, List<Endpoint>> desired = new LinkedHashMap<>();
    Map<String, List<EndpointPort>> portsOf = new HashMap<>();
    for (Pod pod : ServicePods.selected(pods, service)) {
      if (!ServicePods.inEndpoints(pod, true)) {
        continue;
      }
      List<EndpointPort> ports = ports(pod, service);
      for (String family : families) {
        List<String> addresses = ServicePods.podIps(pod, family);
        if (addresses.isEmpty()) {
          continue;
        }
        String group = family + "|" + ports;
        portsOf.put(group, ports);
        desired.computeIfAbsent(group, g -> new ArrayList<>()).add(endpoint(pod, service,
            addresses));
      }
    }
    List<EndpointSlice> existing = new ArrayList<>(slices.list(service.getMetadata()
        .getNamespace(), slice -> slice.getMetadata().getLabels() != null
        && service.getMetadata().getName().equals(slice.getMetadata().getLabels()
            .get(SERVICE_NAME))
        && CONTROLLER_NAME.equals(slice.getMetadata().getLabels().get(MANAGED_BY))));
    existing.sort(Comparator.comparing(s -> s.getMetadata().getName()));
    Map<String, List<EndpointSlice>> existingByGroup = new HashMap<>();
    for (EndpointSlice slice : existing) {
      existingByGroup.computeIfAbsent(slice.getAddressType() + "|" + (slice.getPorts() == null
          ? List.of() : slice.getPorts()), g -> new ArrayList<>()).add(slice);
    }
    Map<String, String> labels = labels(service);
    var used = new HashSet<String>();
    for (Map.Entry<String, List<Endpoint>> group : desired.entrySet()) {
      List<Endpoint> endpoints = group.getValue();
      endpoints.sort(Comparator.comparing(e -> e.getTargetRef().getName()));
      List<EndpointSlice> candidates = existingByGroup.getOrDefault(group.getKey(), List.of());
      String addressType = group.getKey().substring(0, group.getKey().indexOf('|'));
      for (int chunk = 0; chunk * MAX_ENDPOINTS_PER_SLICE < endpoints.size(); chunk++) {
        List<Endpoint> part = endpoints.subList(chunk * MAX_ENDPOINTS_PER_SLICE,
            Math.min(endpoints.size(), (chunk + 1) * MAX_ENDPOINTS_PER_SLICE));
        EndpointSlice slice = chunk < candidates.size() ? candidates.get(chunk) : null;
        write(service, slice, addressType, portsOf.get(group.getKey()), part, labels);
        if (slice != null) {
          used.add(slice.getMetadata().getName());
        }
      }
    }
    if (desired.isEmpty()) {
      // a service without endpoints keeps one empty slice, as Kubernetes gives it
      EndpointSlice keep = existing.isEmpty() ? null : existing.get(0);
      write(service, keep, keep == null ? families.get(0) : keep.getAddressType(), List.of(),
          List.of(), labels);
      if (keep != null) {
        used.add(keep.getMetadata().getName());
      }
    }
    for (EndpointSlice slice : existing) {
      if (!used.contains(slice.getMetadata().getName())) {
        api.delete(EndpointSlice.class, slice.getMetadata().getNamespace(),
            slice.getMetadata().getName(), Deletion.DEFAULT);
      }
    }
  }

  private void write(Service service, EndpointSlice current, String addressType,
      List<EndpointPort> ports, List<Endpoint> endpoints, Map<String, String> labels) {
    if (current != null && Objects.equals(new HashSet<>(nullToEmpty(current.getEndpoints())),
        new HashSet<>(endpoints)) && Objects.equals(nullToEmpty(current.getPorts()), ports)
        && Objects.equals(current.getMetadata().getLabels(), labels)) {
      return;
    }
    EndpointSlice slice = current == null ? new EndpointSliceBuilder()
        .withNewMetadata()
        .withGenerateName(prefix(service.getMetadata().getName()))
        .withNamespace(service.getMetadata().getNamespace())
        .withOwnerReferences(ControllerRefs.newControllerRef(service, "v1", "Service"))
        .endMetadata()
        .withAddressType(addressType)
        .build() : Json.copy(current);
    slice.getMetadata().setLabels(labels);
    slice.setEndpoints(new ArrayList<>(endpoints));
    slice.setPorts(ports.isEmpty() ? null : ports);
    if (current == null) {
      api.create(slice);
    } else {
      api.update(slice);
    }
  }

  /** {@code podToEndpoint}. */
  private Endpoint endpoint(Pod pod, Service service, List<String> addresses) {
    boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
    boolean serving = Pods.isReady(pod);
    boolean ready = (publishNotReady || serving) && (!terminating || publishNotReady);
    EndpointBuilder endpoint = new EndpointBuilder()
        .withAddresses(addresses)
        .withNewConditions().withReady(ready).withServing(serving).withTerminating(terminating)
        .endConditions()
        .withTargetRef(new ObjectReferenceBuilder().withKind("Pod")
            .withNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build());
    String nodeName = pod.getSpec().getNodeName();
    if (nodeName != null && !nodeName.isEmpty()) {
      endpoint.withNodeName(nodeName);
      Node node = nodes.get("", nodeName);
      String zone = node == null || node.getMetadata().getLabels() == null ? null
          : node.getMetadata().getLabels().get("topology.kubernetes.io/zone");
      if (zone != null && !zone.isEmpty()) {
        endpoint.withZone(zone);
      }
    }
    if (ServicePods.shouldSetHostname(pod, service)) {
      endpoint.withHostname(pod.getSpec().getHostname());
    }
    return endpoint.build();
  }

  private static List<EndpointPort> ports(Pod pod, Service service) {
    List<EndpointPort> ports = new ArrayList<>();
    if (service.getSpec().getPorts() == null) {
      return ports;
    }
    for (ServicePort servicePort : service.getSpec().getPorts()) {
      Integer port = ServicePods.findPort(pod, servicePort);
      if (port != null) {
        ports.add(new EndpointPortBuilder()
            .withName(servicePort.getName() == null ? "" : servicePort.getName())
            .withPort(port)
            .withProtocol(servicePort.getProtocol() == null ? "TCP" : servicePort.getProtocol())
            .withAppProtocol(servicePort.getAppProtocol()).build());
      }
    }
    return ports;
  }

  private static Map<String, String> labels(Service service) {
    Map<String, String> labels = new HashMap<>(service.getMetadata().getLabels() == null
        ? Map.of() : service.getMetadata().getLabels());
    labels.put(SERVICE_NAME, service.getMetadata().getName());
    labels.put(MANAGED_BY, CONTROLLER_NAME);
    if (!ServicePods.hasClusterIp(service)) {
      labels.put(EndpointsController.HEADLESS, "");
    }
    return labels;
  }

  /** {@code getEndpointSlicePrefix}: the service name and a dash, cut to fit a generated name. */
  private static String prefix(String service) {
    String prefix = service + "-";
    return prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
