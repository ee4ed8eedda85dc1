package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubee.api.codec.Codec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels and annotations the kubelet puts on sandboxes and containers and reads back, so
 * that the runtime alone tells which pod and container a runtime object is and how it was
 * started (k8s.io/kubernetes {@code pkg/kubelet/kuberuntime/labels.go}). A restarted node
 * agent finds its pods again through them.
 */
public final class Labels {
  public static final String POD_NAME = "io.kubernetes.pod.name";
  public static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
  public static final String POD_UID = "io.kubernetes.pod.uid";
  public static final String CONTAINER_NAME = "io.kubernetes.container.name";
  /** Sandbox label: which node agent created it (node name), to tell ours from others'. */
  public static final String NODE_NAME = "io.kubee.node.name";

  public static final String CONTAINER_HASH = "io.kubernetes.container.hash";
  public static final String RESTART_COUNT = "io.kubernetes.container.restartCount";
  public static final String TERMINATION_MESSAGE_PATH =
      "io.kubernetes.container.terminationMessagePath";
  public static final String TERMINATION_MESSAGE_POLICY =
      "io.kubernetes.container.terminationMessagePolicy";
  public static final String TERMINATION_GRACE_PERIOD = "io.kubernetes.pod.terminationGracePeriod";
  /** Whether the container is an init container ("true"), kubelet's container type label. */
  public static final String CONTAINER_TYPE = "io.kubee.container.type";
  public static final String INIT = "init";

  private Labels() {}

  /** Sandbox labels: the pod's own labels plus the pod identity. */
  public static Map<String, String> sandboxLabels(Pod pod, String nodeName) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (pod.getMetadata().getLabels() != null) {
      labels.putAll(pod.getMetadata().getLabels());
    }
    labels.put(POD_NAME, pod.getMetadata().getName());
    labels.put(POD_NAMESPACE, pod.getMetadata().getNamespace());
    labels.put(POD_UID, pod.getMetadata().getUid());
    labels.put(NODE_NAME, nodeName);
    return labels;
  }

  public static Map<String, String> containerLabels(Pod pod, Container container, boolean init) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(POD_NAME, pod.getMetadata().getName());
    labels.put(POD_NAMESPACE, pod.getMetadata().getNamespace());
    labels.put(POD_UID, pod.getMetadata().getUid());
    labels.put(CONTAINER_NAME, container.getName());
    if (init) {
      labels.put(CONTAINER_TYPE, INIT);
    }
    return labels;
  }

  public static Map<String, String> containerAnnotations(Pod pod, Container container,
      int restartCount) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(CONTAINER_HASH, hash(container));
    annotations.put(RESTART_COUNT, Integer.toString(restartCount));
    annotations.put(TERMINATION_MESSAGE_PATH, nullToEmpty(container.getTerminationMessagePath()));
    annotations.put(TERMINATION_MESSAGE_POLICY,
        nullToEmpty(container.getTerminationMessagePolicy()));
    Long grace = pod.getSpec().getTerminationGracePeriodSeconds();
    annotations.put(TERMINATION_GRACE_PERIOD, Long.toString(grace == null ? 30 : grace));
    return annotations;
  }

  /**
   * A hash of the container's spec: a container whose spec hash differs from the running one
   * was changed in the API and is restarted (kubelet's HashContainer, resources excluded as
   * since in-place resize). FNV-1a over the canonical JSON, as 8 hex digits.
   */
  public static String hash(Container container) {
    Container copy = new io.fabric8.kubernetes.api.model.ContainerBuilder(container)
        .withResources(null).build();
    byte[] json = Codec.INSTANCE.writeCanonicalJson(Codec.INSTANCE.fromTyped(copy));
    int h = 0x811c9dc5;
    for (byte b : json) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return String.format("%08x", h);
  }

  static int intAnnotation(Map<String, String> annotations, String key, int fallback) {
    String value = annotations.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
