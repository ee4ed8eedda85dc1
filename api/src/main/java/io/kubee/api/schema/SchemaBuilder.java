package io.kubee.api.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the schema of fabric8 model classes by reflection: a property per field annotated
 * {@code @JsonProperty} (its name is the JSON name), skipping {@code @JsonIgnore}d ones such as
 * {@code additionalProperties}; Java types become Kubernetes' OpenAPI types, and the facts of
 * {@link PatchFacts} and {@link TypeFacts} fill in what the classes do not say. Not thread-safe:
 * {@link ModelSchema} runs one builder at a time and publishes what it built.
 */
final class SchemaBuilder {
  /** Schemas already published; read-only here. */
  private final Map<Class<?>, Schema> published;
  /** Schemas built by this run, published by the caller when the run is complete. */
  private final Map<Class<?>, Schema> built = new LinkedHashMap<>();

  SchemaBuilder(Map<Class<?>, Schema> published) {
    this.published = published;
  }

  Map<Class<?>, Schema> built() {
    return built;
  }

  /** The schema of a model class (an object, or free-form when it declares no properties). */
  Schema classSchema(Class<?> type) {
    Schema known = published.get(type);
    if (known == null) {
      known = built.get(type);
    }
    if (known != null) {
      return known;
    }
    Schema special = special(type);
    if (special != null) {
      built.put(type, special);
      return special;
    }
    List<java.lang.reflect.Field> properties = properties(type);
    String name = DefinitionNames.of(type);
    if (properties.isEmpty()) {
      Schema free = new FreeFormSchema(name);
      built.put(type, free);
      return free;
    }
    boolean list = KubernetesResourceList.class.isAssignableFrom(type);
    String description = TypeFacts.description(name);
    List<String> required = TypeFacts.required(name);
    if (list) {
      String item = type.getSimpleName().substring(0, type.getSimpleName().length() - 4);
      description = type.getSimpleName() + " is a list of " + item + " objects.";
      required = List.of("items");
    }
    ObjectSchema object = new ObjectSchema(name, type, description, required,
        PatchFacts.structType(name));
    // registered before its fields are read, so that a recursive type refers to itself
    built.put(type, object);
    Map<String, Field> fields = new LinkedHashMap<>();
    for (java.lang.reflect.Field property : properties) {
      String json = jsonName(property);
      String fieldDescription = list ? TypeFacts.listFieldDescription(json)
          : HasMetadata.class.isAssignableFrom(type) ? TypeFacts.objectFieldDescription(json) : "";
      fields.put(json, field(name, json, property.getGenericType(), fieldDescription));
    }
    object.complete(fields);
    return object;
  }

  private Field field(String owner, String json, Type javaType, String description) {
    Schema schema = fieldSchema(owner, json, javaType);
    PatchFacts.ListFact list = schema instanceof ArraySchema ? PatchFacts.list(owner, json) : null;
    if (list != null) {
      return new Field(json, schema, description, list.patchStrategy(), list.patchMergeKey(),
          list.listType(), list.listMapKeys(), "");
    }
    return new Field(json, schema, description, PatchFacts.fieldStrategy(owner, json), "", "",
        List.of(), schema instanceof MapSchema ? PatchFacts.mapType(owner, json) : "");
  }

  /** A field's schema: the facts about it first, then its Java type. */
  private Schema fieldSchema(String owner, String json, Type javaType) {
    ScalarSchema scalar = TypeFacts.scalar(owner, json);
    if (scalar != null) {
      // a map of []byte keeps its map shape; a Time string becomes the Time scalar
      Schema shape = typeSchema(javaType);
      return shape instanceof MapSchema ? new MapSchema(scalar) : scalar;
    }
    String freeForm = TypeFacts.freeForm(owner, json);
    if (freeForm != null) {
      return new FreeFormSchema(freeForm);
    }
    return typeSchema(javaType);
  }

  Schema typeSchema(Type javaType) {
    if (javaType instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (Map.class.isAssignableFrom(raw)) {
        return new MapSchema(typeSchema(arguments[1]));
      }
      if (Collection.class.isAssignableFrom(raw)) {
        return new ArraySchema(typeSchema(arguments[0]));
      }
      return typeSchema(raw);
    }
    if (javaType instanceof WildcardType wildcard) {
      return typeSchema(wildcard.getUpperBounds()[0]);
    }
    if (!(javaType instanceof Class<?> type)) {
      return FreeFormSchema.ANY;
    }
    if (type.isArray()) {
      return type.getComponentType() == byte.class
          ? ScalarSchema.BYTES
          : new ArraySchema(typeSchema(type.getComponentType()));
    }
    if (Map.class.isAssignableFrom(type)) {
      return new MapSchema(FreeFormSchema.ANY);
    }
    if (Collection.class.isAssignableFrom(type)) {
      return new ArraySchema(FreeFormSchema.ANY);
    }
    ScalarSchema scalar = scalar(type);
    if (scalar != null) {
      return scalar;
    }
    Schema special = special(type);
    if (special != null) {
      return special;
    }
    if (type == Object.class || JsonNode.class.isAssignableFrom(type) || type.isInterface()
        || Modifier.isAbstract(type.getModifiers())) {
      // KubernetesResource, HasMetadata: an embedded object of any kind, Kubernetes' RawExtension
      return KubernetesResource.class.isAssignableFrom(type)
          ? new FreeFormSchema(DefinitionNames.RAW_EXTENSION)
          : FreeFormSchema.ANY;
    }
    return classSchema(type);
  }

  /** Model classes with their own JSON form. */
  private static Schema special(Class<?> type) {
    if (type == Quantity.class) {
      return ScalarSchema.QUANTITY;
    }
    if (type == IntOrString.class) {
      return ScalarSchema.INT_OR_STRING;
    }
    if (type == MicroTime.class) {
      return ScalarSchema.MICRO_TIME;
    }
    if (type == io.fabric8.kubernetes.api.model.Duration.class) {
      return ScalarSchema.STRING;
    }
    if (RawExtension.class.isAssignableFrom(type)) {
      return new FreeFormSchema(DefinitionNames.RAW_EXTENSION);
    }
    return null;
  }

  private static ScalarSchema scalar(Class<?> type) {
    if (type == String.class || type == Character.class || type == char.class || type.isEnum()) {
      return ScalarSchema.STRING;
    }
    if (type == Boolean.class || type == boolean.class) {
      return ScalarSchema.BOOLEAN;
    }
    if (type == Integer.class || type == int.class || type == Short.class || type == short.class
        || type == Byte.class || type == byte.class) {
      return ScalarSchema.INT32;
    }
    if (type == Long.class || type == long.class || type == BigInteger.class) {
      return ScalarSchema.INT64;
    }
    if (type == Double.class || type == double.class || type == Float.class
        || type == float.class || type == BigDecimal.class) {
      return ScalarSchema.NUMBER;
    }
    if (type == ZonedDateTime.class || type == OffsetDateTime.class
        || type == java.time.Instant.class || type == java.util.Date.class) {
      return ScalarSchema.TIME;
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return ScalarSchema.STRING;
    }
    return null;
  }

  /** The JSON properties of a model class, superclass fields first, in declaration order. */
  private static List<java.lang.reflect.Field> properties(Class<?> type) {
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.add(0, c);
    }
    List<java.lang.reflect.Field> result = new ArrayList<>();
    for (Class<?> c : hierarchy) {
      for (java.lang.reflect.Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()
            || field.isAnnotationPresent(JsonIgnore.class)
            || !field.isAnnotationPresent(JsonProperty.class)) {
          continue;
        }
        result.add(field);
      }
    }
    return result;
  }

  private static String jsonName(java.lang.reflect.Field field) {
    String name = field.getAnnotation(JsonProperty.class).value();
    return name == null || name.isEmpty() ? field.getName() : name;
  }
}
