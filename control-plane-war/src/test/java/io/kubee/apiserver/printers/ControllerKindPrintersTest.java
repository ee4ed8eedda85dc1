package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.cells;
import static io.kubee.apiserver.printers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ReplicationControllers, EndpointSlices and HorizontalPodAutoscalers as kubectl shows them. */
class ControllerKindPrintersTest {

  record Case(String name, TablePrinter printer, String object, List<Object> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    TablePrinter rc = new ReplicationControllerPrinter();
    TablePrinter slice = new EndpointSlicePrinter();
    TablePrinter hpa = new HorizontalPodAutoscalerPrinter();
    return Stream.of(
        new Case("a replication controller prints counts and its label map", rc, """
            {"metadata": {"name": "web", "creationTimestamp": "<3m>"},
             "spec": {"replicas": 3, "selector": {"tier": "front", "app": "web"},
               "template": {"spec": {"containers": [{"name": "c", "image": "nginx"}]}}},
             "status": {"replicas": 3, "readyReplicas": 1}}
            """, List.of("web", 3L, 3L, 1L, "3m", "c", "nginx", "app=web,tier=front")),
        new Case("a slice shows its ports and first three addresses", slice, """
            {"metadata": {"name": "web-x7k2p", "creationTimestamp": "<5s>"},
             "addressType": "IPv4", "ports": [{"name": "http", "port": 80}, {"name": "x"}],
             "endpoints": [{"addresses": ["10.0.0.1"]}, {"addresses": ["10.0.0.2"]},
               {"addresses": ["10.0.0.3"]}, {"addresses": ["10.0.0.4"]}]}
            """, List.of("web-x7k2p", "IPv4", "80,x", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...",
            "5s")),
        new Case("an empty slice reads <unset>", slice, """
            {"metadata": {"name": "s"}, "addressType": "IPv4"}
            """, List.of("s", "IPv4", "<unset>", "<unset>", "<unknown>")),
        new Case("an autoscaler not measured yet shows <unknown>", hpa, """
            {"metadata": {"name": "web", "creationTimestamp": "<5m>"},
             "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"},
               "minReplicas": 1, "maxReplicas": 5, "metrics": [{"type": "Resource",
               "resource": {"name": "cpu", "target": {"type": "Utilization",
               "averageUtilization": 80}}}]}}
            """, List.of("web", "Deployment/web", "cpu: <unknown>/80%", "1", 5L, 0L, "5m")),
        new Case("an autoscaler shows the measured utilization", hpa, """
            {"metadata": {"name": "web"},
             "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"},
               "maxReplicas": 5, "metrics": [{"type": "Resource", "resource": {"name": "cpu",
               "target": {"type": "Utilization", "averageUtilization": 50}}}]},
             "status": {"currentReplicas": 2, "currentMetrics": [{"type": "Resource",
               "resource": {"name": "cpu", "current": {"averageUtilization": 73}}}]}}
            """, List.of("web", "Deployment/web", "cpu: 73%/50%", "<unset>", 5L, 2L,
            "<unknown>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsAsKubectlShows(Case c) {
    assertThat(cells(c.printer(), json(c.object()))).containsExactlyElementsOf(c.want());
  }
}
