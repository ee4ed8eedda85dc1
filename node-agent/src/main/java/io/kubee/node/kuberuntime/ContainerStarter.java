package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.grpc.StatusRuntimeException;
import io.kubee.node.api.EventRecorder;
import io.kubee.node.cri.RuntimeService;
import io.kubee.node.cri.v1.ContainerConfig;
import io.kubee.node.cri.v1.PodSandboxConfig;
import io.kubee.node.images.ImageManager;
import io.kubee.node.volume.MountedVolume;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts one container run (kubelet's {@code startContainer} in
 * {@code kuberuntime_container.go}): the CrashLoopBackOff check against the previous run's
 * finish time, the image, the environment and config, CreateContainer, StartContainer, then
 * the postStart hook (a failing one kills the container). Each failure has kubelet's waiting
 * reason: CrashLoopBackOff, ErrImagePull, ImagePullBackOff, ErrImageNeverPull,
 * CreateContainerConfigError, CreateContainerError, RunContainerError, PostStartHookError.
 */
public final class ContainerStarter {
  /**
   * @param started    whether the container now runs
   * @param reason     the waiting reason when not
   * @param message    for people
   * @param retryAfter when a retry makes sense (back-off), or null for the next sync
   */
  public record Result(boolean started, String reason, String message, Duration retryAfter) {
    static Result ok() {
      return new Result(true, null, null, null);
    }

    static Result failed(String reason, String message, Duration retryAfter) {
      return new Result(false, reason, message, retryAfter);
    }
  }

  private final RuntimeService runtime;
  private final ImageManager images;
  private final EnvResolver env;
  private final ContainerConfigs configs;
  private final Backoff crashBackoff;
  private final LifecycleHandlers hooks;
  private final ContainerKiller killer;
  private final EventRecorder events;
  private final List<String> nodeIps;
  private final Supplier<Map<String, Quantity>> allocatable;

  public ContainerStarter(RuntimeService runtime, ImageManager images, EnvResolver env,
      ContainerConfigs configs, Backoff crashBackoff, LifecycleHandlers hooks,
      ContainerKiller killer, EventRecorder events, List<String> nodeIps,
      Supplier<Map<String, Quantity>> allocatable) {
    this.runtime = runtime;
    this.images = images;
    this.env = env;
    this.configs = configs;
    this.crashBackoff = crashBackoff;
    this.hooks = hooks;
    this.killer = killer;
    this.events = events;
    this.nodeIps = nodeIps;
    this.allocatable = allocatable;
  }

  public Result start(Pod pod, Container container, boolean init, String sandboxId,
      PodSandboxConfig sandboxConfig, List<String> podIps, RuntimePodStatus status,
      Map<String, MountedVolume> volumes) {
    ObjectReference ref = PodRefs.container(pod, container.getName());
    Optional<RuntimeContainer> previous = status.latest(container.getName(), init);
    if (previous.isPresent() && !previous.get().running()
        && previous.get().finishedAt() != null) {
      String key = backoffKey(pod, container);
      Instant finished = previous.get().finishedAt();
      if (crashBackoff.isInBackOffSince(key, finished)) {
        Duration wait = crashBackoff.get(key);
        String message = "back-off " + seconds(wait) + " restarting failed container="
            + container.getName() + " pod=" + pod.getMetadata().getName() + "_"
            + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")";
        events.event(ref, EventRecorder.WARNING, "BackOff", "Back-off restarting failed container "
            + container.getName() + " in pod " + pod.getMetadata().getName() + "_"
            + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")");
        return Result.failed("CrashLoopBackOff", message,
            crashBackoff.remaining(key, finished));
      }
      crashBackoff.next(key, finished);
    }
    int restartCount = previous.map(c -> c.restartCount() + 1).orElse(0);

    ImageManager.PulledImage image;
    try {
      image = images.ensureImageExists(ref, pod.getMetadata().getUid(), container, sandboxConfig);
    } catch (ImageManager.ImageException e) {
      return Result.failed(e.reason(), e.getMessage(),
          e.retryAfter().isZero() ? null : e.retryAfter());
    }
    ContainerConfig config;
    try {
      Map<String, String> variables = env.resolve(pod, container, podIps, nodeIps,
          allocatable.get());
      config = configs.generate(pod, container, init, restartCount, image.ref(), image.image(),
          variables, volumes);
    } catch (EnvResolver.EnvException | ContainerConfigs.ConfigException e) {
      events.event(ref, EventRecorder.WARNING, "Failed", "Error: " + e.getMessage());
      return Result.failed("CreateContainerConfigError", e.getMessage(), null);
    }
    String id;
    try {
      id = runtime.createContainer(sandboxId, config, sandboxConfig);
    } catch (StatusRuntimeException e) {
      String message = ImageManagerErrors.describe(e);
      events.event(ref, EventRecorder.WARNING, "Failed", "Error: " + message);
      return Result.failed("CreateContainerError", message, null);
    }
    events.event(ref, EventRecorder.NORMAL, "Created", "Created container " + container.getName());
    try {
      runtime.startContainer(id);
    } catch (StatusRuntimeException e) {
      String message = ImageManagerErrors.describe(e);
      events.event(ref, EventRecorder.WARNING, "Failed", "Error: " + message);
      return Result.failed("RunContainerError", message, null);
    }
    events.event(ref, EventRecorder.NORMAL, "Started", "Started container " + container.getName());
    if (container.getLifecycle() != null && container.getLifecycle().getPostStart() != null) {
      long grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30
          : pod.getSpec().getTerminationGracePeriodSeconds();
      String failure = hooks.run(pod, container, id, container.getLifecycle().getPostStart(),
          podIps, Duration.ofSeconds(Math.max(grace, 2)));
      if (failure != null) {
        events.event(ref, EventRecorder.WARNING, "FailedPostStartHook", failure);
        RuntimeContainer started = new RuntimeContainer(id, sandboxId, container.getName(), init,
            io.kubee.node.cri.v1.ContainerState.CONTAINER_RUNNING, Instant.now(), Instant.now(),
            null, 0, container.getImage(), "", "", "", Labels.hash(container), restartCount, "",
            config.getAnnotationsMap());
        killer.kill(pod, started, "FailedPostStartHook", null, podIps);
        return Result.failed("PostStartHookError", failure, null);
      }
    }
    return Result.ok();
  }

  /** kubelet's getStableKey: the back-off follows a container name and spec in a pod. */
  static String backoffKey(Pod pod, Container container) {
    return pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "_"
        + pod.getMetadata().getUid() + "_" + container.getName() + "_" + Labels.hash(container);
  }

  private static String seconds(Duration d) {
    long s = d.toSeconds();
    return s >= 60 && s % 60 == 0 ? (s / 60) + "m0s" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s"
        : s + "s";
  }

  /** gRPC failures as kubelet prints them. */
  static final class ImageManagerErrors {
    private ImageManagerErrors() {}

    static String describe(StatusRuntimeException e) {
      String description = e.getStatus().getDescription();
      return "rpc error: code = " + e.getStatus().getCode() + " desc = "
          + (description == null ? "" : description);
    }
  }
}
