package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;

/** References to a pod, or to one of its containers, for Events. */
public final class PodRefs {
  private PodRefs() {}

  public static ObjectReference pod(Pod pod) {
    return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod")
        .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid())
        .withResourceVersion(pod.getMetadata().getResourceVersion()).build();
  }

  /** As kubelet refers to a container: the pod, with {@code spec.containers{name}}. */
  public static ObjectReference container(Pod pod, String container) {
    ObjectReference ref = pod(pod);
    boolean init = pod.getSpec().getInitContainers() != null && pod.getSpec().getInitContainers()
        .stream().anyMatch(c -> c.getName().equals(container));
    ref.setFieldPath((init ? "spec.initContainers{" : "spec.containers{") + container + "}");
    return ref;
  }
}
