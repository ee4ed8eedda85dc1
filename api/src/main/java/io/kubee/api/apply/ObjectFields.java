package io.kubee.api.apply;

import io.kubee.api.registry.ResourceType;
import io.kubee.api.schema.ModelSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields an object sets, under its kind's schema (structured-merge-diff's
 * {@code TypedValue.ToFieldSet}): every scalar; every list-map and set element (as a member
 * and, for list-map elements, with the fields below it); every map key; struct fields only
 * when they hold null or an empty object (otherwise their own fields stand for them); atomic
 * lists, maps and structs as one leaf each. This is the set an applier owns for the
 * configuration it sends. Stateless.
 */
public final class ObjectFields {
  private ObjectFields() {}

  /** A value that does not fit the schema: {@code .spec.foo: field not declared in schema}. */
  static final class SchemaError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SchemaError(Path path, String message) {
      super(path.isEmpty() ? message : path + ": " + message, null, false, false);
    }
  }

  /**
   * The field set of an object of a served kind. Fields the schema does not declare are taken
   * as free-form values.
   */
  public static FieldSet of(ObjectNode object, ResourceType type) {
    return of(object, Shape.of(ModelSchema.forKind(type)), false);
  }

  /** The leaf fields of an object: {@link #of} without the members that have members below. */
  public static FieldSet leaves(ObjectNode object, ResourceType type) {
    return of(object, type).leaves();
  }

  /**
   * @param strict whether to refuse what the schema does not describe (undeclared fields,
   *     values of the wrong shape, list elements without keys, duplicate keys), as Kubernetes
   *     refuses them in an applied configuration; otherwise they are taken as free-form or
   *     atomic values, as a stored object is read
   * @throws SchemaError when strict and the value does not fit
   */
  static FieldSet of(JsonNode value, Shape shape, boolean strict) {
    FieldSet.Builder builder = FieldSet.builder();
    new Walk(builder, strict).value(Path.ROOT, value, shape);
    return builder.build();
  }

  /**
   * The set with every struct field that leads to members made a member too
   * ({@code EnsureNamedFieldsAreMembers}), so that removing it removes the field itself.
   */
  static FieldSet ensureNamedFieldsAreMembers(FieldSet set, Shape shape) {
    FieldSet.Builder builder = FieldSet.builder();
    ensure(set, shape, builder);
    return builder.build();
  }

  private static void ensure(FieldSet set, Shape shape, FieldSet.Builder out) {
    set.members().forEach(out::member);
    for (Map.Entry<PathElement, FieldSet> e : set.children().entrySet()) {
      PathElement element = e.getKey();
      Shape child = Shape.UNTYPED;
      if (shape != null && element.type() == PathElement.Type.FIELD) {
        if (shape.declares(element.name())) {
          out.member(element);
        }
        Shape field = shape.field(element.name());
        child = field == null ? Shape.UNTYPED : field;
      } else if (shape != null && element.type() == PathElement.Type.KEY
          && shape.kind() == Shape.Kind.LIST) {
        child = shape.elements();
      }
      ensure(e.getValue(), child, out.child(element));
    }
  }

  private record Walk(FieldSet.Builder set, boolean strict) {

    void value(Path path, JsonNode value, Shape declared) {
      Shape shape = declared.deduce(value);
      if (!shape.accepts(value)) {
        mismatch(path, value, shape);
        set.insert(path);
        return;
      }
      switch (shape.kind()) {
        case LIST -> list(path, value, shape);
        case STRUCT, MAP -> map(path, value, shape);
        default -> set.insert(path);
      }
    }

    private void list(Path path, JsonNode value, Shape shape) {
      if (shape.atomic()) {
        set.insert(path);
        return;
      }
      if (value.isNull()) {
        return;
      }
      Set<PathElement> seen = new HashSet<>();
      List<PathElement> elements = strict ? null : ListElements.ofAll(shape, value);
      if (!strict && elements == null) {
        set.insert(path);
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        PathElement element;
        if (strict) {
          try {
            element = ListElements.of(shape, item);
          } catch (ListElements.Invalid e) {
            throw new SchemaError(path, "element " + i + ": " + e.getMessage());
          }
          if (!seen.add(element)) {
            throw new SchemaError(path, "duplicate entries for key " + element);
          }
        } else {
          element = elements.get(i);
        }
        Path itemPath = path.append(element);
        value(itemPath, item, shape.elements());
        set.insert(itemPath);
      }
    }

    private void map(Path path, JsonNode value, Shape shape) {
      if (shape.atomic()) {
        set.insert(path);
        return;
      }
      if (value.isNull()) {
        return;
      }
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        String key = entry.getKey();
        JsonNode child = entry.getValue();
        Path childPath = path.append(PathElement.field(key));
        Shape field = shape.field(key);
        if (field == null) {
          if (strict) {
            throw new SchemaError(childPath, "field not declared in schema");
          }
          field = Shape.UNTYPED;
        }
        value(childPath, child, field);
        if (child.isNull() || (child.isObject() && child.isEmpty()) || !shape.declares(key)) {
          set.insert(childPath);
        }
      }
    }

    private void mismatch(Path path, JsonNode value, Shape shape) {
      if (!strict) {
        return;
      }
      String expected = switch (shape.kind()) {
        case LIST -> "list";
        case STRUCT, MAP -> "map";
        default -> "scalar";
      };
      throw new SchemaError(path, "expected " + expected + ", got " + describe(value));
    }
  }

  static String describe(JsonNode value) {
    if (value.isObject()) {
      return "map";
    }
    if (value.isArray()) {
      return "list";
    }
    return JsonValues.json(value);
  }
}
