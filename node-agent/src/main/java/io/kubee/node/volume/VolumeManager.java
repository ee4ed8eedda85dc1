package io.kubee.node.volume;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubee.node.api.ObjectSource;
import io.kubee.node.pod.PodDirs;
import io.kubee.node.util.Quantities;
import io.kubee.node.volume.AtomicWriter.FileContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sets up and tears down pod volumes on the node (kubelet's VolumeManager with the emptyDir,
 * hostPath, configMap, secret, downwardAPI and projected plugins). {@link #setUp} runs on every
 * pod sync: it creates what is missing and rewrites configMap, secret, downwardAPI and projected
 * content that changed (atomically, {@link AtomicWriter}), so running containers see updates.
 * Memory-backed emptyDirs and secrets sit on tmpfs, as kubelet keeps secrets off disk.
 */
public final class VolumeManager {
  /** A volume cannot be set up; the pod shows it as a FailedMount event. */
  public static final class VolumeException extends Exception {
    private static final long serialVersionUID = 1L;

    public VolumeException(String message) {
      super(message);
    }
  }

  static final String EMPTY_DIR = "kubernetes.io/empty-dir";
  static final String CONFIG_MAP = "kubernetes.io/configmap";
  static final String SECRET = "kubernetes.io/secret";
  static final String DOWNWARD_API = "kubernetes.io/downward-api";
  static final String PROJECTED = "kubernetes.io/projected";

  private final PodDirs dirs;
  private final ObjectSource objects;
  private final Mounter mounter;
  private final TokenSource tokens;
  private final List<String> nodeIps;
  private final Supplier<Map<String, Quantity>> allocatable;

  public VolumeManager(PodDirs dirs, ObjectSource objects, Mounter mounter, TokenSource tokens,
      List<String> nodeIps, Supplier<Map<String, Quantity>> allocatable) {
    this.dirs = dirs;
    this.objects = objects;
    this.mounter = mounter;
    this.tokens = tokens;
    this.nodeIps = nodeIps;
    this.allocatable = allocatable;
  }

  /**
   * Makes every volume of the pod ready. Idempotent; refreshes content that changed.
   *
   * @param podIps the pod's IPs, for downwardAPI status.podIP ("" before the sandbox exists)
   */
  public Map<String, MountedVolume> setUp(Pod pod, List<String> podIps) throws VolumeException {
    String uid = pod.getMetadata().getUid();
    Map<String, MountedVolume> mounted = new LinkedHashMap<>();
    List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of()
        : pod.getSpec().getVolumes();
    try {
      Files.createDirectories(dirs.volumesDir(uid));
      for (Volume v : volumes) {
        mounted.put(v.getName(), setUp(pod, uid, v, podIps));
      }
    } catch (IOException e) {
      throw new VolumeException("cannot set up volumes: " + e.getMessage());
    }
    return mounted;
  }

  private MountedVolume setUp(Pod pod, String uid, Volume v, List<String> podIps)
      throws IOException, VolumeException {
    String name = v.getName();
    if (v.getEmptyDir() != null) {
      Path dir = dirs.volumeDir(uid, EMPTY_DIR, name);
      EmptyDirVolumeSource source = v.getEmptyDir();
      if ("Memory".equals(source.getMedium())) {
        long size = source.getSizeLimit() != null ? Quantities.bytes(source.getSizeLimit())
            : Quantities.bytes(Quantities.get(allocatable.get(), "memory"));
        mounter.mountTmpfs(dir, size);
      } else {
        Files.createDirectories(dir);
      }
      // anyone in the pod may write to it, whatever user its containers run as
      dir.toFile().setWritable(true, false);
      dir.toFile().setExecutable(true, false);
      return new MountedVolume(name, dir, false);
    }
    if (v.getHostPath() != null) {
      return new MountedVolume(name, HostPaths.prepare(v.getHostPath()), false);
    }
    if (v.getConfigMap() != null) {
      ConfigMapVolumeSource source = v.getConfigMap();
      Path dir = dirs.volumeDir(uid, CONFIG_MAP, name);
      write(dir, configMapPayload(pod, source.getName(), source.getItems(),
          source.getDefaultMode(), Boolean.TRUE.equals(source.getOptional())));
      return new MountedVolume(name, dir, true);
    }
    if (v.getSecret() != null) {
      SecretVolumeSource source = v.getSecret();
      Path dir = dirs.volumeDir(uid, SECRET, name);
      mounter.mountTmpfs(dir, 0);
      write(dir, secretPayload(pod, source.getSecretName(), source.getItems(),
          source.getDefaultMode(), Boolean.TRUE.equals(source.getOptional())));
      return new MountedVolume(name, dir, true);
    }
    if (v.getDownwardAPI() != null) {
      Path dir = dirs.volumeDir(uid, DOWNWARD_API, name);
      write(dir, downward(pod, v.getDownwardAPI().getItems(), v.getDownwardAPI().getDefaultMode(),
          podIps));
      return new MountedVolume(name, dir, true);
    }
    if (v.getProjected() != null) {
      Path dir = dirs.volumeDir(uid, PROJECTED, name);
      mounter.mountTmpfs(dir, 0);
      write(dir, projected(pod, v.getProjected(), podIps));
      return new MountedVolume(name, dir, true);
    }
    throw new VolumeException("volume \"" + name + "\": this node agent supports emptyDir, "
        + "hostPath, configMap, secret, downwardAPI and projected volumes only");
  }

  private static void write(Path dir, Map<String, FileContent> payload) throws IOException {
    AtomicWriter.write(dir, payload);
    dir.toFile().setReadable(true, false);
    dir.toFile().setExecutable(true, false);
  }

  private Map<String, FileContent> configMapPayload(Pod pod, String mapName,
      List<io.fabric8.kubernetes.api.model.KeyToPath> items, Integer mode, boolean optional)
      throws VolumeException {
    Optional<ConfigMap> map = objects.configMap(pod.getMetadata().getNamespace(), mapName);
    if (map.isEmpty()) {
      if (optional) {
        return Map.of();
      }
      throw new VolumeException("configmap \"" + mapName + "\" not found");
    }
    try {
      return Payloads.configMap(map.get(), items, mode, optional);
    } catch (Payloads.PayloadException e) {
      throw new VolumeException(e.getMessage());
    }
  }

  private Map<String, FileContent> secretPayload(Pod pod, String secretName,
      List<io.fabric8.kubernetes.api.model.KeyToPath> items, Integer mode, boolean optional)
      throws VolumeException {
    Optional<Secret> secret = objects.secret(pod.getMetadata().getNamespace(), secretName);
    if (secret.isEmpty()) {
      if (optional) {
        return Map.of();
      }
      throw new VolumeException("secret \"" + secretName + "\" not found");
    }
    try {
      return Payloads.secret(secret.get(), items, mode, optional);
    } catch (Payloads.PayloadException e) {
      throw new VolumeException(e.getMessage());
    }
  }

  private Map<String, FileContent> downward(Pod pod,
      List<io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile> items, Integer mode,
      List<String> podIps) throws VolumeException {
    try {
      return Payloads.downwardApi(pod, items, mode, podIps, nodeIps, allocatable.get());
    } catch (Payloads.PayloadException e) {
      throw new VolumeException(e.getMessage());
    }
  }

  private Map<String, FileContent> projected(Pod pod, ProjectedVolumeSource source,
      List<String> podIps) throws VolumeException {
    Map<String, FileContent> payload = new LinkedHashMap<>();
    Integer mode = source.getDefaultMode();
    for (VolumeProjection p : source.getSources() == null ? List.<VolumeProjection>of()
        : source.getSources()) {
      if (p.getConfigMap() != null) {
        payload.putAll(configMapPayload(pod, p.getConfigMap().getName(),
            p.getConfigMap().getItems(), mode, Boolean.TRUE.equals(p.getConfigMap().getOptional())));
      } else if (p.getSecret() != null) {
        payload.putAll(secretPayload(pod, p.getSecret().getName(), p.getSecret().getItems(),
            mode, Boolean.TRUE.equals(p.getSecret().getOptional())));
      } else if (p.getDownwardAPI() != null) {
        payload.putAll(downward(pod, p.getDownwardAPI().getItems(), mode, podIps));
      } else if (p.getServiceAccountToken() != null) {
        ServiceAccountTokenProjection token = p.getServiceAccountToken();
        String account = pod.getSpec().getServiceAccountName() == null ? "default"
            : pod.getSpec().getServiceAccountName();
        List<String> audiences = token.getAudience() == null || token.getAudience().isEmpty()
            ? List.of() : List.of(token.getAudience());
        long seconds = token.getExpirationSeconds() == null ? 3600 : token.getExpirationSeconds();
        try {
          String value = tokens.token(pod, account, audiences, seconds);
          payload.put(token.getPath(), new FileContent(value.getBytes(StandardCharsets.UTF_8),
              mode == null ? 0644 : mode));
        } catch (Exception e) {
          throw new VolumeException("cannot get a service account token: " + e.getMessage());
        }
      }
    }
    return payload;
  }

  /**
   * Removes a pod's volumes: unmounts its tmpfs mounts, then deletes its directory — unless
   * something is still mounted there, which is never deleted through (kubelet leaves such
   * orphaned pod directories too, and says so).
   */
  public void tearDown(String uid) throws VolumeException {
    Path pod = dirs.podDir(uid);
    if (!Files.exists(pod)) {
      return;
    }
    try {
      for (Path mount : mounter.mountsUnder(pod)) {
        mounter.unmount(mount);
      }
      if (!mounter.mountsUnder(pod).isEmpty()) {
        throw new VolumeException("volumes of pod " + uid + " are still mounted: "
            + mounter.mountsUnder(pod));
      }
      AtomicWriter.deleteRecursively(pod);
    } catch (IOException e) {
      throw new VolumeException("cannot tear down the volumes of pod " + uid + ": "
          + e.getMessage());
    }
  }

  /** The uids of the pod directories on disk (for cleaning up after pods that are gone). */
  public List<String> podsOnDisk() {
    List<String> uids = new ArrayList<>();
    Path pods = dirs.podsDir();
    if (!Files.isDirectory(pods)) {
      return uids;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(pods)) {
      entries.forEach(p -> uids.add(p.getFileName().toString()));
    } catch (IOException e) {
      return uids;
    }
    return uids;
  }
}
