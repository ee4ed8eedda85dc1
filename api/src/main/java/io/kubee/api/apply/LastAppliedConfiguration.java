package io.kubee.api.apply;

import io.kubee.api.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kubectl.kubernetes.io/last-applied-configuration} annotation of client-side
 * apply, as server-side apply treats it ({@code lastappliedmanager.go},
 * {@code lastappliedupdater.go}). For every other write it is an ordinary annotation, kept
 * byte for byte. Only when the manager is {@code kubectl} (what {@code kubectl apply
 * --server-side} sends) and the object has the annotation does Kubernetes (1) let the apply
 * take over, without conflict, the fields whose live value is still the last-applied one, and
 * (2) rewrite the annotation to the applied configuration, so that a later client-side apply
 * sees what was applied. Stateless.
 */
final class LastAppliedConfiguration {
  private LastAppliedConfiguration() {}

  static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
  /** The applier Kubernetes upgrades from and syncs to client-side apply. */
  static final String KUBECTL = "kubectl";
  /** Kubernetes' {@code TotalAnnotationSizeLimitB}. */
  private static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static boolean has(JsonNode object) {
    JsonNode value = object.path("metadata").path("annotations").get(ANNOTATION);
    return value != null && value.isString() && !value.asString().isEmpty();
  }

  /**
   * The annotation's value for an applied configuration: the configuration without the
   * annotation, as Go encodes an unstructured object (keys sorted, newline at the end).
   */
  static String build(JsonNode config) {
    ObjectNode copy = (ObjectNode) config.deepCopy();
    JsonNode annotations = copy.path("metadata").get("annotations");
    if (annotations instanceof ObjectNode map) {
      map.remove(ANNOTATION);
    }
    return JsonValues.json(copy) + "\n";
  }

  /** Sets the annotation, or leaves it out when the annotations would grow too large. */
  static void set(ObjectNode object, String value) {
    ObjectNode metadata = object.get("metadata") instanceof ObjectNode m ? m
        : object.putObject("metadata");
    ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode a ? a
        : metadata.putObject("annotations");
    annotations.put(ANNOTATION, value);
    long size = 0;
    for (Map.Entry<String, JsonNode> e : annotations.properties()) {
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().asString("").getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
      annotations.remove(ANNOTATION);
    }
  }

  /**
   * The fields of the last-applied configuration whose live value is still the one it
   * applied: an apply by {@code kubectl} may take these over from
   * {@code kubectl-client-side-apply} without conflict.
   *
   * @return null when the object has no usable annotation (absent, not JSON, of another
   *     version, or not of the schema), in which case the conflicts stand
   */
  static FieldSet allowedConflicts(ObjectNode live, ResourceType type, Shape root) {
    if (!has(live)) {
      return null;
    }
    String text = live.path("metadata").path("annotations").get(ANNOTATION).asString();
    JsonNode lastApplied;
    try {
      lastApplied = JSON.readTree(text);
    } catch (JacksonException e) {
      return null;
    }
    if (lastApplied == null || !lastApplied.isObject()
        || !type.apiVersion().equals(lastApplied.path("apiVersion").asString(""))) {
      return null;
    }
    FieldSet set;
    try {
      set = ObjectFields.of(lastApplied, root, true);
    } catch (ObjectFields.SchemaError e) {
      return null;
    }
    Comparison comparison = Comparison.of(lastApplied, GoZeroValues.overlay(live, root), root);
    return set.difference(comparison.modified()).difference(comparison.added())
        .difference(comparison.removed());
  }
}
