package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pods and pod templates ({@code ValidatePodCreate}, {@code ValidatePodUpdate},
 * {@code ValidatePodTemplateSpec} in {@code pkg/apis/core/validation/validation.go}). A pod's spec
 * is immutable after creation except for container images, activeDeadlineSeconds (may only
 * shrink), added tolerations, removed scheduling gates and a negative grace period set to 1.
 */
final class PodValidation {
  private PodValidation() {}

  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
  static final String DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

  private static final String UPDATABLE_FIELDS = "`spec.containers[*].image`,"
      + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
      + "`spec.tolerations` (only additions to existing tolerations),"
      + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously"
      + " negative)";

  static void create(JsonNode pod, FieldErrors errs) {
    metadataAndSpec(pod, errs);
    JsonNode spec = Json.get(pod, "spec");
    FieldPath specPath = FieldPath.of("spec");
    if (!Json.list(spec, "ephemeralContainers").isEmpty()) {
      errs.forbidden(specPath.child("ephemeralContainers"), "cannot be set on create");
    }
    if (!Json.text(spec, "nodeName").isEmpty() && !Json.list(spec, "schedulingGates").isEmpty()) {
      errs.forbidden(specPath.child("nodeName"),
          "cannot be set until all schedulingGates have been cleared");
    }
  }

  private static void metadataAndSpec(JsonNode pod, FieldErrors errs) {
    JsonNode spec = Json.get(pod, "spec");
    FieldPath specPath = FieldPath.of("spec");
    podAnnotations(Json.map(Json.get(pod, "metadata"), "annotations"), spec,
        FieldPath.of("metadata", "annotations"), errs);
    PodSpecValidation.spec(spec, specPath, true, errs);
    if (Json.text(spec, "serviceAccountName").isEmpty()) {
      List<JsonNode> volumes = Json.list(spec, "volumes");
      for (int vi = 0; vi < volumes.size(); vi++) {
        List<JsonNode> sources = Json.list(Json.get(volumes.get(vi), "projected"), "sources");
        for (int si = 0; si < sources.size(); si++) {
          if (Json.has(sources.get(si), "serviceAccountToken")) {
            errs.forbidden(specPath.child("volumes").index(vi).child("projected", "sources")
                .index(si).child("serviceAccountToken"),
                "must not be specified when serviceAccountName is not set");
          }
        }
      }
    }
    for (String kind : List.of("containers", "initContainers")) {
      List<JsonNode> containers = Json.list(spec, kind);
      for (int i = 0; i < containers.size(); i++) {
        String image = Json.text(containers.get(i), "image");
        if (!image.strip().equals(image)) {
          errs.invalid(specPath.child(kind).index(i).child("image"), image,
              "must not have leading or trailing whitespace");
        }
      }
    }
  }

  /** ValidatePodSpecificAnnotations. */
  private static void podAnnotations(Map<String, String> annotations, JsonNode spec,
      FieldPath path, FieldErrors errs) {
    String mirror = annotations.get(MIRROR_ANNOTATION);
    if (mirror != null && Json.text(spec, "nodeName").isEmpty()) {
      errs.invalid(path.key(MIRROR_ANNOTATION), mirror,
          "must set spec.nodeName if mirror pod annotation is set");
    }
    String cost = annotations.get(DELETION_COST_ANNOTATION);
    if (cost != null && !isInt32(cost)) {
      errs.invalid(path.key(DELETION_COST_ANNOTATION), cost, "must be a 32bit integer");
    }
  }

  private static boolean isInt32(String s) {
    if (s.isEmpty() || !(s.charAt(0) == '-' || s.equals("0")
        || (s.charAt(0) >= '1' && s.charAt(0) <= '9'))) {
      return false; // no "+10", no leading zeros
    }
    try {
      Integer.parseInt(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static void update(JsonNode pod, JsonNode old, FieldErrors errs) {
    metadataAndSpec(pod, errs);
    annotationUpdates(pod, old, errs);
    JsonNode spec = Json.get(pod, "spec");
    JsonNode oldSpec = Json.get(old, "spec");
    FieldPath specPath = FieldPath.of("spec");
    for (String kind : List.of("containers", "initContainers")) {
      if (Json.list(spec, kind).size() != Json.list(oldSpec, kind).size()) {
        errs.forbidden(specPath.child(kind), "pod updates may not add or remove containers");
        return;
      }
    }
    Long deadline = Json.number(spec, "activeDeadlineSeconds");
    Long oldDeadline = Json.number(oldSpec, "activeDeadlineSeconds");
    if (deadline != null) {
      if (deadline < 0 || deadline > Integer.MAX_VALUE) {
        errs.invalid(specPath.child("activeDeadlineSeconds"), deadline,
            io.kubee.api.validation.syntax.Names.inclusiveRangeError(0, Integer.MAX_VALUE));
        return;
      }
      if (oldDeadline != null && oldDeadline < deadline) {
        errs.invalid(specPath.child("activeDeadlineSeconds"), deadline,
            "must be less than or equal to previous value");
        return;
      }
    } else if (oldDeadline != null) {
      errs.invalid(specPath.child("activeDeadlineSeconds"), null,
          "must not update from a positive integer to nil value");
    }
    onlyAddedTolerations(Json.list(spec, "tolerations"), Json.list(oldSpec, "tolerations"),
        specPath.child("tolerations"), errs);
    onlyDeletedSchedulingGates(spec, oldSpec, specPath.child("schedulingGates"), errs);

    ObjectNode munged = spec == null ? io.kubee.api.codec.Codec.INSTANCE.newObject()
        : (ObjectNode) spec.deepCopy();
    for (String kind : List.of("containers", "initContainers")) {
      List<JsonNode> containers = Json.list(munged, kind);
      List<JsonNode> oldContainers = Json.list(oldSpec, kind);
      for (int i = 0; i < containers.size(); i++) {
        if (containers.get(i) instanceof ObjectNode c) {
          JsonNode oldImage = Json.get(oldContainers.get(i), "image");
          if (oldImage == null) {
            c.remove("image");
          } else {
            c.set("image", oldImage);
          }
        }
      }
    }
    copy(munged, oldSpec, "activeDeadlineSeconds");
    copy(munged, oldSpec, "schedulingGates");
    copy(munged, oldSpec, "tolerations");
    Long oldGrace = Json.number(oldSpec, "terminationGracePeriodSeconds");
    Long newGrace = Json.number(munged, "terminationGracePeriodSeconds");
    if (oldGrace != null && oldGrace < 0 && newGrace != null && newGrace == 1) {
      copy(munged, oldSpec, "terminationGracePeriodSeconds");
    }
    if (!Json.list(oldSpec, "schedulingGates").isEmpty()) {
      // a gated pod may gain node selector entries
      Map<String, String> before = Json.map(oldSpec, "nodeSelector");
      Map<String, String> now = Json.map(munged, "nodeSelector");
      if (!before.equals(now)) {
        for (Map.Entry<String, String> e : before.entrySet()) {
          if (!e.getValue().equals(now.get(e.getKey()))) {
            errs.invalid(specPath.child("nodeSelector"), now,
                "only additions to spec.nodeSelector are allowed (no mutations or deletions)");
            break;
          }
        }
        copy(munged, oldSpec, "nodeSelector");
      }
    }
    if (!Json.semanticEquals(munged, oldSpec)) {
      List<String> diff = Json.differences(oldSpec, munged, "spec");
      errs.forbidden(specPath, "pod updates may not change fields other than " + UPDATABLE_FIELDS
          + "\n" + String.join("\n", diff));
    }
  }

  private static void copy(ObjectNode target, JsonNode source, String field) {
    JsonNode v = Json.get(source, field);
    if (v == null) {
      target.remove(field);
    } else {
      target.set(field, v.deepCopy());
    }
  }

  private static void annotationUpdates(JsonNode pod, JsonNode old, FieldErrors errs) {
    Map<String, String> now = Json.map(Json.get(pod, "metadata"), "annotations");
    Map<String, String> before = Json.map(Json.get(old, "metadata"), "annotations");
    FieldPath path = FieldPath.of("metadata", "annotations");
    String oldMirror = before.get(MIRROR_ANNOTATION);
    String newMirror = now.get(MIRROR_ANNOTATION);
    if (oldMirror != null && !oldMirror.equals(newMirror)) {
      errs.forbidden(path.key(MIRROR_ANNOTATION), "may not remove or update mirror pod annotation");
    } else if (oldMirror == null && newMirror != null) {
      errs.forbidden(path.key(MIRROR_ANNOTATION), "may not add mirror pod annotation");
    }
  }

  private static void onlyAddedTolerations(List<JsonNode> now, List<JsonNode> before,
      FieldPath path, FieldErrors errs) {
    for (JsonNode old : before) {
      JsonNode oldWithout = withoutSeconds(old);
      boolean found = false;
      for (JsonNode t : now) {
        if (Json.semanticEquals(oldWithout, withoutSeconds(t))) {
          found = true;
          break;
        }
      }
      if (!found) {
        errs.forbidden(path, "existing toleration can not be modified except its"
            + " tolerationSeconds");
        return;
      }
    }
  }

  private static JsonNode withoutSeconds(JsonNode toleration) {
    if (toleration instanceof ObjectNode o) {
      ObjectNode copy = o.deepCopy();
      copy.remove("tolerationSeconds");
      return copy;
    }
    return toleration;
  }

  private static void onlyDeletedSchedulingGates(JsonNode spec, JsonNode oldSpec, FieldPath path,
      FieldErrors errs) {
    List<JsonNode> gates = Json.list(spec, "schedulingGates");
    Set<String> old = new HashSet<>();
    for (JsonNode g : Json.list(oldSpec, "schedulingGates")) {
      old.add(Json.text(g, "name"));
    }
    for (int i = 0; i < gates.size(); i++) {
      String name = Json.text(gates.get(i), "name");
      if (!old.contains(name)) {
        errs.forbidden(path.index(i).child("name"),
            "only deletion is allowed, but found new scheduling gate '" + name + "'");
      }
    }
  }

  /** ValidatePodTemplateSpec: the template of a Deployment or ReplicaSet. */
  static void template(JsonNode template, FieldPath path, FieldErrors errs) {
    JsonNode meta = Json.get(template, "metadata");
    JsonNode spec = Json.get(template, "spec");
    MetadataValidation.labels(Json.map(meta, "labels"), path.child("labels"), errs);
    Map<String, String> annotations = Json.map(meta, "annotations");
    MetadataValidation.annotations(annotations, path.child("annotations"), errs);
    podAnnotations(annotations, spec, path.child("annotations"), errs);
    PodSpecValidation.spec(spec, path.child("spec"), false, errs);
    if (!Json.list(spec, "ephemeralContainers").isEmpty()) {
      errs.forbidden(path.child("spec", "ephemeralContainers"),
          "ephemeral containers not allowed in pod template");
    }
  }
}
