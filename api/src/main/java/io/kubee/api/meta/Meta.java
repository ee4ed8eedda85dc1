package io.kubee.api.meta;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code metadata} and the type fields of an object held as a JSON tree.
 * Getters return "" (never null) for missing strings; setters create {@code metadata} when
 * absent. None of these methods validate.
 */
public final class Meta {
  private Meta() {}

  public static ObjectNode metadata(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (metadata instanceof ObjectNode node) {
      return node;
    }
    return object.putObject("metadata");
  }

  public static String apiVersion(ObjectNode object) {
    return text(object, "apiVersion");
  }

  public static String kind(ObjectNode object) {
    return text(object, "kind");
  }

  public static String name(ObjectNode object) {
    return metaText(object, "name");
  }

  public static String namespace(ObjectNode object) {
    return metaText(object, "namespace");
  }

  public static String generateName(ObjectNode object) {
    return metaText(object, "generateName");
  }

  public static String uid(ObjectNode object) {
    return metaText(object, "uid");
  }

  public static String resourceVersion(ObjectNode object) {
    return metaText(object, "resourceVersion");
  }

  public static String creationTimestamp(ObjectNode object) {
    return metaText(object, "creationTimestamp");
  }

  public static String deletionTimestamp(ObjectNode object) {
    return metaText(object, "deletionTimestamp");
  }

  /** 0 when unset. */
  public static long generation(ObjectNode object) {
    JsonNode meta = object.get("metadata");
    return meta == null ? 0 : meta.path("generation").asLong(0);
  }

  public static Map<String, String> labels(ObjectNode object) {
    return stringMap(object, "labels");
  }

  public static Map<String, String> annotations(ObjectNode object) {
    return stringMap(object, "annotations");
  }

  public static void setName(ObjectNode object, String name) {
    metadata(object).put("name", name);
  }

  public static void setNamespace(ObjectNode object, String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      metadata(object).remove("namespace");
    } else {
      metadata(object).put("namespace", namespace);
    }
  }

  public static void setUid(ObjectNode object, String uid) {
    metadata(object).put("uid", uid);
  }

  /** Sets metadata.resourceVersion; {@code null} or 0 removes it. */
  public static void setResourceVersion(ObjectNode object, long resourceVersion) {
    if (resourceVersion <= 0) {
      metadata(object).remove("resourceVersion");
    } else {
      metadata(object).put("resourceVersion", Long.toString(resourceVersion));
    }
  }

  public static void setCreationTimestamp(ObjectNode object, Instant time) {
    metadata(object).put("creationTimestamp", timestamp(time));
  }

  public static void setGeneration(ObjectNode object, long generation) {
    metadata(object).put("generation", generation);
  }

  /** Kubernetes' timestamp: RFC 3339 in UTC with whole seconds ("2026-11-27T15:13:28Z"). */
  public static String timestamp(Instant time) {
    return time.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Parses a metadata.resourceVersion or a resourceVersion query value: "" is 0; anything that is
   * not a non-negative decimal is -1, which callers turn into a 400.
   */
  public static long parseResourceVersion(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    if (value.length() > 19) {
      return -1;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(value);
  }

  private static String text(ObjectNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && value.isString() ? value.asString() : "";
  }

  private static String metaText(ObjectNode object, String field) {
    JsonNode meta = object.get("metadata");
    if (meta == null) {
      return "";
    }
    JsonNode value = meta.get(field);
    return value != null && value.isString() ? value.asString() : "";
  }

  private static Map<String, String> stringMap(ObjectNode object, String field) {
    JsonNode meta = object.get("metadata");
    JsonNode map = meta == null ? null : meta.get(field);
    if (map == null || !map.isObject() || map.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      result.put(entry.getKey(), entry.getValue().isString() ? entry.getValue().asString()
          : entry.getValue().toString());
    }
    return result;
  }
}
