package io.kubee.scheduler.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

class SchedulerClientsTest {
  @Test
  void podsAreDecodedWithoutManagedFieldsAndEverythingElse() {
    try (KubernetesClient client = SchedulerClients.connect("http://127.0.0.1:1", "test")) {
      Pod pod = client.getKubernetesSerialization().unmarshal("""
          {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default",
           "labels":{"app":"web"},"managedFields":[{"manager":"kubectl","operation":"Update",
           "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:containers":{}}}}]},
           "spec":{"nodeName":"n1","containers":[{"name":"c","image":"busybox"}]}}
          """, Pod.class);
      assertThat(pod.getMetadata().getManagedFields()).isNullOrEmpty();
      assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web");
      assertThat(pod.getSpec().getNodeName()).isEqualTo("n1");
      assertThat(pod.getSpec().getContainers()).hasSize(1);
    }
  }
}
