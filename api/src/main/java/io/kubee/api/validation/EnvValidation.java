package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import io.kubee.api.validation.syntax.Quantity;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A container's environment and the downward API selectors it and volumes use
 * ({@code ValidateEnv}, {@code ValidateEnvFrom}, {@code validateObjectFieldSelector},
 * {@code validateContainerResourceFieldSelector} in {@code pkg/apis/core/validation}).
 */
final class EnvValidation {
  private EnvValidation() {}

  private static final List<String> ENV_FIELD_PATHS = List.of("metadata.name",
      "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
      "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
  private static final Set<String> DOWNWARD_LABELS = Set.of("metadata.annotations",
      "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
      "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase",
      "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs", "spec.host");
  private static final List<String> RESOURCE_FIELD_PATHS = List.of("limits.cpu",
      "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage",
      "requests.memory");

  static void env(List<JsonNode> vars, FieldPath path, FieldErrors errs) {
    for (int i = 0; i < vars.size(); i++) {
      JsonNode ev = vars.get(i);
      FieldPath p = path.index(i);
      String name = Json.text(ev, "name");
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      } else {
        Names.envVarName(name).forEach(m -> errs.invalid(p.child("name"), name, m));
      }
      JsonNode from = Json.get(ev, "valueFrom");
      if (from == null) {
        continue;
      }
      FieldPath fp = p.child("valueFrom");
      int sources = 0;
      JsonNode fieldRef = Json.get(from, "fieldRef");
      if (fieldRef != null) {
        sources++;
        objectFieldSelector(fieldRef, ENV_FIELD_PATHS, fp.child("fieldRef"), errs);
      }
      JsonNode resourceRef = Json.get(from, "resourceFieldRef");
      if (resourceRef != null) {
        sources++;
        resourceFieldSelector(resourceRef, fp.child("resourceFieldRef"), false, errs);
      }
      for (String kind : List.of("configMapKeyRef", "secretKeyRef")) {
        JsonNode ref = Json.get(from, kind);
        if (ref != null) {
          sources++;
          keySelector(ref, fp.child(kind), errs);
        }
      }
      if (sources == 0) {
        errs.invalid(fp, "", "must specify one of: `fieldRef`, `resourceFieldRef`,"
            + " `configMapKeyRef` or `secretKeyRef`");
      } else if (!Json.text(ev, "value").isEmpty()) {
        errs.invalid(fp, "", "may not be specified when `value` is not empty");
      } else if (sources > 1) {
        errs.invalid(fp, "", "may not have more than one field specified at a time");
      }
    }
  }

  private static void keySelector(JsonNode ref, FieldPath p, FieldErrors errs) {
    String name = Json.text(ref, "name");
    Names.nameIsDnsSubdomain(name, false).forEach(m -> errs.invalid(p.child("name"), name, m));
    String key = Json.text(ref, "key");
    if (key.isEmpty()) {
      errs.required(p.child("key"), "");
    } else {
      Names.configMapKey(key).forEach(m -> errs.invalid(p.child("key"), key, m));
    }
  }

  static void envFrom(List<JsonNode> sources, FieldPath path, FieldErrors errs) {
    for (int i = 0; i < sources.size(); i++) {
      JsonNode src = sources.get(i);
      FieldPath p = path.index(i);
      String prefix = Json.text(src, "prefix");
      if (!prefix.isEmpty()) {
        Names.envVarName(prefix).forEach(m -> errs.invalid(p.child("prefix"), prefix, m));
      }
      int n = 0;
      for (String kind : List.of("configMapRef", "secretRef")) {
        JsonNode ref = Json.get(src, kind);
        if (ref == null) {
          continue;
        }
        n++;
        String name = Json.text(ref, "name");
        if (name.isEmpty()) {
          errs.required(p.child(kind).child("name"), "");
        } else {
          Names.nameIsDnsSubdomain(name, true).forEach(m ->
              errs.invalid(p.child(kind).child("name"), name, m));
        }
      }
      if (n == 0) {
        errs.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`");
      } else if (n > 1) {
        errs.invalid(path, "", "may not have more than one field specified at a time");
      }
    }
  }

  /** A downward API {@code fieldRef}; {@code supported} is the list the context allows. */
  static void objectFieldSelector(JsonNode fs, List<String> supported, FieldPath p,
      FieldErrors errs) {
    String apiVersion = Json.text(fs, "apiVersion");
    String fieldPath = Json.text(fs, "fieldPath");
    if (apiVersion.isEmpty()) {
      errs.required(p.child("apiVersion"), "");
      return;
    }
    if (fieldPath.isEmpty()) {
      errs.required(p.child("fieldPath"), "");
      return;
    }
    String[] subscripted = splitSubscript(fieldPath);
    String conversion = null;
    if (!apiVersion.equals("v1")) {
      conversion = "unsupported pod version: " + apiVersion;
    } else if (subscripted != null) {
      if (!subscripted[0].equals("metadata.annotations")
          && !subscripted[0].equals("metadata.labels")) {
        conversion = "field label does not support subscript: " + fieldPath;
      }
    } else if (!DOWNWARD_LABELS.contains(fieldPath)) {
      conversion = "field label not supported: " + fieldPath;
    }
    if (conversion != null) {
      errs.invalid(p.child("fieldPath"), fieldPath, "error converting fieldPath: " + conversion);
      return;
    }
    String internal = fieldPath.equals("spec.host") ? "spec.nodeName" : fieldPath;
    if (subscripted != null) {
      String key = subscripted[0].equals("metadata.annotations")
          ? subscripted[1].toLowerCase(java.util.Locale.ROOT) : subscripted[1];
      Names.qualifiedName(key).forEach(m -> errs.invalid(p, key, m));
    } else if (!supported.contains(internal)) {
      errs.notSupported(p.child("fieldPath"), internal, supported);
    }
  }

  /** {@code metadata.labels['key']} split into path and key, or null. */
  private static String[] splitSubscript(String fieldPath) {
    if (!fieldPath.endsWith("']")) {
      return null;
    }
    int open = fieldPath.indexOf("['");
    if (open < 0) {
      return null;
    }
    return new String[] {fieldPath.substring(0, open),
        fieldPath.substring(open + 2, fieldPath.length() - 2)};
  }

  static void resourceFieldSelector(JsonNode fs, FieldPath p, boolean volume, FieldErrors errs) {
    String resource = Json.text(fs, "resource");
    if (volume && Json.text(fs, "containerName").isEmpty()) {
      errs.required(p.child("containerName"), "");
    } else if (resource.isEmpty()) {
      errs.required(p.child("resource"), "");
    } else if (!RESOURCE_FIELD_PATHS.contains(resource)
        && !resource.startsWith("requests.hugepages-")
        && !resource.startsWith("limits.hugepages-")) {
      errs.notSupported(p.child("resource"), resource, RESOURCE_FIELD_PATHS);
    }
    JsonNode divisorNode = Json.get(fs, "divisor");
    Quantity divisor = divisorNode == null ? null : ResourceValidation.parse(divisorNode);
    if (divisor == null || divisor.signum() == 0) {
      return;
    }
    String d = divisor.text();
    List<String> memory = List.of("1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi",
        "1Ti", "1Pi", "1Ei");
    String memoryValues = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei";
    switch (resource) {
      case "limits.cpu", "requests.cpu" -> {
        if (!d.equals("1m") && !d.equals("1")) {
          errs.invalid(p.child("divisor"), resource,
              "only divisor's values 1m and 1 are supported with the cpu resource");
        }
      }
      case "limits.memory", "requests.memory" -> {
        if (!memory.contains(d)) {
          errs.invalid(p.child("divisor"), resource, "only divisor's values " + memoryValues
              + " are supported with the memory resource");
        }
      }
      case "limits.ephemeral-storage", "requests.ephemeral-storage" -> {
        if (!memory.contains(d)) {
          errs.invalid(p.child("divisor"), resource, "only divisor's values " + memoryValues
              + " are supported with the local ephemeral storage resource");
        }
      }
      default -> { }
    }
  }

}
