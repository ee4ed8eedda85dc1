package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.kubee.node.cri.v1.Int64Value;
import io.kubee.node.cri.v1.LinuxPodSandboxConfig;
import io.kubee.node.cri.v1.LinuxSandboxSecurityContext;
import io.kubee.node.cri.v1.NamespaceMode;
import io.kubee.node.cri.v1.NamespaceOption;
import io.kubee.node.cri.v1.PodSandboxConfig;
import io.kubee.node.cri.v1.PodSandboxMetadata;
import io.kubee.node.cri.v1.PortMapping;
import io.kubee.node.cri.v1.Protocol;
import io.kubee.node.cri.v1.SecurityProfile;
import io.kubee.node.pod.PodDirs;
import java.util.ArrayList;
import java.util.List;

/**
 * The CRI sandbox config of a pod (k8s.io/kubernetes
 * {@code pkg/kubelet/kuberuntime/kuberuntime_sandbox.go} and its Linux part): identity,
 * hostname, DNS, host ports, log directory, cgroup parent, namespaces and the pod-level
 * security context.
 */
public final class SandboxConfigs {
  private final String nodeName;
  private final PodDirs dirs;
  private final DnsConfigurer dns;
  private final String cgroupRoot;

  public SandboxConfigs(String nodeName, PodDirs dirs, DnsConfigurer dns, String cgroupRoot) {
    this.nodeName = nodeName;
    this.dirs = dirs;
    this.dns = dns;
    this.cgroupRoot = cgroupRoot;
  }

  public PodSandboxConfig generate(Pod pod, int attempt) {
    boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    PodSandboxConfig.Builder config = PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder()
            .setName(pod.getMetadata().getName())
            .setNamespace(pod.getMetadata().getNamespace())
            .setUid(pod.getMetadata().getUid())
            .setAttempt(attempt))
        .putAllLabels(Labels.sandboxLabels(pod, nodeName))
        .setLogDirectory(dirs.podLogDir(pod).toString())
        .setDnsConfig(dns.forPod(pod));
    if (pod.getMetadata().getAnnotations() != null) {
      config.putAllAnnotations(pod.getMetadata().getAnnotations());
    }
    // CRI.md gotcha 4: a host-network sandbox takes the node's host name
    if (!hostNetwork) {
      config.setHostname(hostname(pod));
    }
    for (Container container : pod.getSpec().getContainers()) {
      if (container.getPorts() == null) {
        continue;
      }
      for (ContainerPort port : container.getPorts()) {
        if (port.getHostPort() == null || port.getHostPort() <= 0) {
          continue;
        }
        config.addPortMappings(PortMapping.newBuilder()
            .setProtocol(protocol(port.getProtocol()))
            .setContainerPort(port.getContainerPort())
            .setHostPort(port.getHostPort())
            .setHostIp(port.getHostIP() == null ? "" : port.getHostIP()));
      }
    }
    config.setLinux(linux(pod, hostNetwork));
    return config.build();
  }

  /** The pod's host name: spec.hostname, or its name cut to 63 characters. */
  public static String hostname(Pod pod) {
    String name = pod.getSpec().getHostname();
    if (name == null || name.isEmpty()) {
      name = pod.getMetadata().getName();
    }
    if (name.length() > 63) {
      name = name.substring(0, 63);
      while (name.endsWith("-") || name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
    }
    return name;
  }

  /** The pod's cgroup, {@code <cgroup-root>/pod<uid>} (cgroupfs driver). */
  public String cgroupParent(Pod pod) {
    return cgroupRoot + "/pod" + pod.getMetadata().getUid();
  }

  private LinuxPodSandboxConfig linux(Pod pod, boolean hostNetwork) {
    LinuxSandboxSecurityContext.Builder security = LinuxSandboxSecurityContext.newBuilder()
        .setNamespaceOptions(namespaces(pod, hostNetwork))
        .setPrivileged(anyPrivileged(pod))
        // kubelet's default without a pod seccompProfile (seccompDefault off)
        .setSeccomp(SecurityProfile.newBuilder()
            .setProfileType(SecurityProfile.ProfileType.Unconfined));
    PodSecurityContext sc = pod.getSpec().getSecurityContext();
    List<Sysctl> sysctls = new ArrayList<>();
    if (sc != null) {
      if (sc.getRunAsUser() != null) {
        security.setRunAsUser(Int64Value.newBuilder().setValue(sc.getRunAsUser()));
      }
      if (sc.getRunAsGroup() != null) {
        security.setRunAsGroup(Int64Value.newBuilder().setValue(sc.getRunAsGroup()));
      }
      if (sc.getSupplementalGroups() != null) {
        security.addAllSupplementalGroups(sc.getSupplementalGroups());
      }
      if (sc.getFsGroup() != null) {
        security.addSupplementalGroups(sc.getFsGroup());
      }
      if (sc.getSysctls() != null) {
        sysctls.addAll(sc.getSysctls());
      }
    }
    LinuxPodSandboxConfig.Builder linux = LinuxPodSandboxConfig.newBuilder()
        .setCgroupParent(cgroupParent(pod)).setSecurityContext(security);
    for (Sysctl sysctl : sysctls) {
      linux.putSysctls(sysctl.getName(), sysctl.getValue());
    }
    return linux.build();
  }

  /**
   * Network and IPC: POD, or NODE for hostNetwork/hostIPC; PID: CONTAINER unless the pod
   * shares its process namespace (POD) or uses the host's (NODE) — CRI.md gotcha 5.
   */
  static NamespaceOption namespaces(Pod pod, boolean hostNetwork) {
    NamespaceMode pid = Boolean.TRUE.equals(pod.getSpec().getHostPID()) ? NamespaceMode.NODE
        : Boolean.TRUE.equals(pod.getSpec().getShareProcessNamespace()) ? NamespaceMode.POD
        : NamespaceMode.CONTAINER;
    return NamespaceOption.newBuilder()
        .setNetwork(hostNetwork ? NamespaceMode.NODE : NamespaceMode.POD)
        .setIpc(Boolean.TRUE.equals(pod.getSpec().getHostIPC()) ? NamespaceMode.NODE
            : NamespaceMode.POD)
        .setPid(pid)
        .build();
  }

  private static boolean anyPrivileged(Pod pod) {
    List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
    if (pod.getSpec().getInitContainers() != null) {
      all.addAll(pod.getSpec().getInitContainers());
    }
    return all.stream().anyMatch(c -> c.getSecurityContext() != null
        && Boolean.TRUE.equals(c.getSecurityContext().getPrivileged()));
  }

  static Protocol protocol(String protocol) {
    if (protocol == null) {
      return Protocol.TCP;
    }
    return switch (protocol) {
      case "UDP" -> Protocol.UDP;
      case "SCTP" -> Protocol.SCTP;
      default -> Protocol.TCP;
    };
  }
}
