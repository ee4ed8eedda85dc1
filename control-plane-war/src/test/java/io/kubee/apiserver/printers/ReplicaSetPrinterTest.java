package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.cells;
import static io.kubee.apiserver.printers.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetPrinterTest {
  private final ReplicaSetPrinter printer = new ReplicaSetPrinter();

  /** A replica set and its cells: NAME DESIRED CURRENT READY AGE CONTAINERS IMAGES SELECTOR. */
  record Case(String name, String replicaSet, List<Object> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> replicaSets() {
    return Stream.of(
        new Case("a replica set prints its counts as integers", """
            {"metadata": {"name": "web-7d4b9c", "creationTimestamp": "<26h>"},
             "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web",
                 "pod-template-hash": "7d4b9c"}},
               "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}},
             "status": {"replicas": 3, "readyReplicas": 2, "availableReplicas": 2}}
            """, List.of("web-7d4b9c", 3L, 3L, 2L, "26h", "nginx", "nginx:1.27",
            "app=web,pod-template-hash=7d4b9c")),
        new Case("a new replica set defaults to one desired and none current", """
            {"metadata": {"name": "rs"}, "spec": {"selector": {"matchLabels": {"a": "b"}}}}
            """, List.of("rs", 1L, 0L, 0L, "<unknown>", "", "", "a=b")),
        new Case("an empty selector reads <none>", """
            {"metadata": {"name": "rs"}, "spec": {"replicas": 2, "selector": {}}}
            """, List.of("rs", 2L, 0L, 0L, "<unknown>", "", "", "<none>")),
        new Case("an invalid selector reads <error>", """
            {"metadata": {"name": "rs"}, "spec": {"replicas": 2, "selector": {
              "matchExpressions": [{"key": "a", "operator": "In", "values": []}]}}}
            """, List.of("rs", 2L, 0L, 0L, "<unknown>", "", "", "<error>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replicaSets")
  void printsReplicaSetsAsKubectlShowsThem(Case c) {
    assertThat(cells(printer, json(c.replicaSet()))).containsExactlyElementsOf(c.want());
  }
}
