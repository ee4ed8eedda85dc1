package io.kubee.api.apply;

import io.kubee.api.schema.ArraySchema;
import io.kubee.api.schema.Field;
import io.kubee.api.schema.FreeFormSchema;
import io.kubee.api.schema.MapSchema;
import io.kubee.api.schema.ObjectSchema;
import io.kubee.api.schema.ScalarSchema;
import io.kubee.api.schema.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How server-side apply sees one position of an object: the structured-merge-diff atom that
 * Kubernetes derives from its OpenAPI schema ({@code kube-openapi/pkg/schemaconv}), read here
 * from the model {@link Schema} and the list and map types of its {@link Field}s.
 *
 * <ul>
 *   <li>structs merge field by field unless declared {@code +structType=atomic};</li>
 *   <li>maps merge key by key unless declared {@code +mapType=atomic};</li>
 *   <li>lists are atomic unless declared {@code set} or {@code map} (with their keys); a list
 *       that declares no list type but a {@code merge} patch strategy is a map by its merge
 *       key, or a set, as {@code schemaconv} makes it;</li>
 *   <li>free-form values are "deduced": objects merge key by key, lists are atomic.</li>
 * </ul>
 * Immutable.
 */
final class Shape {
  enum Kind { SCALAR, STRUCT, MAP, LIST, UNTYPED }

  /**
   * Defaults of list-map keys, which Kubernetes' OpenAPI declares and structured-merge-diff
   * uses when an element omits the key ({@code ports[].protocol} defaults to "TCP").
   */
  private static final Map<String, Map<String, JsonNode>> KEY_DEFAULTS = Map.of(
      "io.k8s.api.core.v1.ContainerPort",
      Map.of("protocol", JsonNodeFactory.instance.stringNode("TCP")),
      "io.k8s.api.core.v1.ServicePort",
      Map.of("protocol", JsonNodeFactory.instance.stringNode("TCP")));

  static final Shape UNTYPED = new Shape(Kind.UNTYPED, false, null, null, List.of(), false);
  static final Shape SCALAR = new Shape(Kind.SCALAR, false, null, null, List.of(), false);

  private final Kind kind;
  private final boolean atomic;
  private final Schema schema;
  private final Shape elements;
  private final List<String> keys;
  private final boolean set;

  private Shape(Kind kind, boolean atomic, Schema schema, Shape elements, List<String> keys,
      boolean set) {
    this.kind = kind;
    this.atomic = atomic;
    this.schema = schema;
    this.elements = elements;
    this.keys = keys;
    this.set = set;
  }

  /** The shape of a kind's objects. */
  static Shape of(ObjectSchema root) {
    return new Shape(Kind.STRUCT, false, root, null, List.of(), false);
  }

  /** The shape of a field's value, with the list and map types the field declares. */
  static Shape of(Field field) {
    Schema schema = field.schema();
    if (schema instanceof ArraySchema array) {
      Shape items = ofSchema(array.items());
      String listType = field.listType();
      if (listType.isEmpty() && field.patchStrategy().contains("merge")) {
        listType = field.patchMergeKey().isEmpty() ? "set" : "map";
        return list(items, listType, field.patchMergeKey().isEmpty()
            ? List.of() : List.of(field.patchMergeKey()));
      }
      return list(items, listType, field.listMapKeys());
    }
    if (schema instanceof MapSchema map) {
      return new Shape(Kind.MAP, "atomic".equals(field.mapType()), map,
          ofSchema(map.values()), List.of(), false);
    }
    return ofSchema(schema);
  }

  /** The shape of a value whose position declares nothing (list items, map values). */
  static Shape ofSchema(Schema schema) {
    if (schema instanceof ObjectSchema object) {
      return new Shape(Kind.STRUCT, "atomic".equals(object.mapType()), object, null, List.of(),
          false);
    }
    if (schema instanceof MapSchema map) {
      return new Shape(Kind.MAP, false, map, ofSchema(map.values()), List.of(), false);
    }
    if (schema instanceof ArraySchema array) {
      return list(ofSchema(array.items()), "atomic", List.of());
    }
    if (schema instanceof FreeFormSchema) {
      return UNTYPED;
    }
    if (schema instanceof ScalarSchema) {
      return SCALAR;
    }
    return UNTYPED;
  }

  private static Shape list(Shape items, String listType, List<String> keys) {
    return switch (listType) {
      case "set" -> new Shape(Kind.LIST, false, null, items, List.of(), true);
      case "map" -> new Shape(Kind.LIST, false, null, items, List.copyOf(keys), false);
      default -> new Shape(Kind.LIST, true, null, items, List.of(), false);
    };
  }

  Kind kind() {
    return kind;
  }

  /** Atomic structs, maps and lists are replaced whole and owned as one leaf. */
  boolean atomic() {
    return atomic;
  }

  /** For an associative LIST: a set of scalars (no keys). */
  boolean isSet() {
    return set;
  }

  /** For an associative LIST of maps: the key fields. */
  List<String> keys() {
    return keys;
  }

  /** For a LIST: the shape of its items; for a MAP: the shape of its values. */
  Shape elements() {
    return elements == null ? UNTYPED : elements;
  }

  /**
   * The shape of a field or map value: the declared field of a struct (null when the struct
   * does not declare it), the value shape of a map, {@link #UNTYPED} inside a free-form value.
   */
  Shape field(String name) {
    return switch (kind) {
      case STRUCT -> ((ObjectSchema) schema).field(name).map(Shape::of).orElse(null);
      case MAP -> elements();
      case UNTYPED -> UNTYPED;
      default -> null;
    };
  }

  /** Whether a STRUCT declares {@code name} (a named field rather than a map key). */
  boolean declares(String name) {
    return kind == Kind.STRUCT && ((ObjectSchema) schema).field(name).isPresent();
  }

  /** The Kubernetes definition of a STRUCT ({@code io.k8s.api.core.v1.Container}), else "". */
  String definitionName() {
    return kind == Kind.STRUCT ? schema.definitionName() : "";
  }

  /** The default of a list-map key field of this LIST's items, or null. */
  JsonNode keyDefault(String key) {
    Map<String, JsonNode> defaults = KEY_DEFAULTS.get(elements().definitionName());
    return defaults == null ? null : defaults.get(key);
  }

  /** Whether a JSON value has this shape; null and absent values have every shape. */
  boolean accepts(JsonNode value) {
    if (value == null || value.isNull()) {
      return true;
    }
    return switch (kind) {
      case STRUCT, MAP -> value.isObject();
      case LIST -> value.isArray();
      case SCALAR -> !value.isObject() && !value.isArray();
      case UNTYPED -> true;
    };
  }

  /** The concrete shape of an UNTYPED value: maps merge key by key, lists are atomic. */
  Shape deduce(JsonNode value) {
    if (kind != Kind.UNTYPED || value == null) {
      return this;
    }
    if (value.isObject()) {
      return new Shape(Kind.MAP, false, null, UNTYPED, List.of(), false);
    }
    if (value.isArray()) {
      return new Shape(Kind.LIST, true, null, UNTYPED, List.of(), false);
    }
    return SCALAR;
  }

  @Override
  public String toString() {
    return kind + (atomic ? " atomic" : "") + (set ? " set" : "")
        + (keys.isEmpty() ? "" : " keys=" + keys)
        + (schema != null && !schema.definitionName().isEmpty() ? " " + schema.definitionName()
            : "");
  }
}
