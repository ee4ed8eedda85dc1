package io.kubee.controllers.nodelifecycle;

import static io.kubee.controllers.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.Fixtures;
import io.kubee.controllers.testing.RecordedEvents;
import io.kubee.controllers.testing.TestClock;
import io.kubee.runtime.Lister;
import io.kubee.runtime.Pods;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeLifecycleControllerTest {
  private final TestClock clock = new TestClock(T0);
  private final FakeApi api = new FakeApi(clock);
  private final RecordedEvents events = new RecordedEvents();
  private final Lister<Node> nodes = Caches.lister(List.of());
  private final Lister<Lease> leases = Caches.lister(List.of());
  private final Lister<Pod> pods = Caches.pods(List.of());
  /** Nodes whose kubelet still posts heartbeats. */
  private final Set<String> alive = new HashSet<>();
  private final NodeLifecycleController controller = new NodeLifecycleController(nodes, leases,
      pods, api, events, clock, new NodeLifecycleController.Settings(Duration.ofSeconds(5),
          Duration.ofSeconds(40), Duration.ofSeconds(60), 0.1, 0.01, 50, 0.55), Thread::new);

  @Test
  void aNodeThatStopsPostingGoesUnknownThenTaintedAndItsPodsNotReady() {
    addNode("healthy");
    addNode("lost");
    Pod pod = Fixtures.running(Fixtures.pod("web-1", Map.of("app", "web")), "lost",
        "10.0.0.5", true, T0);
    api.seed(pod);
    alive.add("healthy");
    pass();
    clock.advance(Duration.ofSeconds(30));
    pass();
    assertThat(ready("lost").getStatus()).isEqualTo("True");

    clock.advance(Duration.ofSeconds(11));
    pass();
    NodeCondition lost = ready("lost");
    assertThat(lost.getStatus()).isEqualTo("Unknown");
    assertThat(lost.getReason()).isEqualTo("NodeStatusUnknown");
    assertThat(lost.getMessage()).isEqualTo("Kubelet stopped posting node status.");
    assertThat(condition("lost", "MemoryPressure").getStatus()).isEqualTo("Unknown");
    assertThat(Pods.isReady(api.get(Pod.class, "default", "web-1"))).isFalse();
    assertThat(events.lines()).contains(
        "Normal NodeNotReady lost: Node lost status is now: NodeNotReady",
        "Warning NodeNotReady web-1: Node is not ready");
    assertThat(ready("healthy").getStatus()).isEqualTo("True");

    pass(); // the cache now shows Unknown: the node is tainted
    assertThat(taints("lost")).extracting(Taint::getKey, Taint::getEffect)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Taints.UNREACHABLE, "NoExecute"));
    assertThat(taints("lost").get(0).getTimeAdded()).isNotNull();
    assertThat(taints("healthy")).isEmpty();

    alive.add("lost"); // the kubelet is back
    pass();
    pass();
    assertThat(ready("lost").getStatus()).isEqualTo("True");
    assertThat(taints("lost")).isEmpty();
  }

  @Test
  void aNodeThatNeverPostedStatusDoesNotStopTheMonitorOfTheOthers() {
    addNode("healthy");
    addNode("lost");
    Node blank = Fixtures.node("blank");
    blank.setStatus(null); // registered, never posted anything
    api.seed(blank);
    alive.add("healthy");
    pass();
    clock.advance(Duration.ofSeconds(41));
    pass();
    assertThat(ready("lost").getStatus()).isEqualTo("Unknown");
    pass();
    assertThat(taints("lost")).extracting(Taint::getKey).containsExactly(Taints.UNREACHABLE);

    clock.advance(Duration.ofSeconds(20)); // past node-startup-grace-period
    pass();
    assertThat(ready("blank").getStatus()).isEqualTo("Unknown");
    assertThat(ready("blank").getMessage()).isEqualTo("Kubelet never posted node status.");
    assertThat(ready("healthy").getStatus()).isEqualTo("True");
  }

  @Test
  void aRenewedLeaseAloneKeepsANodeHealthy() {
    addNode("quiet");
    addNode("other");
    alive.add("other");
    for (int i = 0; i < 12; i++) {
      renewLease("quiet"); // its status never changes, its lease does
      pass();
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(ready("quiet").getStatus()).isEqualTo("True");
    assertThat(taints("quiet")).isEmpty();
  }

  @Test
  void whenEveryNodeIsDownNoNodeIsTainted() {
    addNode("a");
    addNode("b");
    pass();
    clock.advance(Duration.ofSeconds(41));
    pass();
    pass();
    pass();
    assertThat(ready("a").getStatus()).isEqualTo("Unknown");
    assertThat(taints("a")).isEmpty();
    assertThat(taints("b")).isEmpty();
  }

  @Test
  void taintingIsRateLimitedToOneNodeEveryTenSeconds() {
    List<String> lost = List.of("lost-1", "lost-2", "lost-3");
    for (int i = 0; i < 7; i++) {
      addNode("ok-" + i);
      alive.add("ok-" + i);
    }
    lost.forEach(this::addNode);
    pass();
    clock.advance(Duration.ofSeconds(41));
    pass();
    pass();
    assertThat(lost.stream().filter(n -> !taints(n).isEmpty()).count()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));
    pass();
    assertThat(lost.stream().filter(n -> !taints(n).isEmpty()).count()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));
    pass();
    assertThat(lost.stream().filter(n -> !taints(n).isEmpty()).count()).isEqualTo(2);
  }

  @Test
  void noScheduleTaintsFollowConditionsAndUnschedulable() {
    Node node = new NodeBuilder(Fixtures.node("cordoned")).editSpec().withUnschedulable(true)
        .endSpec().editStatus().addNewCondition().withType("Ready").withStatus("False")
        .endCondition().endStatus().build();
    api.seed(node);
    Caches.put(nodes, node);
    controller.sync("cordoned");
    assertThat(taints("cordoned")).extracting(Taint::getKey).containsExactlyInAnyOrder(
        Taints.NOT_READY, Taints.UNSCHEDULABLE);
    Node ready = new NodeBuilder(api.get(Node.class, "", "cordoned")).editSpec()
        .withUnschedulable(false).endSpec().editStatus().withConditions(List.of()).endStatus()
        .build();
    api.seed(ready);
    Caches.put(nodes, ready);
    controller.sync("cordoned");
    assertThat(taints("cordoned")).isEmpty();
  }

  // ---- a tiny cluster: kubelets post, the cache follows the apiserver ----

  private void addNode(String name) {
    Node node = new NodeBuilder(Fixtures.node(name)).editStatus().addNewCondition()
        .withType("Ready").withStatus("True").withLastHeartbeatTime(T0.toString())
        .withLastTransitionTime(T0.toString()).endCondition().endStatus().build();
    api.seed(node);
    Lease lease = new LeaseBuilder().withNewMetadata().withName(name)
        .withNamespace("kube-node-lease").endMetadata().withNewSpec()
        .withRenewTime(T0.atZone(ZoneOffset.UTC)).endSpec().build();
    api.seed(lease);
  }

  private void renewLease(String name) {
    Lease lease = api.get(Lease.class, "kube-node-lease", name);
    lease.getSpec().setRenewTime(clock.instant().atZone(ZoneOffset.UTC));
    api.seed(lease);
  }

  /** Kubelets post, caches catch up, the monitor runs. */
  private void pass() {
    for (String name : alive) {
      Node node = api.get(Node.class, "", name);
      List<NodeCondition> conditions = new ArrayList<>();
      conditions.add(new io.fabric8.kubernetes.api.model.NodeConditionBuilder()
          .withType("Ready").withStatus("True").withReason("KubeletReady")
          .withLastHeartbeatTime(clock.instant().toString())
          .withLastTransitionTime(T0.toString()).build());
      node.getStatus().setConditions(conditions);
      api.seed(node);
      renewLease(name);
    }
    api.all(Node.class).forEach(n -> Caches.put(nodes, n));
    api.all(Lease.class).forEach(l -> Caches.put(leases, l));
    api.all(Pod.class).forEach(p -> Caches.put(pods, p));
    controller.monitorNodeHealth();
  }

  private NodeCondition ready(String node) {
    return condition(node, "Ready");
  }

  private NodeCondition condition(String node, String type) {
    return api.get(Node.class, "", node).getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  private List<Taint> taints(String node) {
    Node n = api.get(Node.class, "", node);
    return n.getSpec() == null || n.getSpec().getTaints() == null ? List.of()
        : n.getSpec().getTaints();
  }
}
