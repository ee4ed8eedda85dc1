package io.kubee.node.volume;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubee.node.kuberuntime.EnvResolver;
import io.kubee.node.volume.AtomicWriter.FileContent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of configMap, secret and downwardAPI volumes (k8s.io/kubernetes
 * {@code pkg/volume/configmap}, {@code secret}, {@code downwardapi} MakePayload): every key
 * when no items are listed, else the listed keys at their paths, with the item's mode or the
 * volume's defaultMode.
 */
public final class Payloads {
  /** A volume's content cannot be made; the message is kubelet's. */
  public static final class PayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
      super(message);
    }
  }

  static final int DEFAULT_MODE = 0644;

  private Payloads() {}

  public static Map<String, FileContent> configMap(ConfigMap map, List<KeyToPath> items,
      Integer defaultMode, boolean optional) throws PayloadException {
    Map<String, byte[]> data = new TreeMap<>();
    if (map.getData() != null) {
      map.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    if (map.getBinaryData() != null) {
      map.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    return keys("configmap", data, items, defaultMode, optional);
  }

  public static Map<String, FileContent> secret(Secret secret, List<KeyToPath> items,
      Integer defaultMode, boolean optional) throws PayloadException {
    Map<String, byte[]> data = new TreeMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return keys("secret", data, items, defaultMode, optional);
  }

  private static Map<String, FileContent> keys(String kind, Map<String, byte[]> data,
      List<KeyToPath> items, Integer defaultMode, boolean optional) throws PayloadException {
    int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
    Map<String, FileContent> payload = new LinkedHashMap<>();
    if (items == null || items.isEmpty()) {
      data.forEach((k, v) -> payload.put(k, new FileContent(v, mode)));
      return payload;
    }
    for (KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        if (optional) {
          continue;
        }
        throw new PayloadException(kind + " references non-existent " + kind + " key: "
            + item.getKey());
      }
      payload.put(item.getPath(), new FileContent(value,
          item.getMode() == null ? mode : item.getMode()));
    }
    return payload;
  }

  public static Map<String, FileContent> downwardApi(Pod pod, List<DownwardAPIVolumeFile> items,
      Integer defaultMode, List<String> podIps, List<String> hostIps,
      Map<String, Quantity> allocatable) throws PayloadException {
    int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
    Map<String, FileContent> payload = new LinkedHashMap<>();
    if (items == null) {
      return payload;
    }
    for (DownwardAPIVolumeFile item : items) {
      String value;
      try {
        if (item.getFieldRef() != null) {
          String path = item.getFieldRef().getFieldPath();
          value = switch (path) {
            case "metadata.labels" -> formatMap(pod.getMetadata().getLabels());
            case "metadata.annotations" -> formatMap(pod.getMetadata().getAnnotations());
            default -> EnvResolver.fieldValue(pod, path, podIps, hostIps);
          };
        } else if (item.getResourceFieldRef() != null) {
          Container container = findContainer(pod, item.getResourceFieldRef().getContainerName());
          if (container == null) {
            throw new PayloadException("container " + item.getResourceFieldRef()
                .getContainerName() + " not found");
          }
          value = EnvResolver.resourceValue(pod, container, item.getResourceFieldRef(),
              allocatable);
        } else {
          continue;
        }
      } catch (EnvResolver.EnvException e) {
        throw new PayloadException(e.getMessage());
      }
      payload.put(item.getPath(), new FileContent(value.getBytes(StandardCharsets.UTF_8),
          item.getMode() == null ? mode : item.getMode()));
    }
    return payload;
  }

  /** Labels and annotations as the downward API writes them: sorted {@code key="value"} lines. */
  static String formatMap(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    new TreeMap<>(map).forEach((k, v) -> out.append(k).append('=').append(quote(v)).append('\n'));
    return out.substring(0, out.length() - 1);
  }

  /** Go's strconv.Quote for the characters labels and annotations hold. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static Container findContainer(Pod pod, String name) {
    if (name == null || name.isEmpty()) {
      return pod.getSpec().getContainers().get(0);
    }
    for (Container c : pod.getSpec().getContainers()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    if (pod.getSpec().getInitContainers() != null) {
      for (Container c : pod.getSpec().getInitContainers()) {
        if (c.getName().equals(name)) {
          return c;
        }
      }
    }
    return null;
  }
}
