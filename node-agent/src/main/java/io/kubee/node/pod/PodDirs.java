package io.kubee.node.pod;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;

/**
 * Where a pod's files live on the node (kubelet's {@code kubelet_getters.go} and
 * {@code kuberuntime} log paths): {@code <root>/pods/<uid>/volumes/<plugin>/<name>},
 * {@code <root>/pods/<uid>/etc-hosts}, {@code <root>/pods/<uid>/containers/<name>/...} for
 * termination messages, and {@code <log-dir>/<ns>_<name>_<uid>/<container>/<restart>.log}.
 */
public final class PodDirs {
  private final Path root;
  private final Path logs;

  public PodDirs(Path root, Path logs) {
    this.root = root;
    this.logs = logs;
  }

  public Path podsDir() {
    return root.resolve("pods");
  }

  public Path podDir(String uid) {
    return podsDir().resolve(uid);
  }

  public Path volumesDir(String uid) {
    return podDir(uid).resolve("volumes");
  }

  /** {@code plugin} as kubelet escapes it: kubernetes.io/empty-dir becomes kubernetes.io~empty-dir. */
  public Path volumeDir(String uid, String plugin, String volume) {
    return volumesDir(uid).resolve(plugin.replace('/', '~')).resolve(volume);
  }

  public Path etcHosts(String uid) {
    return podDir(uid).resolve("etc-hosts");
  }

  public Path containerDir(String uid, String container) {
    return podDir(uid).resolve("containers").resolve(container);
  }

  public Path logsRoot() {
    return logs;
  }

  public Path podLogDir(Pod pod) {
    return podLogDir(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        pod.getMetadata().getUid());
  }

  public Path podLogDir(String namespace, String name, String uid) {
    return logs.resolve(namespace + "_" + name + "_" + uid);
  }

  /** The log file of one container run, relative to the pod's log directory. */
  public static String containerLogPath(String container, int restartCount) {
    return container + "/" + restartCount + ".log";
  }
}
