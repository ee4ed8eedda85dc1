package io.kubee.node.cri;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.kubee.node.cri.v1.AttachRequest;
import io.kubee.node.cri.v1.AuthConfig;
import io.kubee.node.cri.v1.Container;
import io.kubee.node.cri.v1.ContainerConfig;
import io.kubee.node.cri.v1.ContainerFilter;
import io.kubee.node.cri.v1.ContainerStats;
import io.kubee.node.cri.v1.ContainerStatsFilter;
import io.kubee.node.cri.v1.ContainerStatus;
import io.kubee.node.cri.v1.ContainerStatusRequest;
import io.kubee.node.cri.v1.CreateContainerRequest;
import io.kubee.node.cri.v1.ExecRequest;
import io.kubee.node.cri.v1.ExecSyncRequest;
import io.kubee.node.cri.v1.ExecSyncResponse;
import io.kubee.node.cri.v1.FilesystemUsage;
import io.kubee.node.cri.v1.Image;
import io.kubee.node.cri.v1.ImageFsInfoRequest;
import io.kubee.node.cri.v1.ImageServiceGrpc;
import io.kubee.node.cri.v1.ImageSpec;
import io.kubee.node.cri.v1.ImageStatusRequest;
import io.kubee.node.cri.v1.ImageStatusResponse;
import io.kubee.node.cri.v1.ListContainerStatsRequest;
import io.kubee.node.cri.v1.ListContainersRequest;
import io.kubee.node.cri.v1.ListImagesRequest;
import io.kubee.node.cri.v1.ListPodSandboxRequest;
import io.kubee.node.cri.v1.ListPodSandboxStatsRequest;
import io.kubee.node.cri.v1.PodSandbox;
import io.kubee.node.cri.v1.PodSandboxConfig;
import io.kubee.node.cri.v1.PodSandboxFilter;
import io.kubee.node.cri.v1.PodSandboxStats;
import io.kubee.node.cri.v1.PodSandboxStatsFilter;
import io.kubee.node.cri.v1.PodSandboxStatus;
import io.kubee.node.cri.v1.PodSandboxStatusRequest;
import io.kubee.node.cri.v1.PortForwardRequest;
import io.kubee.node.cri.v1.PullImageRequest;
import io.kubee.node.cri.v1.RemoveContainerRequest;
import io.kubee.node.cri.v1.RemoveImageRequest;
import io.kubee.node.cri.v1.RemovePodSandboxRequest;
import io.kubee.node.cri.v1.RunPodSandboxRequest;
import io.kubee.node.cri.v1.RuntimeServiceGrpc;
import io.kubee.node.cri.v1.StartContainerRequest;
import io.kubee.node.cri.v1.StatusRequest;
import io.kubee.node.cri.v1.StatusResponse;
import io.kubee.node.cri.v1.StopContainerRequest;
import io.kubee.node.cri.v1.StopPodSandboxRequest;
import io.kubee.node.cri.v1.VersionRequest;
import io.kubee.node.cri.v1.VersionResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CRI over gRPC on a unix socket (k8s.io/kubernetes {@code pkg/kubelet/cri/remote}): one
 * channel per endpoint, a deadline on every call (CRI.md gotcha 12), the runtime request
 * timeout for ordinary calls and none but a long one for image pulls, which kubelet bounds by
 * progress instead.
 */
public final class RemoteRuntime implements RuntimeService, ImageService, AutoCloseable {
  /** The CRI version the kubelet asks for. */
  public static final String API_VERSION = "v1";
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(30);

  private final ManagedChannel runtimeChannel;
  private final ManagedChannel imageChannel;
  private final RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime;
  private final ImageServiceGrpc.ImageServiceBlockingStub images;
  private final Duration timeout;

  /**
   * @param runtimeEndpoint {@code unix:///path/containerd.sock}
   * @param imageEndpoint   the same or another socket; null or empty means the runtime's
   * @param timeout         the deadline of ordinary calls (kubelet's --runtime-request-timeout)
   */
  public RemoteRuntime(String runtimeEndpoint, String imageEndpoint, Duration timeout) {
    this.runtimeChannel = channel(runtimeEndpoint);
    this.imageChannel = imageEndpoint == null || imageEndpoint.isBlank()
        || imageEndpoint.equals(runtimeEndpoint) ? runtimeChannel : channel(imageEndpoint);
    this.runtime = RuntimeServiceGrpc.newBlockingStub(runtimeChannel);
    this.images = ImageServiceGrpc.newBlockingStub(imageChannel);
    this.timeout = timeout;
  }

  private static ManagedChannel channel(String endpoint) {
    String target = endpoint.startsWith("unix://") || endpoint.contains("://") ? endpoint
        : "unix://" + endpoint;
    return Grpc.newChannelBuilder(target, InsecureChannelCredentials.create())
        // CRI messages (ListContainers of a busy node) can pass gRPC's 4 MiB default
        .maxInboundMessageSize(16 * 1024 * 1024)
        .build();
  }

  private RuntimeServiceGrpc.RuntimeServiceBlockingStub rt() {
    return runtime.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private RuntimeServiceGrpc.RuntimeServiceBlockingStub rt(Duration deadline) {
    return runtime.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private ImageServiceGrpc.ImageServiceBlockingStub img() {
    return images.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public VersionResponse version() {
    return rt().version(VersionRequest.newBuilder().setVersion(API_VERSION).build());
  }

  @Override
  public StatusResponse status() {
    return rt().status(StatusRequest.getDefaultInstance());
  }

  @Override
  public String runPodSandbox(PodSandboxConfig config, String runtimeHandler) {
    // sandbox creation pulls the pause image and sets up the network: kubelet allows 4x
    return rt(timeout.multipliedBy(4)).runPodSandbox(RunPodSandboxRequest.newBuilder()
        .setConfig(config).setRuntimeHandler(runtimeHandler == null ? "" : runtimeHandler)
        .build()).getPodSandboxId();
  }

  @Override
  public void stopPodSandbox(String sandboxId) {
    rt().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build());
  }

  @Override
  public void removePodSandbox(String sandboxId) {
    rt().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId)
        .build());
  }

  @Override
  public PodSandboxStatus podSandboxStatus(String sandboxId) {
    return rt().podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId)
        .build()).getStatus();
  }

  @Override
  public List<PodSandbox> listPodSandbox(PodSandboxFilter filter) {
    ListPodSandboxRequest.Builder request = ListPodSandboxRequest.newBuilder();
    if (filter != null) {
      request.setFilter(filter);
    }
    return rt().listPodSandbox(request.build()).getItemsList();
  }

  @Override
  public String createContainer(String sandboxId, ContainerConfig config,
      PodSandboxConfig sandboxConfig) {
    return rt().createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(sandboxId)
        .setConfig(config).setSandboxConfig(sandboxConfig).build()).getContainerId();
  }

  @Override
  public void startContainer(String containerId) {
    rt().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build());
  }

  @Override
  public void stopContainer(String containerId, long timeoutSeconds) {
    // the call lasts as long as the grace period: the deadline must outlive it
    Duration deadline = timeout.plusSeconds(Math.max(0, timeoutSeconds));
    rt(deadline).stopContainer(StopContainerRequest.newBuilder().setContainerId(containerId)
        .setTimeout(timeoutSeconds).build());
  }

  @Override
  public void removeContainer(String containerId) {
    rt().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(containerId).build());
  }

  @Override
  public List<Container> listContainers(ContainerFilter filter) {
    ListContainersRequest.Builder request = ListContainersRequest.newBuilder();
    if (filter != null) {
      request.setFilter(filter);
    }
    return rt().listContainers(request.build()).getContainersList();
  }

  @Override
  public ContainerStatus containerStatus(String containerId) {
    return rt().containerStatus(ContainerStatusRequest.newBuilder().setContainerId(containerId)
        .build()).getStatus();
  }

  @Override
  public ExecSyncResponse execSync(String containerId, List<String> command, Duration limit) {
    long seconds = limit.isZero() ? 0 : Math.max(1, (limit.toMillis() + 999) / 1000);
    // kubelet: the deadline is the command's timeout plus the ordinary request timeout
    Duration deadline = limit.isZero() ? Duration.ofDays(1) : timeout.plus(limit);
    return rt(deadline).execSync(ExecSyncRequest.newBuilder().setContainerId(containerId)
        .addAllCmd(command).setTimeout(seconds).build());
  }

  @Override
  public String exec(ExecRequest request) {
    return rt().exec(request).getUrl();
  }

  @Override
  public String attach(AttachRequest request) {
    return rt().attach(request).getUrl();
  }

  @Override
  public String portForward(PortForwardRequest request) {
    return rt().portForward(request).getUrl();
  }

  @Override
  public List<ContainerStats> listContainerStats(ContainerStatsFilter filter) {
    ListContainerStatsRequest.Builder request = ListContainerStatsRequest.newBuilder();
    if (filter != null) {
      request.setFilter(filter);
    }
    return rt().listContainerStats(request.build()).getStatsList();
  }

  @Override
  public List<PodSandboxStats> listPodSandboxStats(PodSandboxStatsFilter filter) {
    ListPodSandboxStatsRequest.Builder request = ListPodSandboxStatsRequest.newBuilder();
    if (filter != null) {
      request.setFilter(filter);
    }
    return rt().listPodSandboxStats(request.build()).getStatsList();
  }

  @Override
  public List<Image> listImages() {
    return img().listImages(ListImagesRequest.getDefaultInstance()).getImagesList();
  }

  @Override
  public Optional<Image> imageStatus(String image) {
    ImageStatusResponse response = img().imageStatus(ImageStatusRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage(image)).build());
    return response.hasImage() ? Optional.of(response.getImage()) : Optional.empty();
  }

  @Override
  public String pullImage(String image, AuthConfig auth, PodSandboxConfig sandboxConfig) {
    PullImageRequest.Builder request = PullImageRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage(image));
    if (auth != null) {
      request.setAuth(auth);
    }
    if (sandboxConfig != null) {
      request.setSandboxConfig(sandboxConfig);
    }
    return images.withDeadlineAfter(PULL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .pullImage(request.build()).getImageRef();
  }

  @Override
  public void removeImage(String image) {
    img().removeImage(RemoveImageRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage(image)).build());
  }

  @Override
  public List<FilesystemUsage> imageFsInfo() {
    return img().imageFsInfo(ImageFsInfoRequest.getDefaultInstance()).getImageFilesystemsList();
  }

  @Override
  public void close() {
    runtimeChannel.shutdownNow();
    if (imageChannel != runtimeChannel) {
      imageChannel.shutdownNow();
    }
  }
}
