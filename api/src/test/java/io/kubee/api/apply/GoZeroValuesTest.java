package io.kubee.api.apply;

import static io.kubee.api.testing.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.schema.ArraySchema;
import io.kubee.api.schema.MapSchema;
import io.kubee.api.schema.ModelSchema;
import io.kubee.api.schema.ObjectSchema;
import io.kubee.api.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The Go zero values against the model schema, and the objects creates start from. */
class GoZeroValuesTest {

  @Test
  void everyRowNamesAServedTypeAndItsFields() {
    Map<String, ObjectSchema> reachable = new HashMap<>();
    for (ResourceType t : ResourceRegistry.builtin().all()) {
      collect(ModelSchema.forKind(t), reachable);
    }
    List<String> unknown = new ArrayList<>();
    GoZeroValues.facts().forEach((definition, row) -> {
      ObjectSchema schema = reachable.get(definition);
      if (schema == null) {
        unknown.add(definition);
        return;
      }
      row.propertyNames().forEach(field -> {
        if (schema.field(field).isEmpty()) {
          unknown.add(definition + "." + field);
        }
      });
    });
    assertThat(unknown).isEmpty();
  }

  @Test
  void aDeploymentStartsFromGosZeroValue() {
    ObjectNode empty = GoZeroValues.emptyObject(type("deployments"));
    assertThat(empty.toString()).isEqualTo("{\"metadata\":{\"creationTimestamp\":null},"
        + "\"spec\":{\"selector\":null,\"strategy\":{},\"template\":{\"metadata\":"
        + "{\"creationTimestamp\":null},\"spec\":{\"containers\":null}}},\"status\":{}}");
  }

  private static void collect(Schema schema, Map<String, ObjectSchema> out) {
    if (schema instanceof ObjectSchema object) {
      if (out.putIfAbsent(object.definitionName(), object) == null) {
        object.fields().values().forEach(f -> collect(f.schema(), out));
      }
    } else if (schema instanceof ArraySchema array) {
      collect(array.items(), out);
    } else if (schema instanceof MapSchema map) {
      collect(map.values(), out);
    }
  }
}
