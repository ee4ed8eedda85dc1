package io.kubee.apiserver.printers;

import static io.kubee.apiserver.printers.Fixtures.NOW;
import static io.kubee.apiserver.printers.Fixtures.json;
import static io.kubee.apiserver.printers.Fixtures.normalize;
import static io.kubee.apiserver.printers.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.registry.ResourceType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TableConvertorTest {
  private static final ResourceType CONFIGMAPS = type("", "configmaps");
  private static final ResourceType PODS = type("", "pods");

  private static final String CONFIG_MAP_LIST = """
      {"kind": "ConfigMapList", "apiVersion": "v1",
       "metadata": {"resourceVersion": "104", "continue": "eyJ2IjoxfQ",
         "remainingItemCount": 5},
       "items": [
         {"metadata": {"name": "a", "namespace": "default", "resourceVersion": "100",
            "uid": "u-a", "creationTimestamp": "<2d>", "labels": {"app": "web"}},
          "data": {"k": "v"}},
         {"kind": "ConfigMap", "apiVersion": "v1",
          "metadata": {"name": "b", "namespace": "kube-system", "resourceVersion": "101",
            "creationTimestamp": "<5m>"}}]}
      """;

  private final TableConvertor configMaps =
      new TableConvertor(CONFIGMAPS, TablePrinters.builtin().forType(CONFIGMAPS));

  @Test
  void turnsAListIntoTheTableKubectlExpects() {
    ObjectNode table = configMaps.convert(json(CONFIG_MAP_LIST), TableOptions.defaults(), NOW);
    assertThat(normalize(table)).isEqualTo(json("""
        {"kind": "Table", "apiVersion": "meta.k8s.io/v1",
         "metadata": {"resourceVersion": "104", "continue": "eyJ2IjoxfQ",
           "remainingItemCount": 5},
         "columnDefinitions": [
           {"name": "Name", "type": "string", "format": "name", "description": "%s",
            "priority": 0},
           {"name": "Data", "type": "string", "format": "", "description": "%s",
            "priority": 0},
           {"name": "Age", "type": "string", "format": "", "description": "%s",
            "priority": 0}],
         "rows": [
           {"cells": ["a", 1, "2d"],
            "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
              "metadata": {"name": "a", "namespace": "default", "resourceVersion": "100",
                "uid": "u-a", "creationTimestamp": "<2d>", "labels": {"app": "web"}}}},
           {"cells": ["b", 0, "5m"],
            "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
              "metadata": {"name": "b", "namespace": "kube-system", "resourceVersion": "101",
                "creationTimestamp": "<5m>"}}}]}
        """.formatted(escape(TableColumn.NAME_DESCRIPTION),
        escape(configMaps(1).description()),
        escape(TableColumn.CREATION_TIMESTAMP_DESCRIPTION))));
  }

  record ObjectCase(String name, TableOptions options, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ObjectCase> includeObject() {
    return Stream.of(
        new ObjectCase("Metadata rows carry a PartialObjectMetadata", TableOptions.defaults(), """
            {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
             "metadata": {"name": "a", "namespace": "default", "resourceVersion": "100",
               "uid": "u-a", "creationTimestamp": "<2d>", "labels": {"app": "web"}}}
            """),
        new ObjectCase("a v1beta1 Table carries v1beta1 metadata",
            TableOptions.of(TableOptions.V1BETA1, "Metadata"), """
            {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1beta1",
             "metadata": {"name": "a", "namespace": "default", "resourceVersion": "100",
               "uid": "u-a", "creationTimestamp": "<2d>", "labels": {"app": "web"}}}
            """),
        new ObjectCase("Object rows carry the whole object with its kind and apiVersion",
            TableOptions.of(TableOptions.V1, "Object"), """
            {"kind": "ConfigMap", "apiVersion": "v1",
             "metadata": {"name": "a", "namespace": "default", "resourceVersion": "100",
               "uid": "u-a", "creationTimestamp": "<2d>", "labels": {"app": "web"}},
             "data": {"k": "v"}}
            """),
        new ObjectCase("None rows carry a null object", TableOptions.of(TableOptions.V1, "None"),
            "null"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("includeObject")
  void fillsRowObjectsAsIncludeObjectAsks(ObjectCase c) {
    ObjectNode table = configMaps.convert(json(CONFIG_MAP_LIST), c.options(), NOW);
    JsonNode object = table.path("rows").path(0).get("object");
    JsonNode want = c.want().equals("null") ? null : json(c.want());
    if (want == null) {
      assertThat(object).isNotNull();
      assertThat(object.isNull()).isTrue();
    } else {
      assertThat(object).isEqualTo(want);
    }
    assertThat(table.path("apiVersion").asString()).isEqualTo(c.options().apiVersion());
  }

  @Test
  void printsASingleObjectAsOneRowWithItsResourceVersion() {
    ObjectNode table = configMaps.convert(json("""
        {"kind": "ConfigMap", "apiVersion": "v1",
         "metadata": {"name": "one", "resourceVersion": "77", "creationTimestamp": "<1h>"}}
        """), TableOptions.defaults(), NOW);
    assertThat(table.get("metadata")).isEqualTo(json("{\"resourceVersion\": \"77\"}"));
    assertThat(table.get("rows")).hasSize(1);
    assertThat(normalize(table.path("rows").path(0).get("cells")))
        .isEqualTo(json("{\"c\": [\"one\", 0, \"60m\"]}").get("c"));
  }

  @Test
  void anEmptyListHasNoRowsButItsColumns() {
    ObjectNode table = configMaps.convert(json("""
        {"kind": "ConfigMapList", "apiVersion": "v1", "metadata": {"resourceVersion": "9"},
         "items": []}
        """), TableOptions.defaults(), NOW);
    assertThat(table.get("rows")).isEmpty();
    assertThat(table.get("columnDefinitions")).hasSize(3);
    assertThat(table.get("metadata")).isEqualTo(json("{\"resourceVersion\": \"9\"}"));
  }

  @Test
  void withoutHeadersTheColumnDefinitionsAreNull() {
    ObjectNode table = configMaps.convert(json(CONFIG_MAP_LIST),
        TableOptions.defaults().withNoHeaders(true), NOW);
    assertThat(table.has("columnDefinitions")).isTrue();
    assertThat(table.get("columnDefinitions").isNull()).isTrue();
    assertThat(table.get("rows")).hasSize(2);
  }

  @Test
  void carriesEveryWideCellAndColumnForKubectlToFilter() {
    TableConvertor pods = new TableConvertor(PODS, TablePrinters.builtin().forType(PODS));
    ObjectNode table = pods.convert(json("""
        {"metadata": {"name": "web", "resourceVersion": "5"},
         "spec": {"nodeName": "node-1", "containers": [{"name": "a"}]},
         "status": {"phase": "Running", "podIP": "10.0.0.2"}}
        """), TableOptions.defaults(), NOW);
    assertThat(table.get("columnDefinitions")).hasSize(9);
    assertThat(table.path("columnDefinitions").path(5).path("name").asString()).isEqualTo("IP");
    assertThat(table.path("columnDefinitions").path(5).path("priority").asInt()).isEqualTo(1);
    assertThat(table.path("rows").path(0).get("cells")).hasSize(9);
    assertThat(table.path("rows").path(0).path("cells").path(6).asString()).isEqualTo("node-1");
    assertThat(table.path("rows").path(0).has("conditions")).isFalse();
  }

  @Test
  void marksACompletedPodRow() {
    TableConvertor pods = new TableConvertor(PODS, TablePrinters.builtin().forType(PODS));
    ObjectNode table = pods.convert(json("""
        {"metadata": {"name": "job-1"}, "status": {"phase": "Succeeded"}}
        """), TableOptions.defaults(), NOW);
    assertThat(table.path("rows").path(0).get("conditions")).isEqualTo(json("""
        {"c": [{"type": "Completed", "status": "True", "reason": "Succeeded",
          "message": "The pod has completed successfully."}]}
        """).get("c"));
  }

  @Test
  void leavesItsInputUntouched() {
    ObjectNode list = json(CONFIG_MAP_LIST);
    ObjectNode before = list.deepCopy();
    ObjectNode table = configMaps.convert(list, TableOptions.of(TableOptions.V1, "Object"), NOW);
    ((ObjectNode) table.path("rows").path(0).path("object").path("metadata")).put("name", "x");
    ((ObjectNode) configMaps.convert(list, TableOptions.defaults(), NOW)
        .path("rows").path(0).path("object").path("metadata")).put("name", "y");
    assertThat(list).isEqualTo(before);
  }

  @Test
  void aListIsRecognisedByItsItemsNotItsKind() {
    assertThat(configMaps.isList(json("{\"kind\": \"ConfigMapList\", \"items\": []}"))).isTrue();
    assertThat(configMaps.isList(json("{\"items\": []}"))).isTrue();
    assertThat(configMaps.isList(json("{\"kind\": \"ConfigMap\", \"items\": []}"))).isFalse();
    assertThat(configMaps.isList(json("{\"kind\": \"ConfigMap\"}"))).isFalse();
  }

  private static TableColumn configMaps(int index) {
    return TablePrinters.builtin().forType(CONFIGMAPS).columns().get(index);
  }

  /** {@code text} as the inside of a JSON string literal. */
  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
