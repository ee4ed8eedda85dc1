package io.kubee.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * A pod's effective requests ({@code resourcehelper.PodRequests}, k8s.io/component-helpers):
 * the sum of its containers and of its restartable (sidecar) init containers, or the largest
 * init container together with the sidecars started before it, whichever is more; plus the
 * pod's overhead.
 */
final class PodRequests {
  private PodRequests() {}

  static Resource of(Pod pod) {
    return compute(pod, false);
  }

  /** As {@link #of}, counting 100m cpu and 200 MiB for containers that request none. */
  static Resource nonZero(Pod pod) {
    return compute(pod, true);
  }

  private static Resource compute(Pod pod, boolean nonZero) {
    Resource containers = new Resource();
    for (Container c : pod.getSpec().getContainers()) {
      containers.add(container(c, nonZero));
    }
    Resource sidecars = new Resource();
    Resource initMax = new Resource();
    List<Container> inits = pod.getSpec().getInitContainers();
    if (inits != null) {
      for (Container c : inits) {
        Resource r = container(c, nonZero);
        if ("Always".equals(c.getRestartPolicy())) {
          sidecars.add(r);
          initMax.setMax(sidecars);
        } else {
          Resource during = sidecars.copy();
          during.add(r);
          initMax.setMax(during);
        }
      }
    }
    containers.add(sidecars);
    containers.setMax(initMax);
    Map<String, Quantity> overhead = pod.getSpec().getOverhead();
    if (overhead != null) {
      containers.add(Resource.of(overhead));
    }
    return containers;
  }

  private static Resource container(Container c, boolean nonZero) {
    Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
    Resource r = Resource.of(requests);
    if (nonZero) {
      if (requests == null || !requests.containsKey(Resource.CPU)) {
        r.milliCpu = PodInfo.DEFAULT_MILLI_CPU_REQUEST;
      }
      if (requests == null || !requests.containsKey(Resource.MEMORY)) {
        r.memory = PodInfo.DEFAULT_MEMORY_REQUEST;
      }
    }
    return r;
  }
}
