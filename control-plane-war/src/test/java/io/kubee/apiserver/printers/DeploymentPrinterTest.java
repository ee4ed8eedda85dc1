package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.cells;
import static io.kubee.apiserver.printers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentPrinterTest {
  private final DeploymentPrinter printer = new DeploymentPrinter();

  /**
   * A deployment and its cells: NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR.
   */
  record Case(String name, String deployment, List<Object> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> deployments() {
    return Stream.of(
        new Case("a deployment rolling out shows ready of desired", """
            {"metadata": {"name": "web", "creationTimestamp": "<4d>"},
             "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
               "template": {"spec": {"containers": [
                 {"name": "nginx", "image": "nginx:1.27"},
                 {"name": "proxy", "image": "envoyproxy/envoy:v1.30"}]}}},
             "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3,
               "availableReplicas": 2}}
            """, List.of("web", "2/3", 3L, 2L, "4d", "nginx,proxy",
            "nginx:1.27,envoyproxy/envoy:v1.30", "app=web")),
        new Case("a deployment without status or replicas reads 0/1", """
            {"metadata": {"name": "new"},
             "spec": {"selector": {"matchLabels": {"app": "new"}},
               "template": {"spec": {"containers": [{"name": "c", "image": "busybox"}]}}}}
            """, List.of("new", "0/1", 0L, 0L, "<unknown>", "c", "busybox", "app=new")),
        new Case("a deployment scaled to zero reads 0/0", """
            {"metadata": {"name": "idle"}, "spec": {"replicas": 0}}
            """, List.of("idle", "0/0", 0L, 0L, "<unknown>", "", "", "")),
        new Case("selector expressions print sorted by key with sorted values", """
            {"metadata": {"name": "web"},
             "spec": {"replicas": 1, "selector": {"matchLabels": {"tier": "front"},
               "matchExpressions": [
                 {"key": "env", "operator": "In", "values": ["prod", "canary"]},
                 {"key": "app", "operator": "Exists"},
                 {"key": "legacy", "operator": "DoesNotExist"}]}}}
            """, List.of("web", "0/1", 0L, 0L, "<unknown>", "", "",
            "app,env in (canary,prod),!legacy,tier=front")),
        new Case("an invalid selector reads <invalid>", """
            {"metadata": {"name": "bad"},
             "spec": {"selector": {"matchExpressions": [
               {"key": "app", "operator": "Near", "values": ["x"]}]}}}
            """, List.of("bad", "0/1", 0L, 0L, "<unknown>", "", "", "<invalid>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void printsDeploymentsAsKubectlShowsThem(Case c) {
    assertThat(cells(printer, json(c.deployment()))).containsExactlyElementsOf(c.want());
  }
}
