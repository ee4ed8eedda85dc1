package io.kubee.controllers.util;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubee.controllers.Events;
import io.kubee.controllers.api.Deletion;
import io.kubee.controllers.api.KubeApi;
import java.util.HashMap;
import java.util.List;

/**
 * Creates and deletes a controller's pods with Kubernetes' events
 * ({@code RealPodControl}, pkg/controller/controller_utils.go): SuccessfulCreate / FailedCreate
 * and SuccessfulDelete / FailedDelete on the controller.
 */
public final class PodControl {
  public static final String SUCCESSFUL_CREATE = "SuccessfulCreate";
  public static final String FAILED_CREATE = "FailedCreate";
  public static final String SUCCESSFUL_DELETE = "SuccessfulDelete";
  public static final String FAILED_DELETE = "FailedDelete";

  private final KubeApi api;
  private final Events events;

  public PodControl(KubeApi api, Events events) {
    this.api = api;
    this.events = events;
  }

  /**
   * {@code GetPodFromTemplate}: the template's labels, annotations, finalizers and spec, named
   * {@code <parent>-<random>}, controlled by {@code controllerRef}.
   */
  public static Pod podFromTemplate(PodTemplateSpec template, HasMetadata parent,
      OwnerReference controllerRef) {
    ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta()
        : template.getMetadata();
    String prefix = parent.getMetadata().getName() + "-";
    if (prefix.length() > 58) {
      prefix = prefix.substring(0, 58); // validation's limit on generated names
    }
    return new PodBuilder()
        .withNewMetadata()
        .withGenerateName(prefix)
        .withNamespace(parent.getMetadata().getNamespace())
        .withLabels(templateMeta.getLabels() == null ? null
            : new HashMap<>(templateMeta.getLabels()))
        .withAnnotations(templateMeta.getAnnotations() == null ? null
            : new HashMap<>(templateMeta.getAnnotations()))
        .withFinalizers(templateMeta.getFinalizers())
        .withOwnerReferences(List.of(controllerRef))
        .endMetadata()
        .withSpec(Json.copy(template.getSpec()))
        .build();
  }

  /** Creates one pod from {@code template}; records the event; throws on failure. */
  public Pod createPod(PodTemplateSpec template, HasMetadata parent,
      OwnerReference controllerRef) {
    Pod pod = podFromTemplate(template, parent, controllerRef);
    try {
      Pod created = api.create(pod);
      events.event(parent, Events.NORMAL, SUCCESSFUL_CREATE,
          "Created pod: " + created.getMetadata().getName());
      return created;
    } catch (KubernetesClientException e) {
      events.event(parent, Events.WARNING, FAILED_CREATE, "Error creating: " + e.getMessage());
      throw e;
    }
  }

  /** Deletes a pod; false when it was gone already (no event then); throws on failure. */
  public boolean deletePod(String namespace, String name, HasMetadata parent) {
    try {
      if (!api.delete(Pod.class, namespace, name, Deletion.DEFAULT)) {
        return false;
      }
    } catch (KubernetesClientException e) {
      events.event(parent, Events.WARNING, FAILED_DELETE, "Error deleting: " + e.getMessage());
      throw e;
    }
    events.event(parent, Events.NORMAL, SUCCESSFUL_DELETE, "Deleted pod: " + name);
    return true;
  }
}
