package io.kubee.node.images;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.grpc.StatusRuntimeException;
import io.kubee.node.api.EventRecorder;
import io.kubee.node.cri.ImageService;
import io.kubee.node.cri.v1.Image;
import io.kubee.node.cri.v1.PodSandboxConfig;
import io.kubee.node.kuberuntime.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Makes sure a container's image is on the node before it starts (k8s.io/kubernetes
 * {@code pkg/kubelet/images/image_manager.go}): ImageStatus first, then a pull when the policy
 * says so — Always pulls, IfNotPresent pulls what is missing, Never refuses what is missing
 * (ErrImageNeverPull). A failed pull is ErrImagePull, and the same image is not tried again for
 * that pod until its back-off passes (ImagePullBackOff). Pulls go one at a time when
 * serialized, as kubelet's default.
 */
public final class ImageManager {
  /** Why an image is not available; {@code reason} is the container's waiting reason. */
  public static final class ImageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final transient Duration retryAfter;

    public ImageException(String reason, String message, Duration retryAfter) {
      super(message);
      this.reason = reason;
      this.retryAfter = retryAfter;
    }

    public String reason() {
      return reason;
    }

    /** When to try again (zero: at the next sync). */
    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** @param ref the image as the runtime knows it; @param image its status */
  public record PulledImage(String ref, Image image) {}

  // name[:tag][@digest], Docker's reference grammar reduced to what decides the default tag
  private static final Pattern REFERENCE = Pattern.compile(
      "^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
          + "(?::[\\w][\\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$");

  private final ImageService images;
  private final Backoff backoff;
  private final boolean serialize;
  private final EventRecorder events;
  private final Clock clock;
  private final ReentrantLock pullLock = new ReentrantLock();

  public ImageManager(ImageService images, Backoff backoff, boolean serialize,
      EventRecorder events, Clock clock) {
    this.images = images;
    this.backoff = backoff;
    this.serialize = serialize;
    this.events = events;
    this.clock = clock;
  }

  public PulledImage ensureImageExists(ObjectReference podRef, String podUid, Container container,
      PodSandboxConfig sandbox) throws ImageException {
    String image = container.getImage();
    if (image == null || image.isBlank() || !REFERENCE.matcher(image).matches()) {
      throw new ImageException("InvalidImageName",
          "Failed to apply default image tag \"" + image + "\": couldn't parse image name",
          Duration.ZERO);
    }
    image = withDefaultTag(image);
    String policy = container.getImagePullPolicy();
    if (policy == null || policy.isEmpty()) {
      policy = image.endsWith(":latest") ? "Always" : "IfNotPresent";
    }
    Optional<Image> present = status(image);
    boolean pull = switch (policy) {
      case "Always" -> true;
      case "Never" -> false;
      default -> present.isEmpty();
    };
    if (!pull) {
      if (present.isPresent()) {
        return new PulledImage(present.get().getId(), present.get());
      }
      String message = "Container image \"" + image
          + "\" is not present with pull policy of Never";
      events.event(podRef, EventRecorder.WARNING, "ErrImageNeverPull", message);
      throw new ImageException("ErrImageNeverPull", message, Duration.ZERO);
    }
    String key = podUid + "_" + image;
    Instant now = clock.instant();
    if (backoff.isInBackOffSince(key, now)) {
      String message = "Back-off pulling image \"" + image + "\"";
      events.event(podRef, EventRecorder.NORMAL, "BackOff", message);
      throw new ImageException("ImagePullBackOff", message, backoff.get(key));
    }
    events.event(podRef, EventRecorder.NORMAL, "Pulling", "Pulling image \"" + image + "\"");
    long start = System.nanoTime();
    String ref;
    if (serialize) {
      pullLock.lock();
    }
    try {
      ref = images.pullImage(image, null, sandbox);
    } catch (StatusRuntimeException e) {
      backoff.next(key, clock.instant());
      String message = "Failed to pull image \"" + image + "\": " + describe(e);
      events.event(podRef, EventRecorder.WARNING, "Failed", message);
      throw new ImageException("ErrImagePull", message, backoff.get(key));
    } finally {
      if (serialize) {
        pullLock.unlock();
      }
    }
    backoff.reset(key);
    long millis = (System.nanoTime() - start) / 1_000_000;
    events.event(podRef, EventRecorder.NORMAL, "Pulled", "Successfully pulled image \"" + image
        + "\" in " + millis + "ms");
    Image pulled = status(image).orElse(null);
    return new PulledImage(pulled != null ? pulled.getId() : ref, pulled);
  }

  private Optional<Image> status(String image) throws ImageException {
    try {
      return images.imageStatus(image);
    } catch (StatusRuntimeException e) {
      throw new ImageException("ErrImagePull", "Failed to inspect image \"" + image + "\": "
          + describe(e), Duration.ZERO);
    }
  }

  /** {@code name} with {@code :latest} when it has neither tag nor digest. */
  public static String withDefaultTag(String image) {
    if (image.contains("@")) {
      return image;
    }
    int slash = image.lastIndexOf('/');
    return image.indexOf(':', slash + 1) >= 0 ? image : image + ":latest";
  }

  static String describe(StatusRuntimeException e) {
    String description = e.getStatus().getDescription();
    return "rpc error: code = " + e.getStatus().getCode() + " desc = "
        + (description == null ? "" : description);
  }
}
