package io.kubee.node.cri;

import io.kubee.node.cri.v1.AttachRequest;
import io.kubee.node.cri.v1.Container;
import io.kubee.node.cri.v1.ContainerConfig;
import io.kubee.node.cri.v1.ContainerFilter;
import io.kubee.node.cri.v1.ContainerStats;
import io.kubee.node.cri.v1.ContainerStatsFilter;
import io.kubee.node.cri.v1.ContainerStatus;
import io.kubee.node.cri.v1.ExecRequest;
import io.kubee.node.cri.v1.ExecSyncResponse;
import io.kubee.node.cri.v1.PodSandbox;
import io.kubee.node.cri.v1.PodSandboxConfig;
import io.kubee.node.cri.v1.PodSandboxFilter;
import io.kubee.node.cri.v1.PodSandboxStats;
import io.kubee.node.cri.v1.PodSandboxStatsFilter;
import io.kubee.node.cri.v1.PodSandboxStatus;
import io.kubee.node.cri.v1.PortForwardRequest;
import io.kubee.node.cri.v1.StatusResponse;
import io.kubee.node.cri.v1.VersionResponse;
import java.time.Duration;
import java.util.List;

/**
 * The CRI RuntimeService as the kubelet uses it (k8s.io/cri-api
 * {@code pkg/apis/services.go}: RuntimeVersioner, ContainerManager, PodSandboxManager,
 * ContainerStatsManager). Implemented over gRPC by {@link RemoteRuntime} and in memory by
 * {@code SimulatedRuntime}.
 *
 * <p>Failures are {@link io.grpc.StatusRuntimeException}s with the runtime's gRPC code (the
 * simulated runtime raises the same codes), so callers handle both alike: NOT_FOUND for a
 * missing sandbox or container, DEADLINE_EXCEEDED for a call past its deadline. Every method
 * may be called from any thread.
 */
public interface RuntimeService {
  VersionResponse version();

  /** Runtime conditions (RuntimeReady, NetworkReady). */
  StatusResponse status();

  /** Creates and starts a sandbox; returns its id. Idempotent only through the runtime. */
  String runPodSandbox(PodSandboxConfig config, String runtimeHandler);

  /** Stops every process of the sandbox and frees its network. Idempotent. */
  void stopPodSandbox(String sandboxId);

  /** Removes a stopped sandbox and its containers. Idempotent. */
  void removePodSandbox(String sandboxId);

  PodSandboxStatus podSandboxStatus(String sandboxId);

  /** @param filter null for all */
  List<PodSandbox> listPodSandbox(PodSandboxFilter filter);

  String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig);

  void startContainer(String containerId);

  /**
   * Stops a container: SIGTERM (or the image's stop signal), SIGKILL after {@code timeout}
   * seconds; 0 kills at once. Idempotent.
   */
  void stopContainer(String containerId, long timeoutSeconds);

  void removeContainer(String containerId);

  /** @param filter null for all */
  List<Container> listContainers(ContainerFilter filter);

  ContainerStatus containerStatus(String containerId);

  /**
   * Runs a command in a container and waits for it, at most {@code timeout} (zero: no
   * limit); a command still running then is killed and the call fails with
   * DEADLINE_EXCEEDED.
   */
  ExecSyncResponse execSync(String containerId, List<String> command, Duration timeout);

  /** The streaming server URL for an exec session (single use, short lived). */
  String exec(ExecRequest request);

  String attach(AttachRequest request);

  String portForward(PortForwardRequest request);

  /** @param filter null for all */
  List<ContainerStats> listContainerStats(ContainerStatsFilter filter);

  /** @param filter null for all */
  List<PodSandboxStats> listPodSandboxStats(PodSandboxStatsFilter filter);
}
