package io.kubee.controllers.util;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** JSON of patches and copies of model objects, with fabric8's serialization. */
public final class Json {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Json() {}

  public static String write(Object value) {
    return SERIALIZATION.asJson(value);
  }

  /** A deep copy of a model object (client-go's {@code DeepCopy}). */
  public static <T> T copy(T object) {
    return SERIALIZATION.clone(object);
  }

  public static <T> T read(String json, Class<T> type) {
    return SERIALIZATION.unmarshal(json, type);
  }

  public static <T> T convert(Object value, Class<T> type) {
    return SERIALIZATION.convertValue(value, type);
  }
}
