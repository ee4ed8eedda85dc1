package io.kubee.controllers.replicaset;

import static io.kubee.controllers.testing.Fixtures.T0;
import static io.kubee.controllers.testing.Fixtures.controllerRef;
import static io.kubee.controllers.testing.Fixtures.created;
import static io.kubee.controllers.testing.Fixtures.deleting;
import static io.kubee.controllers.testing.Fixtures.ownedBy;
import static io.kubee.controllers.testing.Fixtures.pod;
import static io.kubee.controllers.testing.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.Fixtures;
import io.kubee.controllers.testing.RecordedEvents;
import io.kubee.controllers.testing.TestClock;
import io.kubee.runtime.Lister;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetControllerTest {
  private static final Map<String, String> WEB = Map.of("app", "web");

  private final TestClock clock = new TestClock(T0.plus(Duration.ofHours(2)));
  private final FakeApi api = new FakeApi(clock);
  private final RecordedEvents events = new RecordedEvents();

  /** A replica set of {@code replicas} and the pods in the cache; the writes wanted. */
  record Case(String name, int replicas, Function<ReplicaSet, List<Pod>> pods,
      List<String> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Pod owned(ReplicaSet rs, Pod pod) {
    return ownedBy(pod, controllerRef("apps/v1", "ReplicaSet", rs.getMetadata().getName(),
        rs.getMetadata().getUid()));
  }

  static Pod ready(ReplicaSet rs, String name, String node) {
    return owned(rs, running(pod(name, WEB), node, "10.0.0." + name.length(), true, T0));
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("three replicas and no pods create three pods", 3, rs -> List.of(),
            List.of("create pods default/web-*", "create pods default/web-*",
                "create pods default/web-*", "updateStatus replicasets default/web")),
        new Case("a surplus deletes the unscheduled pod first", 2, rs -> List.of(
            ready(rs, "a", "n1"), ready(rs, "b", "n2"), owned(rs, pod("pending", WEB))),
            List.of("delete pods default/pending", "updateStatus replicasets default/web")),
        new Case("a surplus deletes a not-ready pod before ready ones", 2, rs -> List.of(
            ready(rs, "a", "n1"), ready(rs, "b", "n2"),
            owned(rs, running(pod("slow", WEB), "n1", "10.0.0.9", false, T0))),
            List.of("delete pods default/slow", "updateStatus replicasets default/web")),
        new Case("among equal pods the newest goes first", 1, rs -> List.of(
            ready(rs, "old", "n1"),
            created(ready(rs, "new", "n2"), T0.plus(Duration.ofMinutes(90)))),
            List.of("delete pods default/new", "updateStatus replicasets default/web")),
        new Case("an orphan the selector matches is adopted", 1,
            rs -> List.of(running(pod("orphan", WEB), "n1", "10.0.0.1", true, T0)),
            List.of("patch pods default/orphan", "updateStatus replicasets default/web")),
        new Case("an owned pod that no longer matches is released and replaced", 1,
            rs -> List.of(owned(rs, pod("relabelled", Map.of("app", "other")))),
            List.of("patch pods default/relabelled", "create pods default/web-*",
                "updateStatus replicasets default/web")),
        new Case("a pod of another controller is left alone", 1,
            rs -> List.of(ownedBy(pod("theirs", WEB), controllerRef("apps/v1", "ReplicaSet",
                "other", "uid-other"))),
            List.of("create pods default/web-*", "updateStatus replicasets default/web")),
        new Case("terminating and finished pods do not count", 2, rs -> List.of(
            deleting(ready(rs, "going", "n1"), T0),
            owned(rs, new PodBuilder(pod("done", WEB)).editStatus().withPhase("Succeeded")
                .endStatus().build())),
            List.of("create pods default/web-*", "create pods default/web-*",
                "updateStatus replicasets default/web")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void syncCreatesAndDeletesToMatchReplicas(Case c) {
    ReplicaSet rs = Fixtures.replicaSet("web", c.replicas(), WEB);
    List<Pod> pods = c.pods().apply(rs);
    api.seed(rs);
    pods.forEach(api::seed);
    controller(Caches.lister(rs), Caches.pods(pods)).sync("default/web");
    assertThat(normalized(api.actions())).containsExactlyElementsOf(c.want());
  }

  @Test
  void createdPodsCarryTheTemplateAndAControllerReference() {
    ReplicaSet rs = Fixtures.replicaSet("web", 1, WEB);
    api.seed(rs);
    controller(Caches.lister(rs), Caches.pods(List.of())).sync("default/web");
    Pod created = api.all(Pod.class).get(0);
    assertThat(created.getMetadata().getGenerateName()).isEqualTo("web-");
    assertThat(created.getMetadata().getLabels()).isEqualTo(WEB);
    assertThat(created.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("ReplicaSet");
      assertThat(ref.getUid()).isEqualTo(rs.getMetadata().getUid());
      assertThat(ref.getController()).isTrue();
      assertThat(ref.getBlockOwnerDeletion()).isTrue();
    });
    assertThat(events.lines()).singleElement().asString()
        .startsWith("Normal SuccessfulCreate web: Created pod: web-");
  }

  @Test
  void expectationsKeepAStaleCacheFromCreatingTwice() {
    ReplicaSet rs = Fixtures.replicaSet("web", 3, WEB);
    api.seed(rs);
    Lister<Pod> pods = Caches.pods(List.of());
    ReplicaSetController<ReplicaSet> controller = controller(Caches.lister(rs), pods);
    controller.sync("default/web");
    assertThat(api.all(Pod.class)).hasSize(3);
    controller.sync("default/web"); // the cache has not seen the pods yet
    assertThat(api.all(Pod.class)).hasSize(3);

    List<Pod> seen = new ArrayList<>(api.all(Pod.class));
    seen.forEach(pod -> {
      Caches.put(pods, pod);
      controller.addPod(pod);
    });
    assertThat(controller.expectations().satisfied("default/web")).isTrue();
    controller.sync("default/web");
    assertThat(api.all(Pod.class)).hasSize(3);
  }

  @Test
  void statusCountsReadyAvailableAndFullyLabelledPods() {
    ReplicaSet rs = new ReplicaSetBuilder(Fixtures.replicaSet("web", 3, WEB)).editSpec()
        .withMinReadySeconds(60).endSpec().build();
    Pod longReady = ready(rs, "a", "n1");
    Pod justReady = owned(rs, running(pod("b", Map.of("app", "web", "extra", "x")), "n2",
        "10.0.0.2", true, clock.instant().minusSeconds(10)));
    Pod notReady = owned(rs, running(pod("c", WEB), "n1", "10.0.0.3", false, T0));
    api.seed(rs, longReady, justReady, notReady);
    controller(Caches.lister(rs), Caches.pods(List.of(longReady, justReady, notReady)))
        .sync("default/web");
    ReplicaSet updated = api.get(ReplicaSet.class, "default", "web");
    assertThat(updated.getStatus().getReplicas()).isEqualTo(3);
    assertThat(updated.getStatus().getReadyReplicas()).isEqualTo(2);
    assertThat(updated.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(updated.getStatus().getFullyLabeledReplicas()).isEqualTo(3);
    assertThat(updated.getStatus().getObservedGeneration()).isEqualTo(1L);
  }

  @Test
  void aFailedCreateSetsReplicaFailureAndRetries() {
    ReplicaSet rs = Fixtures.replicaSet("web", 2, WEB);
    api.seed(rs);
    api.failNext("create pods", 500);
    ReplicaSetController<ReplicaSet> controller = controller(Caches.lister(rs),
        Caches.pods(List.of()));
    assertThatThrownBy(() -> controller.sync("default/web"))
        .isInstanceOf(KubernetesClientException.class);
    // slow start: the first batch of one failed, so the second was never sent
    assertThat(api.all(Pod.class)).isEmpty();
    ReplicaSet updated = api.get(ReplicaSet.class, "default", "web");
    assertThat(updated.getStatus().getConditions()).singleElement().satisfies(condition -> {
      assertThat(condition.getType()).isEqualTo("ReplicaFailure");
      assertThat(condition.getReason()).isEqualTo("FailedCreate");
    });
    assertThat(controller.expectations().satisfied("default/web")).isTrue();
    assertThat(events.lines()).singleElement().asString().startsWith("Warning FailedCreate");
  }

  @Test
  void aReplicationControllerIsServedAsAReplicaSet() {
    ReplicationController rc = new ReplicationControllerBuilder().withNewMetadata()
        .withName("legacy").withNamespace("default").withUid("uid-rc").withResourceVersion("1")
        .withGeneration(1L).endMetadata().withNewSpec().withReplicas(2).withSelector(WEB)
        .withTemplate(Fixtures.template(WEB)).endSpec().build();
    api.seed(rc);
    ReplicaSetController<ReplicationController> controller = new ReplicaSetController<>(
        ReplicaSetKind.REPLICATION_CONTROLLERS, Caches.lister(rc), Caches.pods(List.of()), api,
        events, clock, Thread::new);
    controller.sync("default/legacy");
    assertThat(api.all(Pod.class)).hasSize(2).allSatisfy(pod ->
        assertThat(pod.getMetadata().getOwnerReferences().get(0).getKind())
            .isEqualTo("ReplicationController"));
    assertThat(api.get(ReplicationController.class, "default", "legacy").getStatus()
        .getObservedGeneration()).isEqualTo(1L);
  }

  private ReplicaSetController<ReplicaSet> controller(Lister<ReplicaSet> replicaSets,
      Lister<Pod> pods) {
    return new ReplicaSetController<>(ReplicaSetKind.REPLICA_SETS, replicaSets, pods, api,
        events, clock, Thread::new);
  }

  private static List<String> normalized(List<String> actions) {
    return actions.stream().map(a -> a.replaceAll("^(create pods default/\\w+-)\\w+$", "$1*"))
        .toList();
  }
}
