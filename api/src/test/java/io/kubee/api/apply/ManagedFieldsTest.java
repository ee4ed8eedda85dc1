package io.kubee.api.apply;

import static io.kubee.api.testing.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Reading and writing {@code metadata.managedFields} entries. */
class ManagedFieldsTest {

  static ManagedFieldsEntry entry(String manager, String operation, String time,
      String subresource) {
    return new ManagedFieldsEntry(manager, operation, "apps/v1", time, null,
        FieldSet.parse("{\"f:spec\":{\"f:replicas\":{}}}"), subresource);
  }

  @Test
  void entriesAreWrittenInKubernetesOrder() {
    ObjectNode object = yaml("{metadata: {name: web}}");
    ManagedFields.write(object, List.of(
        entry("zed", "Update", "2025-01-01T00:00:05Z", ""),
        entry("kubelet", "Update", "2025-01-01T00:00:01Z", "status"),
        entry("kubectl", "Apply", "2025-01-01T00:00:09Z", ""),
        entry("alpha", "Update", "2025-01-01T00:00:05Z", ""),
        entry("helm", "Apply", null, "")));
    assertThat(ManagedFields.read(object)).extracting(ManagedFieldsEntry::manager)
        .containsExactly("helm", "kubectl", "kubelet", "alpha", "zed");
    assertThat(object.path("metadata").path("managedFields").get(2).toString())
        .isEqualTo("{\"manager\":\"kubelet\",\"operation\":\"Update\",\"apiVersion\":"
            + "\"apps/v1\",\"time\":\"2025-01-01T00:00:01Z\",\"fieldsType\":\"FieldsV1\","
            + "\"fieldsV1\":{\"f:spec\":{\"f:replicas\":{}}},\"subresource\":\"status\"}");
    ManagedFields.write(object, List.of());
    assertThat(object.path("metadata").has("managedFields")).isFalse();
  }

  @Test
  void readsWhatKubernetesWrote() {
    ObjectNode object = yaml("{metadata: {managedFields: [{manager: kubectl, operation: Apply,"
        + " apiVersion: v1, time: '2010-10-10T00:00:00Z', fieldsType: FieldsV1,"
        + " fieldsV1: {'f:metadata': {'f:labels': {'f:test-label': {}}},"
        + " 'f:data': {'f:key': {}}}}]}}");
    List<ManagedFieldsEntry> entries = ManagedFields.read(object);
    assertThat(entries).hasSize(1);
    ManagedFieldsEntry e = entries.get(0);
    assertThat(e.manager()).isEqualTo("kubectl");
    assertThat(e.operation()).isEqualTo(ManagedFieldsEntry.APPLY);
    assertThat(e.time()).isEqualTo("2010-10-10T00:00:00Z");
    assertThat(e.subresource()).isEmpty();
    assertThat(e.fieldsV1().toJson())
        .isEqualTo("{\"f:data\":{\"f:key\":{}},\"f:metadata\":{\"f:labels\":{\"f:test-label\":{}}}}");
  }

  record Bad(String name, String entry, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Bad> invalid() {
    return Stream.of(
        new Bad("an unknown operation", "{manager: m, operation: Patch, apiVersion: v1,"
            + " fieldsType: FieldsV1}", "operation must be `Apply` or `Update`"),
        new Bad("no apiVersion", "{manager: m, operation: Update, fieldsType: FieldsV1}",
            "apiVersion must not be empty"),
        new Bad("no fieldsType", "{manager: m, operation: Update, apiVersion: v1}",
            "missing fieldsType in managed fields entry 0"),
        new Bad("another fieldsType", "{manager: m, operation: Update, apiVersion: v1,"
            + " fieldsType: FieldsV2}", "invalid fieldsType \"FieldsV2\" in managed fields entry 0"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("invalid")
  void refusesInvalidEntries(Bad c) {
    ObjectNode object = yaml("{metadata: {managedFields: [" + c.entry() + "]}}");
    assertThatThrownBy(() -> ManagedFields.read(object)).hasMessage(c.message());
  }

  @Test
  void anEmptyListOrOneEmptyEntryIsAReset() {
    assertThat(ManagedFields.isReset(yaml("{metadata: {managedFields: []}}"))).isTrue();
    assertThat(ManagedFields.isReset(yaml("{metadata: {managedFields: [{}]}}"))).isTrue();
    assertThat(ManagedFields.isReset(yaml("{metadata: {managedFields: [{manager: ''}]}}")))
        .isTrue();
    assertThat(ManagedFields.isReset(yaml("{metadata: {}}"))).isFalse();
    assertThat(ManagedFields.isReset(yaml("{metadata: {managedFields: [{}, {}]}}"))).isFalse();
    assertThat(ManagedFields.isReset(yaml("{metadata: {managedFields: [{manager: m}]}}")))
        .isFalse();
  }
}
