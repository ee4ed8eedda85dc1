package io.kubee.scheduler.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubee.runtime.KubeClients;
import tools.jackson.databind.ObjectMapper;

/**
 * The scheduler's fabric8 client: {@code KubeClients}' settings (JDK HTTP client, no kubeconfig
 * of the machine), with {@code metadata.managedFields} skipped when objects are decoded. The
 * scheduler never reads them, and they are the largest part of a pod's JSON: kube-controller-
 * manager trims them from its informers' objects for the same reason (an informer transform);
 * here the parser skips them instead of building them first. The scheduler's own writes carry
 * none.
 */
public final class SchedulerClients {
  private SchedulerClients() {}

  /** Ignores managedFields wherever an ObjectMeta is read or written. */
  @JsonIgnoreProperties(value = "managedFields", ignoreUnknown = true)
  abstract static class WithoutManagedFields {}

  /** fabric8's serialization with the mix-in. */
  static final class Serialization extends KubernetesSerialization {
    Serialization() {
      super(new ObjectMapper(), true);
    }

    @Override
    protected ObjectMapper configureMapper(ObjectMapper mapper) {
      return super.configureMapper(mapper).rebuild()
          .addMixIn(ObjectMeta.class, WithoutManagedFields.class).build();
    }
  }

  /** A client for {@code masterUrl}; {@code userAgent} names the scheduler to the apiserver. */
  public static KubernetesClient connect(String masterUrl, String userAgent) {
    return KubeClients.connect(masterUrl, userAgent, new Serialization());
  }
}
