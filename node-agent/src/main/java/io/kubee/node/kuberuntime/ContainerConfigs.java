package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.kubee.node.cri.v1.Capability;
import io.kubee.node.cri.v1.ContainerConfig;
import io.kubee.node.cri.v1.ContainerMetadata;
import io.kubee.node.cri.v1.Image;
import io.kubee.node.cri.v1.ImageSpec;
import io.kubee.node.cri.v1.Int64Value;
import io.kubee.node.cri.v1.KeyValue;
import io.kubee.node.cri.v1.LinuxContainerConfig;
import io.kubee.node.cri.v1.LinuxContainerSecurityContext;
import io.kubee.node.cri.v1.Mount;
import io.kubee.node.cri.v1.MountPropagation;
import io.kubee.node.cri.v1.SecurityProfile;
import io.kubee.node.pod.PodDirs;
import io.kubee.node.util.Expansion;
import io.kubee.node.volume.MountedVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The CRI config of one container run (k8s.io/kubernetes
 * {@code pkg/kubelet/kuberuntime/kuberuntime_container.go} {@code generateContainerConfig} and
 * its Linux part): command and args with {@code $(VAR)} expanded, env, mounts of the pod's
 * volumes (subPath, read-only, propagation), the managed /etc/hosts and the termination-message
 * file, the log path, resources and the effective security context.
 */
public final class ContainerConfigs {
  /** Why a container cannot be configured (CreateContainerConfigError). */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }

  private final PodDirs dirs;
  private final long memoryCapacity;

  /** @param memoryCapacity the node's memory in bytes (Burstable oom_score_adj) */
  public ContainerConfigs(PodDirs dirs, long memoryCapacity) {
    this.dirs = dirs;
    this.memoryCapacity = memoryCapacity;
  }

  /**
   * @param imageRef the image as ImageService knows it (its id)
   * @param image    the image's status (its user, for runAsNonRoot), or null
   * @param env      the resolved environment ({@link EnvResolver})
   * @param volumes  the pod's volumes by name, set up ({@code VolumeManager})
   */
  public ContainerConfig generate(Pod pod, Container container, boolean init, int restartCount,
      String imageRef, Image image, Map<String, String> env, Map<String, MountedVolume> volumes)
      throws ConfigException {
    SecurityContext effective = effectiveSecurityContext(pod, container);
    verifyRunAsNonRoot(pod, container, effective, image);
    ContainerConfig.Builder config = ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(container.getName())
            .setAttempt(restartCount))
        .setImage(ImageSpec.newBuilder().setImage(imageRef)
            .setUserSpecifiedImage(container.getImage()))
        .putAllLabels(Labels.containerLabels(pod, container, init))
        .putAllAnnotations(Labels.containerAnnotations(pod, container, restartCount))
        .setLogPath(PodDirs.containerLogPath(container.getName(), restartCount))
        .setStdin(Boolean.TRUE.equals(container.getStdin()))
        .setStdinOnce(Boolean.TRUE.equals(container.getStdinOnce()))
        .setTty(Boolean.TRUE.equals(container.getTty()));
    if (container.getWorkingDir() != null) {
      config.setWorkingDir(container.getWorkingDir());
    }
    if (container.getCommand() != null) {
      container.getCommand().forEach(c -> config.addCommand(Expansion.expand(c, env::get)));
    }
    if (container.getArgs() != null) {
      container.getArgs().forEach(a -> config.addArgs(Expansion.expand(a, env::get)));
    }
    env.forEach((k, v) -> config.addEnvs(KeyValue.newBuilder().setKey(k).setValue(v)));
    config.addAllMounts(mounts(pod, container, env, volumes));
    config.setLinux(LinuxContainerConfig.newBuilder()
        .setResources(Resources.linux(pod, container, memoryCapacity))
        .setSecurityContext(security(pod, effective)));
    return config.build();
  }

  private List<Mount> mounts(Pod pod, Container container, Map<String, String> env,
      Map<String, MountedVolume> volumes) throws ConfigException {
    List<Mount> mounts = new ArrayList<>();
    boolean mountsEtcHosts = false;
    String uid = pod.getMetadata().getUid();
    if (container.getVolumeMounts() != null) {
      for (VolumeMount vm : container.getVolumeMounts()) {
        MountedVolume volume = volumes.get(vm.getName());
        if (volume == null) {
          throw new ConfigException("cannot find volume \"" + vm.getName() + "\" to mount into "
              + "container \"" + container.getName() + "\"");
        }
        Path host = volume.hostPath();
        String subPath = vm.getSubPath();
        if (vm.getSubPathExpr() != null && !vm.getSubPathExpr().isEmpty()) {
          subPath = Expansion.expand(vm.getSubPathExpr(), env::get);
        }
        if (subPath != null && !subPath.isEmpty()) {
          host = subPath(host, subPath, volume.readOnly());
        }
        mountsEtcHosts |= vm.getMountPath().equals("/etc/hosts");
        mounts.add(Mount.newBuilder()
            .setContainerPath(vm.getMountPath())
            .setHostPath(host.toString())
            .setReadonly(volume.readOnly() || Boolean.TRUE.equals(vm.getReadOnly()))
            .setPropagation(propagation(vm.getMountPropagation()))
            .build());
      }
    }
    Path hosts = dirs.etcHosts(uid);
    if (!mountsEtcHosts && Files.exists(hosts)) {
      mounts.add(Mount.newBuilder().setContainerPath("/etc/hosts")
          .setHostPath(hosts.toString()).build());
    }
    String terminationPath = container.getTerminationMessagePath();
    if (terminationPath != null && !terminationPath.isEmpty()) {
      mounts.add(Mount.newBuilder().setContainerPath(terminationPath)
          .setHostPath(terminationMessageFile(uid, container.getName()).toString()).build());
    }
    return mounts;
  }

  /** A fresh, empty termination-message file for this run (kubelet keeps one per run). */
  private Path terminationMessageFile(String uid, String container) throws ConfigException {
    Path dir = dirs.containerDir(uid, container);
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(UUID.randomUUID().toString().substring(0, 8));
      Files.createFile(file);
      // containers may run as any user: the file must be writable by it
      file.toFile().setWritable(true, false);
      return file;
    } catch (IOException e) {
      throw new ConfigException("cannot create the termination message file: " + e.getMessage());
    }
  }

  private static Path subPath(Path volume, String subPath, boolean readOnly)
      throws ConfigException {
    Path sub = Path.of(subPath);
    if (sub.isAbsolute() || subPath.contains("..")) {
      throw new ConfigException("subPath \"" + subPath + "\" must be a relative path without ..");
    }
    Path host = volume.resolve(sub).normalize();
    if (!host.startsWith(volume)) {
      throw new ConfigException("subPath \"" + subPath + "\" leaves its volume");
    }
    if (!Files.exists(host) && !readOnly) {
      try {
        Files.createDirectories(host);
      } catch (IOException e) {
        throw new ConfigException("cannot create subPath \"" + subPath + "\": " + e.getMessage());
      }
    }
    return host;
  }

  private static MountPropagation propagation(String mode) {
    if (mode == null) {
      return MountPropagation.PROPAGATION_PRIVATE;
    }
    return switch (mode) {
      case "HostToContainer" -> MountPropagation.PROPAGATION_HOST_TO_CONTAINER;
      case "Bidirectional" -> MountPropagation.PROPAGATION_BIDIRECTIONAL;
      default -> MountPropagation.PROPAGATION_PRIVATE;
    };
  }

  /**
   * The container's security context over the pod's (kubelet's
   * {@code determineEffectiveSecurityContext}): the container's fields win.
   */
  static SecurityContext effectiveSecurityContext(Pod pod, Container container) {
    SecurityContext sc = container.getSecurityContext() == null ? new SecurityContext()
        : new io.fabric8.kubernetes.api.model.SecurityContextBuilder(
            container.getSecurityContext()).build();
    PodSecurityContext pod1 = pod.getSpec().getSecurityContext();
    if (pod1 != null) {
      if (sc.getRunAsUser() == null) {
        sc.setRunAsUser(pod1.getRunAsUser());
      }
      if (sc.getRunAsGroup() == null) {
        sc.setRunAsGroup(pod1.getRunAsGroup());
      }
      if (sc.getRunAsNonRoot() == null) {
        sc.setRunAsNonRoot(pod1.getRunAsNonRoot());
      }
      if (sc.getSeLinuxOptions() == null) {
        sc.setSeLinuxOptions(pod1.getSeLinuxOptions());
      }
      if (sc.getSeccompProfile() == null) {
        sc.setSeccompProfile(pod1.getSeccompProfile());
      }
    }
    return sc;
  }

  /**
   * runAsNonRoot: refuse a container that would run as uid 0, from its runAsUser or, without
   * one, from the image's user (kubelet's {@code verifyRunAsNonRoot}).
   */
  static void verifyRunAsNonRoot(Pod pod, Container container, SecurityContext sc, Image image)
      throws ConfigException {
    if (!Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
      return;
    }
    String where = " (pod: \"" + pod.getMetadata().getName() + "_"
        + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid()
        + ")\", container: " + container.getName() + ")";
    if (sc.getRunAsUser() != null) {
      if (sc.getRunAsUser() == 0) {
        throw new ConfigException("container's runAsUser breaks non-root policy" + where);
      }
      return;
    }
    if (image != null && image.hasUid()) {
      if (image.getUid().getValue() == 0) {
        throw new ConfigException("container has runAsNonRoot and image will run as root"
            + where);
      }
      return;
    }
    String user = image == null ? "" : image.getUsername();
    if (user.isEmpty() || user.equals("root") || user.equals("0")) {
      throw new ConfigException("container has runAsNonRoot and image will run as root" + where);
    }
    throw new ConfigException("container has runAsNonRoot and image has non-numeric user ("
        + user + "), cannot verify user is non-root" + where);
  }

  private static LinuxContainerSecurityContext security(Pod pod, SecurityContext sc) {
    LinuxContainerSecurityContext.Builder out = LinuxContainerSecurityContext.newBuilder()
        .setNamespaceOptions(SandboxConfigs.namespaces(pod,
            Boolean.TRUE.equals(pod.getSpec().getHostNetwork())))
        .setPrivileged(Boolean.TRUE.equals(sc.getPrivileged()))
        .setReadonlyRootfs(Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()))
        // allowPrivilegeEscalation=false is no_new_privs (kubelet's addNoNewPrivileges)
        .setNoNewPrivs(Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()))
        .setSeccomp(seccomp(sc));
    if (sc.getRunAsUser() != null) {
      out.setRunAsUser(Int64Value.newBuilder().setValue(sc.getRunAsUser()));
    }
    if (sc.getRunAsGroup() != null) {
      out.setRunAsGroup(Int64Value.newBuilder().setValue(sc.getRunAsGroup()));
    }
    Capabilities caps = sc.getCapabilities();
    if (caps != null) {
      Capability.Builder capability = Capability.newBuilder();
      if (caps.getAdd() != null) {
        caps.getAdd().forEach(c -> capability.addAddCapabilities(c));
      }
      if (caps.getDrop() != null) {
        caps.getDrop().forEach(c -> capability.addDropCapabilities(c));
      }
      out.setCapabilities(capability);
    }
    PodSecurityContext podSc = pod.getSpec().getSecurityContext();
    if (podSc != null) {
      if (podSc.getSupplementalGroups() != null) {
        out.addAllSupplementalGroups(podSc.getSupplementalGroups());
      }
      if (podSc.getFsGroup() != null) {
        out.addSupplementalGroups(podSc.getFsGroup());
      }
    }
    if (!Boolean.TRUE.equals(sc.getPrivileged())) {
      // the paths runc masks by default (kubelet sends the same list)
      out.addAllMaskedPaths(List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
          "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
          "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap"));
      out.addAllReadonlyPaths(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
          "/proc/sysrq-trigger"));
    }
    return out.build();
  }

  private static SecurityProfile seccomp(SecurityContext sc) {
    if (sc.getSeccompProfile() == null) {
      return SecurityProfile.newBuilder()
          .setProfileType(SecurityProfile.ProfileType.Unconfined).build();
    }
    String type = sc.getSeccompProfile().getType();
    if ("RuntimeDefault".equals(type)) {
      return SecurityProfile.newBuilder()
          .setProfileType(SecurityProfile.ProfileType.RuntimeDefault).build();
    }
    if ("Localhost".equals(type)) {
      return SecurityProfile.newBuilder().setProfileType(SecurityProfile.ProfileType.Localhost)
          .setLocalhostRef(sc.getSeccompProfile().getLocalhostProfile()).build();
    }
    return SecurityProfile.newBuilder().setProfileType(SecurityProfile.ProfileType.Unconfined)
        .build();
  }
}
