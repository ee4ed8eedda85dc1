package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kubee.node.cri.v1.LinuxContainerResources;
import io.kubee.node.util.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Container resources as cgroup settings (k8s.io/kubernetes
 * {@code pkg/kubelet/kuberuntime/kuberuntime_container_linux.go} and
 * {@code pkg/kubelet/qos/policy.go}): CPU requests become shares, CPU limits a CFS quota over a
 * 100 ms period, memory limits the memory limit, and the QoS class an oom_score_adj.
 */
public final class Resources {
  static final long MIN_SHARES = 2;
  static final long SHARES_PER_CPU = 1024;
  static final long QUOTA_PERIOD = 100_000;
  static final long MIN_QUOTA = 1000;

  private Resources() {}

  public static LinuxContainerResources linux(Pod pod, Container container, long memoryCapacity) {
    ResourceRequirements resources = container.getResources();
    Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
    Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
    long cpuRequest = Quantities.milliCpu(Quantities.get(requests, "cpu"));
    long cpuLimit = Quantities.milliCpu(Quantities.get(limits, "cpu"));
    long memoryLimit = Quantities.bytes(Quantities.get(limits, "memory"));
    // a limit without a request requests the limit (API defaulting; kubelet does the same)
    long shares = cpuRequest == 0 && cpuLimit != 0 ? milliCpuToShares(cpuLimit)
        : milliCpuToShares(cpuRequest);
    LinuxContainerResources.Builder linux = LinuxContainerResources.newBuilder()
        .setCpuShares(shares)
        .setOomScoreAdj(oomScoreAdj(pod, container, memoryCapacity));
    if (cpuLimit > 0) {
      linux.setCpuPeriod(QUOTA_PERIOD).setCpuQuota(milliCpuToQuota(cpuLimit));
    }
    if (memoryLimit > 0) {
      linux.setMemoryLimitInBytes(memoryLimit);
    }
    return linux.build();
  }

  static long milliCpuToShares(long milliCpu) {
    if (milliCpu == 0) {
      return MIN_SHARES;
    }
    return Math.max(MIN_SHARES, milliCpu * SHARES_PER_CPU / 1000);
  }

  static long milliCpuToQuota(long milliCpu) {
    return Math.max(MIN_QUOTA, milliCpu * QUOTA_PERIOD / 1000);
  }

  /** Guaranteed -997, BestEffort 1000, Burstable by memory request in [3, 999]. */
  static long oomScoreAdj(Pod pod, Container container, long memoryCapacity) {
    String qos = qosClass(pod);
    if (qos.equals("Guaranteed")) {
      return -997;
    }
    if (qos.equals("BestEffort")) {
      return 1000;
    }
    long request = container.getResources() == null ? 0
        : Quantities.bytes(Quantities.get(container.getResources().getRequests(), "memory"));
    if (memoryCapacity <= 0) {
      return 999;
    }
    long adj = 1000 - (1000 * request) / memoryCapacity;
    if (adj < 3) {
      return 3;
    }
    return adj >= 1000 ? 999 : adj;
  }

  /**
   * The pod's QoS class (pkg/apis/core/helper/qos): BestEffort when nothing requests or limits
   * cpu or memory; Guaranteed when every container limits both and requests equal limits.
   */
  public static String qosClass(Pod pod) {
    if (pod.getStatus() != null && pod.getStatus().getQosClass() != null
        && !pod.getStatus().getQosClass().isEmpty()) {
      return pod.getStatus().getQosClass();
    }
    List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
    if (pod.getSpec().getInitContainers() != null) {
      all.addAll(pod.getSpec().getInitContainers());
    }
    boolean any = false;
    boolean guaranteed = true;
    for (Container c : all) {
      Map<String, Quantity> requests = c.getResources() == null ? null
          : c.getResources().getRequests();
      Map<String, Quantity> limits = c.getResources() == null ? null
          : c.getResources().getLimits();
      for (String name : List.of("cpu", "memory")) {
        Quantity request = Quantities.get(requests, name);
        Quantity limit = Quantities.get(limits, name);
        if ((request != null && Quantities.amount(request).signum() != 0)
            || (limit != null && Quantities.amount(limit).signum() != 0)) {
          any = true;
        }
        if (limit == null || (request != null
            && Quantities.amount(request).compareTo(Quantities.amount(limit)) != 0)) {
          guaranteed = false;
        }
      }
    }
    if (!any) {
      return "BestEffort";
    }
    return guaranteed ? "Guaranteed" : "Burstable";
  }
}
