package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.NOW;
import static io.kubee.apiserver.printers.Fixtures.json;
import static io.kubee.apiserver.printers.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubee.api.registry.ResourceType;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TablePrintersTest {

  /**
   * A resource and the headers kubectl prints for it: default columns, then "|" and the wide
   * ones, as {@code kubectl get -o wide} shows them against Kubernetes 1.32.
   */
  record Case(String name, ResourceType type, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> resources() {
    return Stream.of(
        new Case("pods", type("", "pods"),
            "NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED-NODE READINESS-GATES"),
        new Case("nodes", type("", "nodes"), "NAME STATUS ROLES AGE VERSION"
            + " | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME"),
        new Case("namespaces", type("", "namespaces"), "NAME STATUS AGE"),
        new Case("services", type("", "services"),
            "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR"),
        new Case("endpoints", type("", "endpoints"), "NAME ENDPOINTS AGE"),
        new Case("config maps", type("", "configmaps"), "NAME DATA AGE"),
        new Case("secrets", type("", "secrets"), "NAME TYPE DATA AGE"),
        new Case("events, with the wide columns between the default ones",
            type("", "events"), "LAST-SEEN TYPE REASON OBJECT MESSAGE"
            + " | SUBOBJECT SOURCE FIRST-SEEN COUNT NAME"),
        new Case("service accounts", type("", "serviceaccounts"), "NAME SECRETS AGE"),
        new Case("deployments", type("apps", "deployments"),
            "NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR"),
        new Case("replica sets", type("apps", "replicasets"),
            "NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR"),
        new Case("leases", type("coordination.k8s.io", "leases"), "NAME HOLDER AGE"),
        new Case("priority classes", type("scheduling.k8s.io", "priorityclasses"),
            "NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY"),
        new Case("pod disruption budgets", type("policy", "poddisruptionbudgets"),
            "NAME MIN-AVAILABLE MAX-UNAVAILABLE ALLOWED-DISRUPTIONS AGE"),
        new Case("a resource without a printer gets NAME and AGE",
            ResourceType.builder("example.com", "v1", "Widget", "widgets").build(),
            "NAME AGE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void findsThePrinterWithKubernetesColumns(Case c) {
    List<TableColumn> columns = TablePrinters.builtin().forType(c.type()).columns();
    String headers = header(columns, 0);
    String wide = header(columns, 1);
    assertThat(wide.isEmpty() ? headers : headers + " | " + wide).isEqualTo(c.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void namesObjectsInTheOnlyColumnWithFormatName(Case c) {
    List<TableColumn> columns = TablePrinters.builtin().forType(c.type()).columns();
    assertThat(columns).filteredOn(column -> column.format().equals("name"))
        .singleElement()
        .satisfies(column -> {
          assertThat(column.name()).isEqualTo("Name");
          assertThat(column.type()).isEqualTo("string");
        });
    assertThat(columns).allSatisfy(column -> {
      assertThat(column.type()).isIn("string", "integer", "boolean");
      assertThat(column.description()).isNotEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void printsACellPerColumnEvenForAnEmptyObject(Case c) {
    TablePrinter printer = TablePrinters.builtin().forType(c.type());
    assertThat(printer.print(json("{}"), NOW).cells()).hasSameSizeAs(printer.columns())
        .doesNotContainNull();
  }

  @Test
  void integerColumnsAreThoseOfTheReplicaSetCounts() {
    List<TableColumn> columns = TablePrinters.builtin().forType(type("apps", "replicasets"))
        .columns();
    assertThat(columns).filteredOn(column -> column.type().equals("integer"))
        .extracting(TableColumn::name).containsExactly("Desired", "Current", "Ready");
  }

  @Test
  void eventColumnsInterleaveWideAndDefaultColumnsAsKubernetes132() {
    assertThat(TablePrinters.builtin().forType(type("", "events")).columns())
        .extracting(TableColumn::name, TableColumn::priority)
        .containsExactly(tuple("Last Seen", 0), tuple("Type", 0), tuple("Reason", 0),
            tuple("Object", 0), tuple("Subobject", 1), tuple("Source", 1), tuple("Message", 0),
            tuple("First Seen", 1), tuple("Count", 1), tuple("Name", 1));
  }

  @Test
  void anAddedPrinterReplacesTheDefault() {
    ResourceType widgets = ResourceType.builder("example.com", "v1", "Widget", "widgets").build();
    TablePrinter lease = new LeasePrinter();
    assertThat(TablePrinters.builtin().with("example.com", "Widget", lease).forType(widgets))
        .isSameAs(lease);
    assertThat(TablePrinters.builtin().forType(widgets)).isInstanceOf(DefaultPrinter.class);
  }

  private static String header(List<TableColumn> columns, int priority) {
    return columns.stream().filter(column -> column.priority() == priority)
        .map(column -> column.name().toUpperCase(java.util.Locale.ROOT).replace(' ', '-'))
        .collect(Collectors.joining(" "));
  }
}
