package io.kubee.api.schema;

import io.kubee.api.registry.ResourceType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema of the served kinds, read from the fabric8 model classes by reflection and
 * completed with Kubernetes' patch metadata ({@link PatchFacts}). The entry point of the
 * package: field validation, the patch engines ({@link #patchMeta}) and the OpenAPI documents
 * all read it from here.
 *
 * <p>Schemas are built once per class and cached for the life of the class loader. Thread-safe:
 * builds run one at a time and publish only complete schemas; lookups of built schemas do not
 * lock.
 */
public final class ModelSchema {
  private static final Map<Class<?>, Schema> CACHE = new ConcurrentHashMap<>();
  private static final Object BUILD_LOCK = new Object();

  private ModelSchema() {}

  /** The schema of a served kind's objects ({@code io.k8s.api.core.v1.Pod}). */
  public static ObjectSchema forKind(ResourceType type) {
    return forClass(type.modelClass());
  }

  /**
   * The schema of a served kind's list ({@code io.k8s.api.core.v1.PodList}), or empty when the
   * model has no list class for it.
   */
  public static Optional<ObjectSchema> forList(ResourceType type) {
    try {
      Class<?> list = Class.forName(type.modelClass().getName() + "List", false,
          type.modelClass().getClassLoader());
      return Optional.of(forClass(list));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The schema of a fabric8 model class with properties.
   *
   * @throws IllegalArgumentException when the class is not an object in JSON (a scalar such as
   *     {@code Quantity}, or a class without properties such as {@code FieldsV1})
   */
  public static ObjectSchema forClass(Class<?> modelClass) {
    if (of(modelClass) instanceof ObjectSchema object) {
      return object;
    }
    throw new IllegalArgumentException(modelClass.getName() + " is not an object schema");
  }

  /** The schema of any model class: object, named scalar or free-form. */
  public static Schema of(Class<?> modelClass) {
    Schema schema = CACHE.get(modelClass);
    if (schema != null) {
      return schema;
    }
    synchronized (BUILD_LOCK) {
      schema = CACHE.get(modelClass);
      if (schema == null) {
        SchemaBuilder builder = new SchemaBuilder(CACHE);
        schema = builder.typeSchema(modelClass);
        // every schema of the run is complete now; publish them together
        CACHE.putAll(builder.built());
        CACHE.putIfAbsent(modelClass, schema);
      }
      return schema;
    }
  }

  /**
   * The root position of a served kind's objects for the patch engines: an OBJECT whose fields
   * lead to the merge strategy and keys of every list (see {@link PatchMeta}).
   */
  public static PatchMeta patchMeta(ResourceType type) {
    return SchemaPatchMeta.root(forKind(type));
  }

  /**
   * The documentation Kubee publishes for a definition ({@code io.k8s.api.core.v1.Pod},
   * {@code io.k8s.apimachinery.pkg.api.resource.Quantity}), "" when it has none.
   */
  public static String description(String definitionName) {
    return TypeFacts.description(definitionName);
  }

  /** The root position of any model class with properties. */
  public static PatchMeta patchMeta(Class<?> modelClass) {
    return SchemaPatchMeta.root(forClass(modelClass));
  }
}
