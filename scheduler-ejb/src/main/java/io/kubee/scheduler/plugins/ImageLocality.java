package io.kubee.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Container;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.Handle;
import io.kubee.scheduler.framework.ImageNames;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.ScorePlugin;
import io.kubee.scheduler.framework.Snapshot;
import java.util.List;

/**
 * Favors nodes that already hold the pod's images (plugins/imagelocality/image_locality.go): the
 * sizes of the images present, each scaled by the share of nodes that hold it (so that one node
 * with a popular image does not attract everything), mapped from [23 MiB, 1000 MiB × containers]
 * onto [0, 100].
 */
public final class ImageLocality implements ScorePlugin {
  public static final String NAME = "ImageLocality";
  static final long MB = 1024L * 1024;
  static final long MIN_THRESHOLD = 23 * MB;
  static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

  private final Handle handle;

  public ImageLocality(Handle handle) {
    this.handle = handle;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    if (node.imageSizes().isEmpty()) {
      return 0;
    }
    Snapshot snapshot = handle.snapshot();
    int total = snapshot.list().size();
    long sum = sum(pod.pod().getSpec().getInitContainers(), node, snapshot, total)
        + sum(pod.pod().getSpec().getContainers(), node, snapshot, total);
    int containers = size(pod.pod().getSpec().getInitContainers())
        + size(pod.pod().getSpec().getContainers());
    long max = MAX_CONTAINER_THRESHOLD * containers;
    sum = Math.max(MIN_THRESHOLD, Math.min(max, sum));
    return MAX_NODE_SCORE * (sum - MIN_THRESHOLD) / (max - MIN_THRESHOLD);
  }

  private static long sum(List<Container> containers, NodeInfo node, Snapshot snapshot,
      int total) {
    long sum = 0;
    if (containers == null) {
      return 0;
    }
    for (Container c : containers) {
      if (c.getImage() == null) {
        continue;
      }
      String image = ImageNames.normalize(c.getImage());
      Long size = node.imageSizes().get(image);
      if (size != null && total > 0) {
        sum += (long) (size * ((double) snapshot.imageNodes(image) / total));
      }
    }
    return sum;
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }
}
