package io.kubee.node.cri;

import io.kubee.node.cri.v1.AuthConfig;
import io.kubee.node.cri.v1.FilesystemUsage;
import io.kubee.node.cri.v1.Image;
import io.kubee.node.cri.v1.PodSandboxConfig;
import java.util.List;
import java.util.Optional;

/**
 * The CRI ImageService as the kubelet uses it (k8s.io/cri-api {@code ImageManagerService}).
 * Failures are {@link io.grpc.StatusRuntimeException}s, as in {@link RuntimeService}.
 */
public interface ImageService {
  List<Image> listImages();

  /** The image as the runtime knows it, or empty when it is not present. */
  Optional<Image> imageStatus(String image);

  /**
   * Pulls an image (always contacting its registry, even when present).
   *
   * @param auth          null for anonymous
   * @param sandboxConfig the pod's sandbox config, or null
   * @return the image reference the runtime stored (its id or digest)
   */
  String pullImage(String image, AuthConfig auth, PodSandboxConfig sandboxConfig);

  void removeImage(String image);

  /** Usage of the filesystems that hold images. */
  List<FilesystemUsage> imageFsInfo();
}
