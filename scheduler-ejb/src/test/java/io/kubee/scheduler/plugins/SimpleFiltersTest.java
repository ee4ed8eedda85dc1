package io.kubee.scheduler.plugins;

import static io.kubee.scheduler.testing.Fixtures.node;
import static io.kubee.scheduler.testing.Fixtures.nodeInfo;
import static io.kubee.scheduler.testing.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.testing.Harness;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one-condition filters: NodeUnschedulable, NodeName and NodePorts, a table each. */
class SimpleFiltersTest {
  record Case(String name, String plugin, Pod pod, NodeInfo node, String reason) {
    @Override
    public String toString() {
      return plugin + ": " + name;
    }
  }

  static Pod hostPort(String name, String ip, int port) {
    return new PodBuilder(pod(name)).editSpec().editFirstContainer().withPorts(
        new ContainerPortBuilder().withContainerPort(80).withHostPort(port).withHostIP(ip)
            .withProtocol("TCP").build()).endContainer().endSpec().build();
  }

  static Stream<Case> cases() {
    NodeInfo plain = nodeInfo(node("n"));
    NodeInfo cordoned = nodeInfo(node("n", "4", "8Gi").editSpec().withUnschedulable(true)
        .endSpec().build());
    NodeInfo port8080 = nodeInfo(node("n"), hostPort("web", "0.0.0.0", 8080));
    return Stream.of(
        new Case("a schedulable node fits", NodeUnschedulable.NAME, pod("p"), plain, null),
        new Case("a cordoned node rejects", NodeUnschedulable.NAME, pod("p"), cordoned,
            "node(s) were unschedulable"),
        new Case("tolerating the unschedulable taint passes a cordoned node",
            NodeUnschedulable.NAME, new PodBuilder(pod("p")).editSpec().addToTolerations(
                new TolerationBuilder().withKey("node.kubernetes.io/unschedulable")
                    .withOperator("Exists").withEffect("NoSchedule").build()).endSpec().build(),
            cordoned, null),
        new Case("no node name fits anywhere", NodeName.NAME, pod("p"), plain, null),
        new Case("the named node fits", NodeName.NAME, new PodBuilder(pod("p")).editSpec()
            .withNodeName("n").endSpec().build(), plain, null),
        new Case("another node name rejects", NodeName.NAME, new PodBuilder(pod("p")).editSpec()
            .withNodeName("m").endSpec().build(), plain,
            "node(s) didn't match the requested node name"),
        new Case("a free host port fits", NodePorts.NAME, hostPort("p", "0.0.0.0", 9090),
            port8080, null),
        new Case("a used host port rejects", NodePorts.NAME, hostPort("p", "0.0.0.0", 8080),
            port8080, "node(s) didn't have free ports for the requested pod ports"),
        new Case("a specific IP conflicts with the wildcard", NodePorts.NAME,
            hostPort("p", "10.0.0.1", 8080), port8080,
            "node(s) didn't have free ports for the requested pod ports"),
        new Case("different specific IPs do not conflict", NodePorts.NAME,
            hostPort("p", "10.0.0.2", 8080), nodeInfo(node("n"), hostPort("w", "10.0.0.1", 8080)),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filter(Case c) {
    Status got = Harness.of(List.of(c.node()), c.plugin()).filter(c.pod()).get("n");
    if (c.reason() == null) {
      assertThat(got.isSuccess()).as(got.toString()).isTrue();
    } else {
      assertThat(got.reasons()).containsExactly(c.reason());
    }
  }
}
