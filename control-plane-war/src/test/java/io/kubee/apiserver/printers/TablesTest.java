package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.CLOCK;
import static io.kubee.apiserver.printers.Fixtures.json;
import static io.kubee.apiserver.printers.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.errors.ApiException;
import io.kubee.api.registry.ResourceType;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class TablesTest {
  private static final String KUBECTL = "application/json;as=Table;v=v1;g=meta.k8s.io,"
      + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  @Test
  void kubectlsRequestGetsTheDefaultOptions() {
    assertThat(Tables.requested(KUBECTL, null)).contains(TableOptions.defaults());
    assertThat(Tables.requested(KUBECTL, "None"))
        .contains(new TableOptions(IncludeObject.NONE, false, TableOptions.V1));
  }

  @Test
  void aPlainRequestIsNotATableEvenWithABadIncludeObject() {
    // Kubernetes reads includeObject only when it converts to a Table
    assertThat(Tables.requested("application/json", "Bogus")).isEqualTo(Optional.empty());
  }

  @Test
  void aTableRequestWithABadIncludeObjectIsA400() {
    assertThatThrownBy(() -> Tables.requested(KUBECTL, "Bogus"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void aStatusIsNeverPrinted() {
    ObjectNode status = json("""
        {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
         "details": {"name": "cm", "kind": "configmaps"}}
        """);
    assertThat(Tables.render(type("", "configmaps"), status, TableOptions.defaults(), CLOCK))
        .isSameAs(status);
  }

  @Test
  void rendersWithTheResourcesPrinter() {
    ObjectNode table = Tables.render(type("apps", "deployments"), json("""
        {"kind": "Deployment", "apiVersion": "apps/v1",
         "metadata": {"name": "web", "creationTimestamp": "<3m2s>", "resourceVersion": "8"},
         "spec": {"replicas": 2}, "status": {"readyReplicas": 2}}
        """), TableOptions.defaults(), CLOCK);
    assertThat(table.path("rows").path(0).path("cells").path(1).asString()).isEqualTo("2/2");
    assertThat(table.path("rows").path(0).path("cells").path(4).asString()).isEqualTo("3m2s");
  }

  @Test
  void rendersAnyOtherResourceWithNameAndAge() {
    ResourceType widgets = ResourceType.builder("example.com", "v1", "Widget", "widgets").build();
    ObjectNode table = Tables.render(widgets, json("""
        {"kind": "WidgetList", "apiVersion": "example.com/v1", "metadata": {},
         "items": [{"metadata": {"name": "w", "creationTimestamp": "<5s>"}}]}
        """), TableOptions.of(TableOptions.V1, "Object"), CLOCK);
    assertThat(table.get("columnDefinitions")).hasSize(2);
    assertThat(table.path("rows").path(0).path("cells").toString()).isEqualTo("[\"w\",\"5s\"]");
    assertThat(table.path("rows").path(0).path("object").path("kind").asString())
        .isEqualTo("Widget");
    assertThat(table.path("rows").path(0).path("object").path("apiVersion").asString())
        .isEqualTo("example.com/v1");
  }
}
