package io.kubee.controllers.nodelifecycle;

import static io.kubee.controllers.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.Fixtures;
import io.kubee.controllers.testing.RecordedEvents;
import io.kubee.controllers.testing.TestClock;
import io.kubee.runtime.Lister;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaintEvictionControllerTest {
  private final TestClock clock = new TestClock(T0);
  private final FakeApi api = new FakeApi(clock);
  private final RecordedEvents events = new RecordedEvents();

  /** A pod's tolerations of an unreachable node, and when it is evicted (null: never). */
  record Case(String name, List<Toleration> tolerations, Duration evictedAfter) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Toleration unreachable(Long seconds) {
    return new TolerationBuilder().withKey(Taints.UNREACHABLE).withOperator("Exists")
        .withEffect("NoExecute").withTolerationSeconds(seconds).build();
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a pod that does not tolerate the taint is evicted at once", List.of(),
            Duration.ZERO),
        new Case("the default toleration evicts after 300 s", List.of(unreachable(300L)),
            Duration.ofSeconds(300)),
        new Case("the shortest matching toleration wins", List.of(unreachable(300L),
            new TolerationBuilder().withOperator("Exists").withEffect("NoExecute")
                .withTolerationSeconds(20L).build()), Duration.ofSeconds(20)),
        new Case("a toleration without seconds tolerates forever", List.of(unreachable(null)),
            null),
        new Case("a toleration of another taint does not help",
            List.of(new TolerationBuilder().withKey(Taints.NOT_READY).withOperator("Exists")
                .withEffect("NoExecute").withTolerationSeconds(300L).build()), Duration.ZERO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void podsLeaveTaintedNodesWhenTheirTolerationRunsOut(Case c) {
    Pod pod = pod(c.tolerations());
    TaintEvictionController controller = controller(List.of(tainted()), List.of(pod));
    controller.sync("node/lost");
    if (c.evictedAfter() == null) {
      clock.advance(Duration.ofDays(1));
      controller.sync("pod/default/web-1");
      assertThat(api.actions()).isEmpty();
      return;
    }
    if (!c.evictedAfter().isZero()) {
      assertThat(api.actions()).isEmpty();
      clock.advance(c.evictedAfter().minusSeconds(1));
      controller.sync("pod/default/web-1");
      assertThat(api.actions()).isEmpty();
      clock.advance(Duration.ofSeconds(1));
      controller.sync("pod/default/web-1");
    }
    assertThat(api.actions()).containsExactly("updateStatus pods default/web-1",
        "delete pods default/web-1");
    assertThat(events.lines()).containsExactly(
        "Normal TaintManagerEviction web-1: Marking for deletion Pod default/web-1");
    assertThat(api.get(Pod.class, "default", "web-1")).isNull();
  }

  @Test
  void aTaintRemovedInTimeCancelsTheEviction() {
    Pod pod = pod(List.of(unreachable(300L)));
    Lister<Node> nodes = Caches.lister(tainted());
    TaintEvictionController controller = new TaintEvictionController(nodes,
        Caches.pods(List.of(pod)), api, events, clock, Thread::new);
    controller.sync("node/lost");
    assertThat(controller.scheduled("default/web-1")).isNotNull();
    Caches.put(nodes, Fixtures.node("lost"));
    clock.advance(Duration.ofSeconds(100));
    controller.sync("node/lost");
    assertThat(controller.scheduled("default/web-1")).isNull();
    assertThat(events.lines()).containsExactly(
        "Normal TaintManagerEviction web-1: Cancelling deletion of Pod default/web-1");
    clock.advance(Duration.ofSeconds(300));
    controller.sync("pod/default/web-1");
    assertThat(api.actions()).isEmpty();
  }

  @Test
  void theEvictedPodIsMarkedAsADisruptionTarget() {
    Pod pod = pod(List.of());
    api.failNext("delete pods", 500); // keep the pod to look at its status
    try {
      controller(List.of(tainted()), List.of(pod)).sync("node/lost");
    } catch (RuntimeException expected) {
      // the delete failed and would be retried
    }
    Pod marked = api.get(Pod.class, "default", "web-1");
    assertThat(marked.getStatus().getConditions()).anySatisfy(condition -> {
      assertThat(condition.getType()).isEqualTo("DisruptionTarget");
      assertThat(condition.getReason()).isEqualTo("DeletionByTaintManager");
      assertThat(condition.getMessage())
          .isEqualTo("Taint manager: deleting due to NoExecute taint");
    });
  }

  private TaintEvictionController controller(List<Node> nodes, List<Pod> pods) {
    return new TaintEvictionController(Caches.lister(nodes), Caches.pods(pods), api, events,
        clock, Thread::new);
  }

  private Pod pod(List<Toleration> tolerations) {
    Pod pod = new PodBuilder(Fixtures.running(Fixtures.pod("web-1", Map.of("app", "web")),
        "lost", "10.0.0.5", true, T0)).editSpec().withTolerations(tolerations).endSpec().build();
    api.seed(pod);
    return pod;
  }

  private static Node tainted() {
    return new NodeBuilder(Fixtures.node("lost")).editSpec().addNewTaint()
        .withKey(Taints.UNREACHABLE).withEffect("NoExecute").withTimeAdded(T0.toString())
        .endTaint().endSpec().build();
  }
}
