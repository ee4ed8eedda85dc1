package io.kubee.node.kuberuntime;

import io.kubee.node.cri.v1.ContainerState;
import io.kubee.node.cri.v1.ContainerStatus;
import java.time.Instant;
import java.util.Map;

/**
 * One container of a pod as the runtime reports it (kubecontainer.Status): identity from its
 * labels, how it was started from its annotations, what happened from its state.
 *
 * @param id           the runtime's container id
 * @param sandboxId    the sandbox it runs in
 * @param name         the container's name in the pod spec
 * @param init         whether it is an init container
 * @param state        created, running, exited or unknown
 * @param createdAt    never null
 * @param startedAt    null until started
 * @param finishedAt   null until exited
 * @param exitCode     meaningful once exited
 * @param image        the image as the spec named it
 * @param imageRef     the image's digest reference (imageID in pod status)
 * @param reason       the runtime's reason (OOMKilled, Error, Completed) or ""
 * @param message      the runtime's message or ""
 * @param hash         the spec hash it was started with
 * @param restartCount the restart count it was started with
 * @param logPath      its log file on the host, or ""
 * @param annotations  all of its annotations
 */
public record RuntimeContainer(
    String id,
    String sandboxId,
    String name,
    boolean init,
    ContainerState state,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    int exitCode,
    String image,
    String imageRef,
    String reason,
    String message,
    String hash,
    int restartCount,
    String logPath,
    Map<String, String> annotations) {

  /** The CRI container status with its annotations read back. */
  public static RuntimeContainer of(ContainerStatus status, String sandboxId) {
    Map<String, String> labels = status.getLabelsMap();
    Map<String, String> annotations = status.getAnnotationsMap();
    String name = labels.getOrDefault(Labels.CONTAINER_NAME, status.getMetadata().getName());
    return new RuntimeContainer(
        status.getId(),
        sandboxId,
        name,
        Labels.INIT.equals(labels.get(Labels.CONTAINER_TYPE)),
        status.getState(),
        nanos(status.getCreatedAt()),
        status.getStartedAt() > 0 ? nanos(status.getStartedAt()) : null,
        status.getFinishedAt() > 0 ? nanos(status.getFinishedAt()) : null,
        status.getExitCode(),
        status.getImage().getImage(),
        status.getImageRef(),
        status.getReason(),
        status.getMessage(),
        annotations.getOrDefault(Labels.CONTAINER_HASH, ""),
        Labels.intAnnotation(annotations, Labels.RESTART_COUNT, 0),
        status.getLogPath(),
        annotations);
  }

  public boolean running() {
    return state == ContainerState.CONTAINER_RUNNING;
  }

  public boolean exited() {
    return state == ContainerState.CONTAINER_EXITED;
  }

  public static Instant nanos(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos);
  }
}
