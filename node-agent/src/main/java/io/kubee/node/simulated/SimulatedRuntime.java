package io.kubee.node.simulated;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.kubee.node.cri.ImageService;
import io.kubee.node.cri.RuntimeService;
import io.kubee.node.cri.v1.AttachRequest;
import io.kubee.node.cri.v1.AuthConfig;
import io.kubee.node.cri.v1.Container;
import io.kubee.node.cri.v1.ContainerConfig;
import io.kubee.node.cri.v1.ContainerFilter;
import io.kubee.node.cri.v1.ContainerMetadata;
import io.kubee.node.cri.v1.ContainerState;
import io.kubee.node.cri.v1.ContainerStats;
import io.kubee.node.cri.v1.ContainerStatsFilter;
import io.kubee.node.cri.v1.ContainerStatus;
import io.kubee.node.cri.v1.ExecRequest;
import io.kubee.node.cri.v1.ExecSyncResponse;
import io.kubee.node.cri.v1.FilesystemIdentifier;
import io.kubee.node.cri.v1.FilesystemUsage;
import io.kubee.node.cri.v1.Image;
import io.kubee.node.cri.v1.ImageSpec;
import io.kubee.node.cri.v1.LinuxPodSandboxStatus;
import io.kubee.node.cri.v1.Namespace;
import io.kubee.node.cri.v1.PodSandbox;
import io.kubee.node.cri.v1.PodSandboxConfig;
import io.kubee.node.cri.v1.PodSandboxFilter;
import io.kubee.node.cri.v1.PodSandboxNetworkStatus;
import io.kubee.node.cri.v1.PodSandboxState;
import io.kubee.node.cri.v1.PodSandboxStats;
import io.kubee.node.cri.v1.PodSandboxStatsFilter;
import io.kubee.node.cri.v1.PodSandboxStatus;
import io.kubee.node.cri.v1.PortForwardRequest;
import io.kubee.node.cri.v1.RuntimeCondition;
import io.kubee.node.cri.v1.RuntimeStatus;
import io.kubee.node.cri.v1.StatusResponse;
import io.kubee.node.cri.v1.UInt64Value;
import io.kubee.node.cri.v1.VersionResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A container runtime that exists only in memory (the simulated runtime, {@code --runtime=
 * simulated}; kubemark's hollow kubelet uses the same idea with cri-api's fake runtime):
 * sandboxes get made-up IPs, containers start and run until stopped, images pull instantly.
 * Nothing runs, so one JVM carries hundreds of hollow nodes for scale tests of the control
 * plane. Never the default. Tests drive it through {@link #exit}, {@link #failPulls} and
 * {@link #execResult}. Thread-safe.
 */
public final class SimulatedRuntime implements RuntimeService, ImageService {
  private static final AtomicLong IDS = new AtomicLong();
  private static final AtomicLong IPS = new AtomicLong();

  private record Sandbox(String id, PodSandboxConfig config, long createdAt, String ip,
      PodSandboxState state) {}

  private record Box(String id, String sandboxId, ContainerConfig config, long createdAt,
      long startedAt, long finishedAt, int exitCode, ContainerState state, String reason) {
    Box with(ContainerState s, long started, long finished, int code, String why) {
      return new Box(id, sandboxId, config, createdAt, started, finished, code, s, why);
    }
  }

  private final Clock clock;
  private final Map<String, Sandbox> sandboxes = new LinkedHashMap<>();
  private final Map<String, Box> containers = new LinkedHashMap<>();
  private final Map<String, Image> images = new LinkedHashMap<>();
  private final Set<String> failingPulls = ConcurrentHashMap.newKeySet();
  private volatile int execExitCode;
  private volatile String execOutput = "";

  public SimulatedRuntime(Clock clock) {
    this.clock = clock;
  }

  private long now() {
    var i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static String id() {
    return String.format("%064x", IDS.incrementAndGet());
  }

  // ---- test and simulation hooks

  /** Makes a running container exit with {@code code}, as if its process ended. */
  public synchronized void exit(String containerId, int code) {
    Box box = containers.get(containerId);
    if (box != null && box.state() == ContainerState.CONTAINER_RUNNING) {
      containers.put(containerId, box.with(ContainerState.CONTAINER_EXITED, box.startedAt(),
          now(), code, code == 0 ? "Completed" : "Error"));
    }
  }

  /** Pulls of this image fail (UNKNOWN), as from a registry that lacks it. */
  public void failPulls(String image) {
    failingPulls.add(image);
  }

  /** What ExecSync answers from now on. */
  public void execResult(int exitCode, String output) {
    this.execExitCode = exitCode;
    this.execOutput = output;
  }

  /** Ids of the running containers named so in the pod with that uid. */
  public synchronized List<String> runningContainers(String podUid, String name) {
    return containers.values().stream()
        .filter(b -> b.state() == ContainerState.CONTAINER_RUNNING)
        .filter(b -> podUid.equals(b.config().getLabelsMap().get("io.kubernetes.pod.uid")))
        .filter(b -> name.equals(b.config().getMetadata().getName()))
        .map(Box::id).toList();
  }

  public synchronized int sandboxCount() {
    return sandboxes.size();
  }

  // ---- RuntimeService

  @Override
  public VersionResponse version() {
    return VersionResponse.newBuilder().setVersion("0.1.0").setRuntimeName("simulated")
        .setRuntimeVersion("0.1.0").setRuntimeApiVersion("v1").build();
  }

  @Override
  public StatusResponse status() {
    return StatusResponse.newBuilder().setStatus(RuntimeStatus.newBuilder()
        .addConditions(RuntimeCondition.newBuilder().setType("RuntimeReady").setStatus(true))
        .addConditions(RuntimeCondition.newBuilder().setType("NetworkReady").setStatus(true)))
        .build();
  }

  @Override
  public synchronized String runPodSandbox(PodSandboxConfig config, String handler) {
    String id = id();
    boolean hostNetwork = config.getLinux().getSecurityContext().getNamespaceOptions()
        .getNetworkValue() == 2;
    long n = IPS.incrementAndGet();
    String ip = hostNetwork ? "" : "10.244." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    sandboxes.put(id, new Sandbox(id, config, now(), ip, PodSandboxState.SANDBOX_READY));
    return id;
  }

  @Override
  public synchronized void stopPodSandbox(String sandboxId) {
    Sandbox s = sandboxes.get(sandboxId);
    if (s == null) {
      return;
    }
    containers.replaceAll((id, b) -> b.sandboxId().equals(sandboxId)
        && b.state() == ContainerState.CONTAINER_RUNNING
        ? b.with(ContainerState.CONTAINER_EXITED, b.startedAt(), now(), 137, "Error") : b);
    sandboxes.put(sandboxId, new Sandbox(s.id(), s.config(), s.createdAt(), s.ip(),
        PodSandboxState.SANDBOX_NOTREADY));
  }

  @Override
  public synchronized void removePodSandbox(String sandboxId) {
    sandboxes.remove(sandboxId);
    containers.values().removeIf(b -> b.sandboxId().equals(sandboxId));
  }

  @Override
  public synchronized PodSandboxStatus podSandboxStatus(String sandboxId) {
    Sandbox s = sandboxes.get(sandboxId);
    if (s == null) {
      throw Status.NOT_FOUND.withDescription("sandbox " + sandboxId + " not found")
          .asRuntimeException();
    }
    return PodSandboxStatus.newBuilder().setId(s.id()).setMetadata(s.config().getMetadata())
        .setState(s.state()).setCreatedAt(s.createdAt())
        .setNetwork(PodSandboxNetworkStatus.newBuilder().setIp(s.ip()))
        .setLinux(LinuxPodSandboxStatus.newBuilder().setNamespaces(Namespace.newBuilder()
            .setOptions(s.config().getLinux().getSecurityContext().getNamespaceOptions())))
        .putAllLabels(s.config().getLabelsMap()).putAllAnnotations(s.config().getAnnotationsMap())
        .build();
  }

  @Override
  public synchronized List<PodSandbox> listPodSandbox(PodSandboxFilter filter) {
    List<PodSandbox> out = new ArrayList<>();
    for (Sandbox s : sandboxes.values()) {
      if (filter != null && (!filter.getId().isEmpty() && !filter.getId().equals(s.id())
          || !s.config().getLabelsMap().entrySet()
              .containsAll(filter.getLabelSelectorMap().entrySet()))) {
        continue;
      }
      out.add(PodSandbox.newBuilder().setId(s.id()).setMetadata(s.config().getMetadata())
          .setState(s.state()).setCreatedAt(s.createdAt())
          .putAllLabels(s.config().getLabelsMap())
          .putAllAnnotations(s.config().getAnnotationsMap()).build());
    }
    return out;
  }

  @Override
  public synchronized String createContainer(String sandboxId, ContainerConfig config,
      PodSandboxConfig sandboxConfig) {
    if (!sandboxes.containsKey(sandboxId)) {
      throw Status.NOT_FOUND.withDescription("sandbox " + sandboxId + " not found")
          .asRuntimeException();
    }
    String id = id();
    containers.put(id, new Box(id, sandboxId, config, now(), 0, 0, 0,
        ContainerState.CONTAINER_CREATED, ""));
    return id;
  }

  @Override
  public synchronized void startContainer(String containerId) {
    Box b = require(containerId);
    containers.put(containerId, b.with(ContainerState.CONTAINER_RUNNING, now(), 0, 0, ""));
  }

  @Override
  public synchronized void stopContainer(String containerId, long timeoutSeconds) {
    Box b = containers.get(containerId);
    if (b != null && b.state() == ContainerState.CONTAINER_RUNNING) {
      // SIGTERM ends a well-behaved process (128+15); no grace means SIGKILL (128+9)
      int code = timeoutSeconds > 0 ? 143 : 137;
      containers.put(containerId, b.with(ContainerState.CONTAINER_EXITED, b.startedAt(), now(),
          code, "Error"));
    }
  }

  @Override
  public synchronized void removeContainer(String containerId) {
    containers.remove(containerId);
  }

  @Override
  public synchronized List<Container> listContainers(ContainerFilter filter) {
    List<Container> out = new ArrayList<>();
    for (Box b : containers.values()) {
      if (filter != null && (!filter.getId().isEmpty() && !filter.getId().equals(b.id())
          || !filter.getPodSandboxId().isEmpty() && !filter.getPodSandboxId().equals(b.sandboxId())
          || !b.config().getLabelsMap().entrySet()
              .containsAll(filter.getLabelSelectorMap().entrySet()))) {
        continue;
      }
      out.add(Container.newBuilder().setId(b.id()).setPodSandboxId(b.sandboxId())
          .setMetadata(b.config().getMetadata()).setImage(b.config().getImage())
          .setImageRef(b.config().getImage().getImage()).setState(b.state())
          .setCreatedAt(b.createdAt()).putAllLabels(b.config().getLabelsMap())
          .putAllAnnotations(b.config().getAnnotationsMap()).build());
    }
    return out;
  }

  @Override
  public synchronized ContainerStatus containerStatus(String containerId) {
    Box b = require(containerId);
    return ContainerStatus.newBuilder().setId(b.id())
        .setMetadata(ContainerMetadata.newBuilder(b.config().getMetadata()))
        .setState(b.state()).setCreatedAt(b.createdAt()).setStartedAt(b.startedAt())
        .setFinishedAt(b.finishedAt()).setExitCode(b.exitCode())
        .setImage(ImageSpec.newBuilder().setImage(b.config().getImage().getUserSpecifiedImage()))
        .setImageRef(b.config().getImage().getImage()).setReason(b.reason())
        .putAllLabels(b.config().getLabelsMap()).putAllAnnotations(b.config().getAnnotationsMap())
        .addAllMounts(b.config().getMountsList())
        .build();
  }

  private Box require(String containerId) {
    Box b = containers.get(containerId);
    if (b == null) {
      throw Status.NOT_FOUND.withDescription("container " + containerId + " not found")
          .asRuntimeException();
    }
    return b;
  }

  @Override
  public ExecSyncResponse execSync(String containerId, List<String> command, Duration timeout) {
    synchronized (this) {
      if (require(containerId).state() != ContainerState.CONTAINER_RUNNING) {
        throw Status.UNKNOWN.withDescription("container is not running").asRuntimeException();
      }
    }
    return ExecSyncResponse.newBuilder().setExitCode(execExitCode)
        .setStdout(ByteString.copyFromUtf8(execOutput)).build();
  }

  @Override
  public String exec(ExecRequest request) {
    throw Status.UNIMPLEMENTED.withDescription("the simulated runtime has no streaming server")
        .asRuntimeException();
  }

  @Override
  public String attach(AttachRequest request) {
    throw Status.UNIMPLEMENTED.withDescription("the simulated runtime has no streaming server")
        .asRuntimeException();
  }

  @Override
  public String portForward(PortForwardRequest request) {
    throw Status.UNIMPLEMENTED.withDescription("the simulated runtime has no streaming server")
        .asRuntimeException();
  }

  @Override
  public synchronized List<ContainerStats> listContainerStats(ContainerStatsFilter filter) {
    return List.of();
  }

  @Override
  public synchronized List<PodSandboxStats> listPodSandboxStats(PodSandboxStatsFilter filter) {
    return List.of();
  }

  // ---- ImageService

  @Override
  public synchronized List<Image> listImages() {
    return List.copyOf(images.values());
  }

  @Override
  public synchronized Optional<Image> imageStatus(String image) {
    return Optional.ofNullable(images.get(image));
  }

  @Override
  public synchronized String pullImage(String image, AuthConfig auth,
      PodSandboxConfig sandboxConfig) {
    if (failingPulls.contains(image)) {
      throw Status.UNKNOWN.withDescription("failed to pull and unpack image \"" + image
          + "\": not found").asRuntimeException();
    }
    String id = "sha256:" + String.format("%064x", image.hashCode() & 0xffffffffL);
    images.put(image, Image.newBuilder().setId(id).addRepoTags(image).setSize(1 << 20).build());
    return id;
  }

  @Override
  public synchronized void removeImage(String image) {
    images.remove(image);
  }

  @Override
  public List<FilesystemUsage> imageFsInfo() {
    return List.of(FilesystemUsage.newBuilder().setTimestamp(now())
        .setFsId(FilesystemIdentifier.newBuilder().setMountpoint(""))
        .setUsedBytes(UInt64Value.newBuilder().setValue(0)).build());
  }
}
