package io.kubee.apiserver.openapi;

import io.kubee.api.codec.Codec;
import io.kubee.api.schema.ArraySchema;
import io.kubee.api.schema.Field;
import io.kubee.api.schema.FreeFormSchema;
import io.kubee.api.schema.MapSchema;
import io.kubee.api.schema.ModelSchema;
import io.kubee.api.schema.ObjectSchema;
import io.kubee.api.schema.ScalarSchema;
import io.kubee.api.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@link Schema}s as OpenAPI schemas the way Kubernetes' kube-openapi does: objects and
 * named scalars ({@code Quantity}, {@code IntOrString}, {@code Time}) as definitions referred to
 * by {@code $ref}, lists and maps inline, with the {@code x-kubernetes-*} extensions kubectl reads
 * for strategic merge patches and server-side apply. Collects the definitions a document refers
 * to. Not thread-safe; one per document.
 */
final class SchemaRenderer {
  private final Dialect dialect;
  private final Map<String, List<Gvk>> gvks;
  private final Map<String, ObjectNode> definitions = new TreeMap<>();

  /**
   * @param gvks the {@code x-kubernetes-group-version-kind} of definitions that are API kinds
   */
  SchemaRenderer(Dialect dialect, Map<String, List<Gvk>> gvks) {
    this.dialect = dialect;
    this.gvks = gvks;
  }

  /** The definitions referred to so far, by name. */
  Map<String, ObjectNode> definitions() {
    return definitions;
  }

  /** A reference to a schema, defining it (and everything it refers to) on first use. */
  ObjectNode schema(Schema schema) {
    ObjectNode node = Codec.INSTANCE.newObject();
    if (schema instanceof ObjectSchema object) {
      define(object);
      node.put("$ref", dialect.ref(object.definitionName()));
    } else if (schema instanceof ScalarSchema scalar) {
      if (scalar.named()) {
        defineScalar(scalar);
        node.put("$ref", dialect.ref(scalar.definitionName()));
      } else {
        node.put("type", scalar.type());
        if (!scalar.format().isEmpty()) {
          node.put("format", scalar.format());
        }
      }
    } else if (schema instanceof FreeFormSchema free) {
      if (free.definitionName().isEmpty()) {
        node.put("type", "object");
      } else {
        defineFreeForm(free);
        node.put("$ref", dialect.ref(free.definitionName()));
      }
    } else if (schema instanceof ArraySchema array) {
      node.put("type", "array");
      node.set("items", schema(array.items()));
    } else if (schema instanceof MapSchema map) {
      node.put("type", "object");
      node.set("additionalProperties", schema(map.values()));
    }
    return node;
  }

  /** A field of an object: its schema with the field's documentation and merge metadata. */
  ObjectNode property(Field field) {
    ObjectNode node = schema(field.schema());
    ObjectNode extra = Codec.INSTANCE.newObject();
    if (!field.description().isEmpty()) {
      extra.put("description", field.description());
    }
    if (!field.patchStrategy().isEmpty()) {
      extra.put("x-kubernetes-patch-strategy", field.patchStrategy());
    }
    if (!field.patchMergeKey().isEmpty()) {
      extra.put("x-kubernetes-patch-merge-key", field.patchMergeKey());
    }
    if (!field.listType().isEmpty()) {
      extra.put("x-kubernetes-list-type", field.listType());
    }
    if (!field.listMapKeys().isEmpty()) {
      ArrayNode keys = extra.putArray("x-kubernetes-list-map-keys");
      field.listMapKeys().forEach(keys::add);
    }
    if (!field.mapType().isEmpty()) {
      extra.put("x-kubernetes-map-type", field.mapType());
    }
    if (extra.isEmpty()) {
      return node;
    }
    if (node.has("$ref") && dialect == Dialect.V3) {
      // OpenAPI 3.0 ignores the siblings of a $ref; Kubernetes wraps it in allOf
      ObjectNode wrapped = Codec.INSTANCE.newObject();
      wrapped.putArray("allOf").add(node);
      wrapped.setAll(extra);
      return wrapped;
    }
    node.setAll(extra);
    return node;
  }

  private void define(ObjectSchema object) {
    if (definitions.containsKey(object.definitionName())) {
      return;
    }
    ObjectNode definition = Codec.INSTANCE.newObject();
    // registered before its fields are rendered, so that a recursive type refers to itself
    definitions.put(object.definitionName(), definition);
    if (!object.description().isEmpty()) {
      definition.put("description", object.description());
    }
    definition.put("type", "object");
    ObjectNode properties = definition.putObject("properties");
    for (Field field : object.fields().values()) {
      properties.set(field.name(), property(field));
    }
    if (!object.required().isEmpty()) {
      ArrayNode required = definition.putArray("required");
      object.required().forEach(required::add);
    }
    if (!object.mapType().isEmpty()) {
      definition.put("x-kubernetes-map-type", object.mapType());
    }
    addGvks(definition, object.definitionName());
  }

  /**
   * Kubernetes' definitions of its named scalars: plain strings in v2, a {@code oneOf} in v3
   * (kube-openapi's {@code OpenAPIV3OneOfTypes}), which is also what makes kubectl explain show
   * "IntOrString" and "Quantity" rather than "string".
   */
  private void defineScalar(ScalarSchema scalar) {
    if (definitions.containsKey(scalar.definitionName())) {
      return;
    }
    ObjectNode definition = Codec.INSTANCE.newObject();
    String description = ModelSchema.description(scalar.definitionName());
    if (!description.isEmpty()) {
      definition.put("description", description);
    }
    switch (scalar) {
      case INT_OR_STRING -> {
        if (dialect == Dialect.V3) {
          ArrayNode oneOf = definition.putArray("oneOf");
          oneOf.addObject().put("type", "integer");
          oneOf.addObject().put("type", "string");
        } else {
          definition.put("type", "string");
        }
        definition.put("format", "int-or-string");
        definition.put("x-kubernetes-int-or-string", true);
      }
      case QUANTITY -> {
        if (dialect == Dialect.V3) {
          ArrayNode oneOf = definition.putArray("oneOf");
          oneOf.addObject().put("type", "string");
          oneOf.addObject().put("type", "number");
        } else {
          definition.put("type", "string");
        }
      }
      default -> {
        definition.put("type", scalar.type());
        if (!scalar.format().isEmpty()) {
          definition.put("format", scalar.format());
        }
      }
    }
    definitions.put(scalar.definitionName(), definition);
  }

  private void defineFreeForm(FreeFormSchema free) {
    if (definitions.containsKey(free.definitionName())) {
      return;
    }
    ObjectNode definition = Codec.INSTANCE.newObject();
    String description = ModelSchema.description(free.definitionName());
    if (!description.isEmpty()) {
      definition.put("description", description);
    }
    definition.put("type", "object");
    addGvks(definition, free.definitionName());
    definitions.put(free.definitionName(), definition);
  }

  private void addGvks(ObjectNode definition, String name) {
    List<Gvk> kinds = gvks.get(name);
    if (kinds != null && !kinds.isEmpty()) {
      ArrayNode list = definition.putArray("x-kubernetes-group-version-kind");
      kinds.forEach(gvk -> list.add(gvk.toNode()));
    }
  }
}
