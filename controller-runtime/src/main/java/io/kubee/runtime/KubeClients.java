package io.kubee.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The fabric8 client the scheduler and the controllers talk to the apiserver with, over the JDK
 * HTTP client (no Vert.x beside jetcd's in the EAR), as kube-scheduler and
 * kube-controller-manager use client-go: every component goes through the API, never to etcd.
 */
public final class KubeClients {
  private KubeClients() {}

  /**
   * A client for {@code masterUrl} that ignores any kubeconfig of the machine.
   *
   * @param userAgent names the component in the apiserver's records (its default field manager)
   */
  public static KubernetesClient connect(String masterUrl, String userAgent) {
    return connect(masterUrl, userAgent, new KubernetesSerialization());
  }

  /** {@link #connect(String, String)} with the given (de)serialization of the model. */
  public static KubernetesClient connect(String masterUrl, String userAgent,
      KubernetesSerialization serialization) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(masterUrl)
        .withTrustCerts(true)
        .withUserAgent(userAgent)
        .withConnectionTimeout(5_000)
        .withRequestTimeout(30_000)
        .withWatchReconnectInterval(1_000)
        .withWatchReconnectLimit(-1)
        // one quick retry only: the callers retry on their own terms (work queues, informers,
        // the leader elector's retry period), and five doubling retries held an undeploy for
        // 8 s while the lease release hit an apiserver already gone
        .withRequestRetryBackoffLimit(1)
        .withRequestRetryBackoffInterval(250)
        .build();
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .withKubernetesSerialization(serialization)
        .build();
  }
}
