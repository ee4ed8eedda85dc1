package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.cells;
import static io.kubee.apiserver.printers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodePrinterTest {
  private final NodePrinter printer = new NodePrinter();

  /**
   * A node and its cells: NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE
   * KERNEL-VERSION CONTAINER-RUNTIME.
   */
  record Case(String name, String node, List<Object> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> nodes() {
    return Stream.of(
        new Case("a ready control-plane node with its system info", """
            {"metadata": {"name": "cp-1", "creationTimestamp": "<10d>",
               "labels": {"node-role.kubernetes.io/control-plane": "",
                 "kubernetes.io/hostname": "cp-1"}},
             "status": {"conditions": [{"type": "MemoryPressure", "status": "False"},
                 {"type": "Ready", "status": "True"}],
               "addresses": [{"type": "Hostname", "address": "cp-1"},
                 {"type": "InternalIP", "address": "10.0.0.1"}],
               "nodeInfo": {"kubeletVersion": "v1.32.0", "osImage": "Ubuntu 24.04 LTS",
                 "kernelVersion": "6.8.0-45-generic",
                 "containerRuntimeVersion": "containerd://1.7.22"}}}
            """, List.of("cp-1", "Ready", "control-plane", "10d", "v1.32.0", "10.0.0.1",
            "<none>", "Ubuntu 24.04 LTS", "6.8.0-45-generic", "containerd://1.7.22")),
        new Case("a cordoned ready node reads Ready,SchedulingDisabled", """
            {"metadata": {"name": "n1"}, "spec": {"unschedulable": true},
             "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
            """, List.of("n1", "Ready,SchedulingDisabled", "<none>", "<unknown>", "",
            "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>")),
        new Case("a node whose kubelet stopped reporting reads NotReady", """
            {"metadata": {"name": "n1"},
             "status": {"conditions": [{"type": "Ready", "status": "Unknown"}]}}
            """, List.of("n1", "NotReady", "<none>", "<unknown>", "", "<none>", "<none>",
            "<unknown>", "<unknown>", "<unknown>")),
        new Case("a node without a Ready condition reads Unknown", """
            {"metadata": {"name": "n1"}, "spec": {"unschedulable": true}, "status": {}}
            """, List.of("n1", "Unknown,SchedulingDisabled", "<none>", "<unknown>", "",
            "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>")),
        new Case("the last Ready condition wins", """
            {"metadata": {"name": "n1"},
             "status": {"conditions": [{"type": "Ready", "status": "True"},
               {"type": "Ready", "status": "False"}]}}
            """, List.of("n1", "NotReady", "<none>", "<unknown>", "", "<none>", "<none>",
            "<unknown>", "<unknown>", "<unknown>")),
        new Case("roles come sorted from both role labels, empty ones skipped", """
            {"metadata": {"name": "n1", "labels": {
               "node-role.kubernetes.io/worker": "", "node-role.kubernetes.io/": "",
               "node-role.kubernetes.io/control-plane": "true", "kubernetes.io/role": "infra"}},
             "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
            """, List.of("n1", "Ready", "control-plane,infra,worker", "<unknown>", "",
            "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>")),
        new Case("wide columns show the first internal and external addresses", """
            {"metadata": {"name": "n1"},
             "status": {"conditions": [{"type": "Ready", "status": "True"}],
               "addresses": [{"type": "ExternalIP", "address": "203.0.113.5"},
                 {"type": "InternalIP", "address": "10.0.0.5"},
                 {"type": "InternalIP", "address": "10.0.0.6"}]}}
            """, List.of("n1", "Ready", "<none>", "<unknown>", "", "10.0.0.5", "203.0.113.5",
            "<unknown>", "<unknown>", "<unknown>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void printsNodesAsKubectlShowsThem(Case c) {
    assertThat(cells(printer, json(c.node()))).containsExactlyElementsOf(c.want());
  }
}
