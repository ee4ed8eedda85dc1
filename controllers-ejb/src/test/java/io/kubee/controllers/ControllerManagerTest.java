package io.kubee.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.kubee.runtime.ComponentHealth;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the manager tells the readiness check before it leads: every controller it knows, ready
 * (standing by is a healthy state for a second instance), a switched-off one marked disabled
 * rather than failing the instance; closing forgets them all.
 */
@Timeout(30)
class ControllerManagerTest {

  @Test
  void standingByEveryControllerIsReadyAndADisabledOneSaysSo() {
    // nothing listens on port 1: the manager campaigns in vain, which is what is wanted here
    KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
        Config.empty()).withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0)
        .build()).withHttpClientFactory(new JdkHttpClientFactory()).build();
    ComponentHealth health = new ComponentHealth();
    ControllerManager manager = new ControllerManager(client, "test_1",
        ControllerManagerOptions.of(Map.of("deployment.enabled", "false")),
        Executors.defaultThreadFactory(), Clock.systemUTC(), health);
    try {
      manager.start();
      Map<String, ComponentHealth.State> states = health.states();
      assertThat(states).hasSize(ControllerDescriptor.ALL.size());
      assertThat(states).allSatisfy((name, state) -> assertThat(state.ready()).as(name).isTrue());
      assertThat(states.get("controller/deployment").detail()).isEqualTo("disabled");
      assertThat(states.get("controller/replicaset").detail())
          .isEqualTo("standing by for the lease kube-system/kube-controller-manager");
      assertThat(manager.isActive()).isFalse();
    } finally {
      manager.close();
      client.close();
    }
    assertThat(health.states()).isEmpty();
  }
}
