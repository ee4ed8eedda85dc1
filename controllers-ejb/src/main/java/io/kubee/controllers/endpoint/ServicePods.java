package io.kubee.controllers.endpoint;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubee.controllers.util.Selectors;
import io.kubee.runtime.Lister;
import io.kubee.runtime.Pods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the endpoints and EndpointSlice controllers share ({@code endpointutil} and
 * {@code podutil.FindPort}): which services select a pod, whether a pod belongs in endpoints,
 * the container port a service port resolves to, and whether a pod change matters.
 */
final class ServicePods {
  private ServicePods() {}

  /** Services of the pod's namespace whose selector (not nil) matches it. */
  static List<Service> servicesSelecting(Lister<Service> services, Pod pod) {
    return services.list(pod.getMetadata().getNamespace(), service ->
        service.getSpec() != null && service.getSpec().getSelector() != null
            && Selectors.matchesSet(service.getSpec().getSelector(), pod.getMetadata().getLabels()));
  }

  /** The pods a service selects. */
  static List<Pod> selected(Lister<Pod> pods, Service service) {
    Map<String, String> selector = service.getSpec().getSelector();
    return pods.list(service.getMetadata().getNamespace(),
        pod -> Selectors.matchesSet(selector, pod.getMetadata().getLabels()));
  }

  /** {@code ShouldPodBeInEndpoints}: has an IP, is not terminal, terminating only if asked. */
  static boolean inEndpoints(Pod pod, boolean includeTerminating) {
    if (Pods.isTerminal(pod)) {
      return false;
    }
    if (podIp(pod) == null) {
      return false;
    }
    return includeTerminating || pod.getMetadata().getDeletionTimestamp() == null;
  }

  static String podIp(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    String ip = pod.getStatus().getPodIP();
    return ip == null || ip.isEmpty() ? null : ip;
  }

  /** The pod IPs of one family ("IPv4" or "IPv6"). */
  static List<String> podIps(Pod pod, String family) {
    List<String> result = new ArrayList<>();
    if (pod.getStatus() == null) {
      return result;
    }
    List<String> all = new ArrayList<>();
    if (pod.getStatus().getPodIPs() != null) {
      pod.getStatus().getPodIPs().forEach(ip -> all.add(ip.getIp()));
    }
    if (all.isEmpty() && podIp(pod) != null) {
      all.add(podIp(pod));
    }
    for (String ip : all) {
      if (ip != null && ip.contains(":") == family.equals("IPv6")) {
        result.add(ip);
      }
    }
    return result;
  }

  /** {@code FindPort}: the container port a service port targets, or null. */
  static Integer findPort(Pod pod, ServicePort servicePort) {
    IntOrString target = servicePort.getTargetPort();
    if (target == null) {
      return servicePort.getPort();
    }
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    String name = target.getStrVal();
    String protocol = servicePort.getProtocol() == null ? "TCP" : servicePort.getProtocol();
    List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
    if (pod.getSpec().getInitContainers() != null) {
      // sidecars: init containers that keep running
      pod.getSpec().getInitContainers().stream()
          .filter(c -> "Always".equals(c.getRestartPolicy())).forEach(containers::add);
    }
    for (Container container : containers) {
      if (container.getPorts() == null) {
        continue;
      }
      for (ContainerPort port : container.getPorts()) {
        String portProtocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        if (name.equals(port.getName()) && protocol.equals(portProtocol)) {
          return port.getContainerPort();
        }
      }
    }
    return null;
  }

  /** {@code ShouldSetHostname}: a pod with a hostname in the service's subdomain. */
  static boolean shouldSetHostname(Pod pod, Service service) {
    return pod.getSpec().getHostname() != null && !pod.getSpec().getHostname().isEmpty()
        && Objects.equals(pod.getSpec().getSubdomain(), service.getMetadata().getName())
        && service.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace());
  }

  /** {@code podEndpointsChanged}: a change that can change endpoints. */
  static boolean endpointsChanged(Pod old, Pod current) {
    return !Objects.equals(podIps(old, "IPv4"), podIps(current, "IPv4"))
        || !Objects.equals(podIps(old, "IPv6"), podIps(current, "IPv6"))
        || Pods.isReady(old) != Pods.isReady(current)
        || (old.getMetadata().getDeletionTimestamp() == null)
            != (current.getMetadata().getDeletionTimestamp() == null)
        || Pods.isTerminal(old) != Pods.isTerminal(current)
        || !Objects.equals(old.getSpec().getNodeName(), current.getSpec().getNodeName())
        || !Objects.equals(old.getSpec().getHostname(), current.getSpec().getHostname())
        || !Objects.equals(old.getSpec().getSubdomain(), current.getSpec().getSubdomain())
        || !Objects.equals(old.getMetadata().getLabels(), current.getMetadata().getLabels());
  }

  /** Whether the service has a cluster IP (not headless). */
  static boolean hasClusterIp(Service service) {
    String ip = service.getSpec().getClusterIP();
    return ip != null && !ip.isEmpty() && !ip.equals("None");
  }
}
