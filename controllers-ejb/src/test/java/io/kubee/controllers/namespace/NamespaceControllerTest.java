package io.kubee.controllers.namespace;

import static io.kubee.controllers.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubee.controllers.api.ApiResource;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.Fixtures;
import io.kubee.controllers.testing.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamespaceControllerTest {
  static final ApiResource CONFIG_MAPS = new ApiResource("", "v1", "ConfigMap", "configmaps",
      true, Set.of("list", "delete", "deletecollection"));
  static final ApiResource PODS = new ApiResource("", "v1", "Pod", "pods", true,
      Set.of("list", "delete"));
  static final ApiResource NODES = new ApiResource("", "v1", "Node", "nodes", false,
      Set.of("list", "delete", "deletecollection"));

  private final TestClock clock = new TestClock(T0);
  private final FakeApi api = new FakeApi(clock);

  NamespaceControllerTest() {
    api.serve(CONFIG_MAPS, PODS, NODES);
  }

  @Test
  void aTerminatingNamespaceIsEmptiedThenFinalizedAndGone() {
    Namespace namespace = terminating();
    api.seed(namespace, new ConfigMapBuilder().withNewMetadata().withName("settings")
        .withNamespace("team").endMetadata().build(), new PodBuilder(Fixtures.pod("web",
            Map.of())).editMetadata().withNamespace("team").endMetadata().build());
    api.seed(new PodBuilder(Fixtures.pod("elsewhere", Map.of())).editMetadata()
        .withNamespace("other").endMetadata().build());
    controller(namespace).sync("team");
    assertThat(api.actions()).containsExactly(
        "updateStatus namespaces team",
        "deletecollection configmaps team",
        "delete pods team/web Background",
        "updateStatus namespaces team",
        "put /api/v1/namespaces/team/finalize");
    assertThat(api.get(Namespace.class, "", "team")).isNull();
    assertThat(api.get(Pod.class, "other", "elsewhere")).as("other namespaces untouched")
        .isNotNull();
  }

  @Test
  void contentHeldByAFinalizerIsReportedAndWaitedFor() {
    Namespace namespace = terminating();
    api.seed(namespace, new ConfigMapBuilder().withNewMetadata().withName("held")
        .withNamespace("team").withFinalizers("example.com/hold").endMetadata().build());
    NamespaceController controller = controller(namespace);
    controller.sync("team");
    Namespace current = api.get(Namespace.class, "", "team");
    assertThat(current).isNotNull();
    assertThat(condition(current, "NamespaceContentRemaining").getMessage())
        .isEqualTo("Some resources are remaining: configmaps has 1 resource instances");
    assertThat(condition(current, "NamespaceFinalizersRemaining").getMessage())
        .isEqualTo("Some content in the namespace has finalizers remaining: example.com/hold"
            + " has 1 resource instances");
    assertThat(api.actions()).doesNotContain("put /api/v1/namespaces/team/finalize");
  }

  @Test
  void podsStillShuttingDownDelayTheFinalization() {
    Namespace namespace = terminating();
    api.seed(namespace, new PodBuilder(Fixtures.pod("slow", Map.of())).editMetadata()
        .withNamespace("team").withFinalizers("example.com/hold").endMetadata().editSpec()
        .withTerminationGracePeriodSeconds(30L).endSpec().build());
    clock.advance(Duration.ofSeconds(10));
    controller(namespace).sync("team");
    assertThat(api.get(Namespace.class, "", "team")).isNotNull();
  }

  @Test
  void anActiveNamespaceIsLeftAlone() {
    Namespace active = new NamespaceBuilder().withNewMetadata().withName("team").endMetadata()
        .withNewSpec().withFinalizers("kubernetes").endSpec().build();
    api.seed(active);
    controller(active).sync("team");
    assertThat(api.actions()).isEmpty();
  }

  private NamespaceController controller(Namespace namespace) {
    return new NamespaceController(Caches.lister(namespace), api, api, clock, Thread::new);
  }

  private static Namespace terminating() {
    return new NamespaceBuilder().withNewMetadata().withName("team").withUid("uid-team")
        .withDeletionTimestamp(T0.toString()).endMetadata()
        .withNewSpec().withFinalizers("kubernetes").endSpec()
        .withNewStatus().withPhase("Active").endStatus().build();
  }

  private static NamespaceCondition condition(Namespace namespace, String type) {
    return namespace.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }
}
