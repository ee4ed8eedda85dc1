package io.kubee.api.validation;

import io.kubee.api.registry.ResourceType;
import io.kubee.api.registry.ResourceType.NameRule;
import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The rules every object's {@code metadata} follows, and the label rules shared by selectors and
 * templates. Mirrors {@code k8s.io/apimachinery/pkg/api/validation/objectmeta.go},
 * {@code pkg/apis/meta/v1/validation} and the core additions for finalizer names.
 */
final class MetadataValidation {
  private MetadataValidation() {}

  static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
  static final String IMMUTABLE = "field is immutable";
  static final String NEGATIVE = "must be greater than or equal to 0";
  static final String NOT_POSITIVE = "must be greater than zero";

  private static final String ORPHAN = "orphan";
  private static final String FOREGROUND = "foregroundDeletion";
  private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", ORPHAN, FOREGROUND);

  /** The name check of a type: {@code prefix} for a generateName. */
  static List<String> nameErrors(NameRule rule, String name, boolean prefix) {
    return switch (rule) {
      case DNS1123_SUBDOMAIN -> Names.nameIsDnsSubdomain(name, prefix);
      case DNS1123_LABEL -> Names.nameIsDnsLabel(name, prefix);
      case DNS1035_LABEL -> Names.nameIsDns1035Label(name, prefix);
      case PATH_SEGMENT -> Names.pathSegmentName(name, prefix);
    };
  }

  /** ValidateObjectMeta: the metadata of an object being created. */
  static void create(JsonNode object, ResourceType type, FieldErrors errs) {
    JsonNode meta = Json.get(object, "metadata");
    FieldPath path = FieldPath.of("metadata");
    String generateName = Json.text(meta, "generateName");
    if (!generateName.isEmpty()) {
      for (String msg : nameErrors(type.nameRule(), generateName, true)) {
        errs.invalid(path.child("generateName"), generateName, msg);
      }
    }
    String name = Json.text(meta, "name");
    if (name.isEmpty()) {
      // the apiserver generates the name from generateName after validation
      if (generateName.isEmpty()) {
        errs.required(path.child("name"), "name or generateName is required");
      }
    } else {
      for (String msg : nameErrors(type.nameRule(), name, false)) {
        errs.invalid(path.child("name"), name, msg);
      }
    }
    String namespace = Json.text(meta, "namespace");
    if (type.namespaced()) {
      if (namespace.isEmpty()) {
        errs.required(path.child("namespace"), "");
      } else {
        for (String msg : Names.nameIsDnsLabel(namespace, false)) {
          errs.invalid(path.child("namespace"), namespace, msg);
        }
      }
    } else if (!namespace.isEmpty()) {
      errs.forbidden(path.child("namespace"), "not allowed on this type");
    }
    Long generation = Json.number(meta, "generation");
    if (generation != null && generation < 0) {
      errs.invalid(path.child("generation"), generation, NEGATIVE);
    }
    common(meta, path, errs);
  }

  /**
   * ValidateObjectMetaUpdate, less what the caller enforces itself (immutable name, namespace,
   * uid, creationTimestamp, deletion fields, resourceVersion and generation).
   */
  static void update(JsonNode object, JsonNode old, FieldErrors errs) {
    JsonNode meta = Json.get(object, "metadata");
    JsonNode oldMeta = Json.get(old, "metadata");
    FieldPath path = FieldPath.of("metadata");
    if (Json.has(oldMeta, "deletionTimestamp")) {
      Set<String> added = new LinkedHashSet<>(Json.strings(meta, "finalizers"));
      added.removeAll(Json.strings(oldMeta, "finalizers"));
      if (!added.isEmpty()) {
        List<String> sorted = new ArrayList<>(added);
        sorted.sort(null);
        errs.forbidden(path.child("finalizers"),
            "no new finalizers can be added if the object is being deleted, found new finalizers "
                + goStrings(sorted));
      }
    }
    common(meta, path, errs);
  }

  private static void common(JsonNode meta, FieldPath path, FieldErrors errs) {
    labels(Json.map(meta, "labels"), path.child("labels"), errs);
    annotations(Json.map(meta, "annotations"), path.child("annotations"), errs);
    ownerReferences(Json.list(meta, "ownerReferences"), path.child("ownerReferences"), errs);
    List<String> finalizers = Json.strings(meta, "finalizers");
    FieldPath fpath = path.child("finalizers");
    for (String f : finalizers) {
      for (String msg : Names.qualifiedName(f)) {
        errs.invalid(fpath, f, msg);
      }
    }
    if (finalizers.contains(ORPHAN) && finalizers.contains(FOREGROUND)) {
      errs.invalid(fpath, finalizers, "finalizer " + ORPHAN + " and " + FOREGROUND
          + " cannot be both set");
    }
    for (int i = 0; i < finalizers.size(); i++) {
      kubeFinalizerName(finalizers.get(i), fpath.index(i), errs);
    }
  }

  /** A finalizer without a '/' must be one Kubernetes defines. */
  static void kubeFinalizerName(String name, FieldPath path, FieldErrors errs) {
    if (!name.contains("/") && !STANDARD_FINALIZERS.contains(name)) {
      errs.invalid(path, name, "name is neither a standard finalizer name nor is it fully"
          + " qualified");
    }
  }

  /** Namespace spec.finalizers and the like: a qualified name that Kubernetes knows. */
  static void finalizerName(String name, FieldPath path, FieldErrors errs) {
    for (String msg : Names.qualifiedName(name)) {
      errs.invalid(path, name, msg);
    }
    kubeFinalizerName(name, path, errs);
  }

  static void labels(Map<String, String> labels, FieldPath path, FieldErrors errs) {
    labels.forEach((k, v) -> {
      labelName(k, path, errs);
      for (String msg : Names.labelValue(v)) {
        errs.invalid(path, v, msg);
      }
    });
  }

  static void labelName(String name, FieldPath path, FieldErrors errs) {
    for (String msg : Names.qualifiedName(name)) {
      errs.invalid(path, name, msg);
    }
  }

  static void annotations(Map<String, String> annotations, FieldPath path, FieldErrors errs) {
    long total = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      // the rule is a qualified name, but case does not matter
      for (String msg : Names.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
        errs.invalid(path, e.getKey(), msg);
      }
      total += Names.byteLength(e.getKey()) + Names.byteLength(e.getValue());
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errs.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT);
    }
  }

  private static void ownerReferences(List<JsonNode> refs, FieldPath path, FieldErrors errs) {
    String firstController = "";
    for (JsonNode ref : refs) {
      String apiVersion = Json.text(ref, "apiVersion");
      String kind = Json.text(ref, "kind");
      String group = "";
      String version = "";
      String[] gv = apiVersion.split("/", -1);
      if (gv.length == 1) {
        version = gv[0];
      } else if (gv.length == 2) {
        group = gv[0];
        version = gv[1];
      }
      if (version.isEmpty()) {
        errs.invalid(path.child("apiVersion"), apiVersion, "version must not be empty");
      }
      if (kind.isEmpty()) {
        errs.invalid(path.child("kind"), kind, "kind must not be empty");
      }
      if (Json.text(ref, "name").isEmpty()) {
        errs.invalid(path.child("name"), "", "name must not be empty");
      }
      if (Json.text(ref, "uid").isEmpty()) {
        errs.invalid(path.child("uid"), "", "uid must not be empty");
      }
      if (group.isEmpty() && version.equals("v1") && kind.equals("Event")) {
        errs.invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner");
      }
      if (Json.bool(ref, "controller")) {
        String current = kind + "/" + Json.text(ref, "name");
        if (!firstController.isEmpty()) {
          errs.invalid(path, refsValue(refs), "Only one reference can have Controller set to"
              + " true. Found \"true\" in references for " + firstController + " and "
              + current);
        } else {
          firstController = current;
        }
      }
    }
  }

  private static Object refsValue(List<JsonNode> refs) {
    return io.kubee.api.codec.Codec.INSTANCE.json().valueToTree(refs);
  }

  /**
   * ValidateLabelSelector for a {@code metav1.LabelSelector}; {@code null} is valid (the callers
   * that require a selector say so themselves).
   */
  static void labelSelector(JsonNode selector, FieldPath path, FieldErrors errs) {
    if (selector == null || !selector.isObject()) {
      return;
    }
    labels(Json.map(selector, "matchLabels"), path.child("matchLabels"), errs);
    List<JsonNode> exprs = Json.list(selector, "matchExpressions");
    for (int i = 0; i < exprs.size(); i++) {
      JsonNode expr = exprs.get(i);
      FieldPath p = path.child("matchExpressions").index(i);
      String op = Json.text(expr, "operator");
      List<String> values = Json.strings(expr, "values");
      switch (op) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errs.required(p.child("values"),
                "must be specified when `operator` is 'In' or 'NotIn'");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errs.forbidden(p.child("values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
          }
        }
        default -> errs.invalid(p.child("operator"), op, "not a valid selector operator");
      }
      labelName(Json.text(expr, "key"), p.child("key"), errs);
      for (int j = 0; j < values.size(); j++) {
        for (String msg : Names.labelValue(values.get(j))) {
          errs.invalid(p.child("values").index(j), values.get(j), msg);
        }
      }
    }
  }

  /** Go's {@code %#v} of a {@code []string}. */
  static String goStrings(List<String> values) {
    StringBuilder b = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(FieldErrors.goQuote(values.get(i)));
    }
    return b.append('}').toString();
  }

  /** Immutability: an Invalid "field is immutable" when the values differ semantically. */
  static void immutable(JsonNode now, JsonNode before, FieldPath path, FieldErrors errs) {
    if (!Json.semanticEquals(now, before)) {
      errs.invalid(path, now, IMMUTABLE);
    }
  }
}
