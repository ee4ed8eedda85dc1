package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.it.Fabric8.Sent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fabric8 {@code SharedIndexInformer} against the apiserver: the handlers fire for adds,
 * updates and deletes, and after the apiserver restarts while etcd compacts the history the
 * informer has not seen, its resumed watch gets 410 Expired and it relists.
 *
 * <p>How the 410 is forced, reliably: a watch that resumes inside the watch cache's window is
 * served from the cache whatever etcd compacted (as in Kubernetes), so the test restarts the
 * apiserver (a redeploy of the EAR, which ends the informer's WebSocket and empties the watch
 * cache) while the client is cut off (its requests are sent to a closed port), writes and
 * compacts etcd meanwhile, then lets the client reconnect. Its watch resumes from a revision
 * older than the new cache and than etcd's compaction: 410, relist, and the relist reports the
 * object deleted while it was away as a "final state unknown" delete.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class Fabric8InformerIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @ArquillianResource
  ManagementClient management;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  /** What the handler saw, as "add name", "update name k=v", "delete name [unknown]". */
  static final class Recorded implements ResourceEventHandler<ConfigMap> {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onAdd(ConfigMap object) {
      calls.add("add " + object.getMetadata().getName());
    }

    @Override
    public void onUpdate(ConfigMap old, ConfigMap current) {
      if (!old.getMetadata().getResourceVersion()
          .equals(current.getMetadata().getResourceVersion())) {
        calls.add("update " + current.getMetadata().getName() + " " + current.getData());
      }
    }

    @Override
    public void onDelete(ConfigMap object, boolean finalStateUnknown) {
      calls.add("delete " + object.getMetadata().getName() + (finalStateUnknown ? " unknown" : ""));
    }
  }

  @Test
  void handlersFireAndTheInformerRelistsAfterExpiry() throws Exception {
    try (Fabric8 fabric8 = new Fabric8("informed")) {
      KubernetesClient client = fabric8.client;
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName("informed").endMetadata().build()).create();
      var configMaps = client.configMaps().inNamespace("informed");
      configMaps.resource(configMap("first", "1")).create();

      Recorded handler = new Recorded();
      SharedIndexInformer<ConfigMap> informer = configMaps.inform(handler);
      try {
        await().atMost(WAIT).until(informer::hasSynced);
        await().atMost(WAIT).until(() -> handler.calls.contains("add first"));

        configMaps.resource(configMap("second", "1")).create();
        configMaps.withName("second").edit(c -> new ConfigMapBuilder(c).addToData("v", "2")
            .build());
        configMaps.withName("second").delete();
        await().atMost(WAIT).until(() -> handler.calls.size() == 4);
        assertThat(handler.calls).containsExactly("add first", "add second",
            "update second {v=2}", "delete second");
        assertThat(informer.getStore().listKeys()).containsExactly("informed/first");
        assertThat(fabric8.sent()).filteredOn(Fabric8InformerIT::isWatch)
            .as("the informer watches over a WebSocket").isNotEmpty().allMatch(Sent::webSocket);

        // the apiserver restarts while the client is cut off; meanwhile objects change and
        // etcd compacts away the history the informer would resume from
        fabric8.offline(true);
        ServerProperties.redeploy(management);
        handler.calls.clear();
        fabric8.clearSent();
        createDirectly("third");
        assertThat(Http.delete("/api/v1/namespaces/informed/configmaps/first").code())
            .isEqualTo(200);
        Etcd.compactToCurrent(Cluster.etcdEndpoint());
        fabric8.offline(false);

        await().atMost(WAIT).until(() -> handler.calls.size() >= 2);
        assertThat(handler.calls).containsExactlyInAnyOrder("add third", "delete first unknown");
        assertThat(informer.getStore().listKeys()).containsExactly("informed/third");
        List<Sent> sent = fabric8.sent();
        assertThat(sent).as("a relist").anyMatch(s -> !isWatch(s) && s.method().equals("GET")
            && s.uri().getPath().equals("/api/v1/namespaces/informed/configmaps"));

        // and it keeps watching
        configMaps.resource(configMap("fourth", "1")).create();
        await().atMost(WAIT).until(() -> handler.calls.contains("add fourth"));
        assertThat(informer.getStore().listKeys())
            .containsExactlyInAnyOrder("informed/third", "informed/fourth");
        assertThat(informer.isWatching()).isTrue();
      } finally {
        informer.close();
      }
    }
  }

  private static void createDirectly(String name) {
    Http.Reply created = Http.post("/api/v1/namespaces/informed/configmaps",
        "{\"metadata\":{\"name\":\"" + name + "\"}}", "application/json");
    assertThat(created.code()).as(created.body()).isEqualTo(201);
  }

  private static boolean isWatch(Sent sent) {
    return sent.uri().getQuery() != null && sent.uri().getQuery().contains("watch=true");
  }

  private static ConfigMap configMap(String name, String version) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(Map.of("v", version)).build();
  }
}
