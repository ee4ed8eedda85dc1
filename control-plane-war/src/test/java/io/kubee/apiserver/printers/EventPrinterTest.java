package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.cells;
import static io.kubee.apiserver.printers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventPrinterTest {
  private final EventPrinter printer = new EventPrinter();

  /**
   * An event and its cells: LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT
   * NAME.
   */
  record Case(String name, String event, List<Object> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> events() {
    return Stream.of(
        new Case("a repeated kubelet event with both timestamps", """
            {"metadata": {"name": "web-1.17a2b", "namespace": "default"},
             "involvedObject": {"kind": "Pod", "name": "web-1", "namespace": "default",
               "fieldPath": "spec.containers{app}"},
             "reason": "Pulled", "message": "  Container image already present\\n",
             "type": "Normal", "count": 3,
             "firstTimestamp": "<1h>", "lastTimestamp": "<2m>",
             "source": {"component": "kubelet", "host": "node-1"}}
            """, List.of("2m", "Normal", "Pulled", "pod/web-1", "spec.containers{app}",
            "kubelet, node-1", "Container image already present", "60m", 3L, "web-1.17a2b")),
        new Case("an events.k8s.io event falls back on eventTime and reporting fields", """
            {"metadata": {"name": "web-1.17b"},
             "involvedObject": {"kind": "Pod", "name": "web-1"},
             "reason": "Scheduled", "message": "Successfully assigned default/web-1 to node-1",
             "type": "Normal", "eventTime": "2026-03-01T11:59:30.000000Z",
             "reportingComponent": "default-scheduler", "reportingInstance": ""}
            """, List.of("30s", "Normal", "Scheduled", "pod/web-1", "", "default-scheduler",
            "Successfully assigned default/web-1 to node-1", "30s", 1L, "web-1.17b")),
        new Case("a series gives the last observation and its count", """
            {"metadata": {"name": "e"},
             "involvedObject": {"kind": "Pod", "name": "web-1"},
             "reason": "BackOff", "message": "Back-off restarting failed container",
             "type": "Warning", "eventTime": "<5m>",
             "series": {"count": 7, "lastObservedTime": "2026-03-01T11:59:50.000000Z"},
             "reportingComponent": "kubelet", "reportingInstance": "node-1"}
            """, List.of("10s", "Warning", "BackOff", "pod/web-1", "", "kubelet, node-1",
            "Back-off restarting failed container", "5m", 7L, "e")),
        new Case("an object without a name shows its kind only", """
            {"metadata": {"name": "e"}, "involvedObject": {"kind": "Node"},
             "reason": "Starting", "type": "Normal", "count": 1, "lastTimestamp": "<3h>",
             "firstTimestamp": "<3h>", "source": {"component": "kube-proxy"}}
            """, List.of("3h", "Normal", "Starting", "node", "", "kube-proxy", "", "3h", 1L,
            "e")),
        new Case("an event without any timestamp is unknown", """
            {"metadata": {"name": "e"}, "involvedObject": {"kind": "Deployment",
               "name": "web"}, "reason": "ScalingReplicaSet", "type": "Normal"}
            """, List.of("<unknown>", "Normal", "ScalingReplicaSet", "deployment/web", "", "",
            "", "<unknown>", 1L, "e")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void printsEventsAsKubectlShowsThem(Case c) {
    assertThat(cells(printer, json(c.event()))).containsExactlyElementsOf(c.want());
  }
}
