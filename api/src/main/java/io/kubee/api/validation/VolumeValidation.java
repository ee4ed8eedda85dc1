package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import io.kubee.api.validation.syntax.Quantity;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Pod volumes and the mounts that refer to them ({@code ValidateVolumes},
 * {@code validateVolumeSource}, {@code ValidateVolumeMounts} in
 * {@code pkg/apis/core/validation/validation.go}). The sources a single node runs with (emptyDir,
 * hostPath, configMap, secret, downwardAPI, projected, persistentVolumeClaim, nfs, gitRepo) are
 * checked in depth; the cloud and storage-vendor sources only count towards "exactly one".
 */
final class VolumeValidation {
  private VolumeValidation() {}

  static final String FILE_MODE = "must be a number between 0 and 0777 (octal), both inclusive";

  /** The volume source fields in the order Kubernetes checks them. */
  private static final List<String> SOURCES = List.of(
      "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret",
      "nfs", "iscsi", "glusterfs", "flocker", "persistentVolumeClaim", "rbd", "cinder", "cephfs",
      "quobyte", "downwardAPI", "fc", "flexVolume", "configMap", "azureFile", "vsphereVolume",
      "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected", "scaleIO",
      "csi", "ephemeral", "image");

  private static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice",
      "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket");

  private static final List<String> VOLUME_FIELD_PATHS = List.of("metadata.annotations",
      "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid");

  /** Validates the volumes; returns the valid ones by name, for the mounts to refer to. */
  static Map<String, JsonNode> volumes(List<JsonNode> volumes, FieldPath path, FieldErrors errs) {
    Map<String, JsonNode> valid = new LinkedHashMap<>();
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode vol = volumes.get(i);
      FieldPath p = path.index(i);
      FieldErrors el = new FieldErrors();
      source(vol, p, el);
      String name = Json.text(vol, "name");
      if (name.isEmpty()) {
        el.required(p.child("name"), "");
      } else {
        for (String msg : Names.dns1123Label(name)) {
          el.invalid(p.child("name"), name, msg);
        }
      }
      if (valid.containsKey(name)) {
        el.duplicate(p.child("name"), name);
      }
      if (el.isEmpty()) {
        valid.put(name, vol);
      } else {
        errs.addAll(el);
      }
    }
    return valid;
  }

  private static void source(JsonNode vol, FieldPath path, FieldErrors errs) {
    int count = 0;
    for (String kind : SOURCES) {
      JsonNode src = Json.get(vol, kind);
      if (src == null) {
        continue;
      }
      FieldPath p = path.child(kind);
      if (count > 0) {
        errs.forbidden(p, "may not specify more than 1 volume type");
        continue;
      }
      count++;
      switch (kind) {
        case "emptyDir" -> {
          JsonNode limit = Json.get(src, "sizeLimit");
          Quantity q = limit == null ? null : ResourceValidation.parse(limit);
          if (limit != null && (q == null || q.signum() < 0)) {
            errs.forbidden(p.child("sizeLimit"),
                "SizeLimit field must be a valid resource quantity");
          }
        }
        case "hostPath" -> hostPath(src, p, errs);
        case "gitRepo" -> {
          if (Json.text(src, "repository").isEmpty()) {
            errs.required(p.child("repository"), "");
          }
          localDescendingPath(Json.text(src, "directory"), p.child("directory"), errs);
        }
        case "secret" -> {
          if (Json.text(src, "secretName").isEmpty()) {
            errs.required(p.child("secretName"), "");
          }
          mode(src, "defaultMode", p, errs);
          items(src, p, errs);
        }
        case "configMap" -> {
          if (Json.text(src, "name").isEmpty()) {
            errs.required(p.child("name"), "");
          }
          mode(src, "defaultMode", p, errs);
          items(src, p, errs);
        }
        case "persistentVolumeClaim" -> {
          if (Json.text(src, "claimName").isEmpty()) {
            errs.required(p.child("claimName"), "");
          }
        }
        case "nfs" -> {
          if (Json.text(src, "server").isEmpty()) {
            errs.required(p.child("server"), "");
          }
          String nfsPath = Json.text(src, "path");
          if (nfsPath.isEmpty()) {
            errs.required(p.child("path"), "");
          }
          if (!nfsPath.startsWith("/")) {
            errs.invalid(p.child("path"), nfsPath, "must be an absolute path");
          }
        }
        case "downwardAPI" -> {
          mode(src, "defaultMode", p, errs);
          for (JsonNode file : Json.list(src, "items")) {
            downwardApiFile(file, p, errs);
          }
        }
        case "projected" -> projected(src, p, errs);
        default -> {
          // vendor and cloud sources: not checked beyond being the only source
        }
      }
    }
    if (count == 0) {
      errs.required(path, "must specify a volume type");
    }
  }

  private static void hostPath(JsonNode src, FieldPath p, FieldErrors errs) {
    String hp = Json.text(src, "path");
    if (hp.isEmpty()) {
      errs.required(p.child("path"), "");
      return;
    }
    noBacksteps(hp, p.child("path"), errs);
    JsonNode type = Json.get(src, "type");
    if (type != null && !HOST_PATH_TYPES.contains(Json.text(type))) {
      errs.notSupported(p.child("type"), Json.text(type), HOST_PATH_TYPES);
    }
  }

  private static void projected(JsonNode src, FieldPath p, FieldErrors errs) {
    mode(src, "defaultMode", p, errs);
    Set<String> paths = new HashSet<>();
    List<JsonNode> sources = Json.list(src, "sources");
    for (int i = 0; i < sources.size(); i++) {
      JsonNode s = sources.get(i);
      FieldPath sp = p.child("sources").index(i);
      int n = 0;
      for (String kind : List.of("secret", "configMap")) {
        JsonNode ref = Json.get(s, kind);
        if (ref == null) {
          continue;
        }
        n++;
        FieldPath rp = sp.child(kind);
        if (Json.text(ref, "name").isEmpty()) {
          errs.required(rp.child("name"), "");
        }
        List<JsonNode> items = Json.list(ref, "items");
        for (int j = 0; j < items.size(); j++) {
          keyToPath(items.get(j), rp.child("items").index(j), errs);
          String itemPath = Json.text(items.get(j), "path");
          if (!itemPath.isEmpty() && !paths.add(itemPath)) {
            errs.invalid(p, Json.text(ref, "name"), "conflicting duplicate paths");
          }
        }
      }
      JsonNode downward = Json.get(s, "downwardAPI");
      if (downward != null) {
        n++;
        for (JsonNode file : Json.list(downward, "items")) {
          downwardApiFile(file, sp.child("downwardAPI"), errs);
          String filePath = Json.text(file, "path");
          if (!filePath.isEmpty() && !paths.add(filePath)) {
            errs.invalid(p, filePath, "conflicting duplicate paths");
          }
        }
      }
      JsonNode token = Json.get(s, "serviceAccountToken");
      if (token != null) {
        n++;
        FieldPath tp = sp.child("serviceAccountToken");
        long expiration = Json.longValue(token, "expirationSeconds");
        if (expiration < 600) {
          errs.invalid(tp.child("expirationSeconds"), expiration,
              "may not specify a duration less than 10 minutes");
        }
        if (expiration > (1L << 32)) {
          errs.invalid(tp.child("expirationSeconds"), expiration,
              "may not specify a duration larger than 2^32 seconds");
        }
        String tokenPath = Json.text(token, "path");
        if (tokenPath.isEmpty()) {
          errs.required(p.child("path"), "");
        } else {
          localNonReservedPath(tokenPath, p.child("path"), errs);
        }
      }
      if (Json.has(s, "clusterTrustBundle")) {
        n++;
      }
      if (n > 1) {
        errs.forbidden(sp, "may not specify more than 1 volume type per source");
      }
    }
  }

  private static void items(JsonNode src, FieldPath p, FieldErrors errs) {
    List<JsonNode> items = Json.list(src, "items");
    for (int i = 0; i < items.size(); i++) {
      keyToPath(items.get(i), p.child("items").index(i), errs);
    }
  }

  private static void keyToPath(JsonNode kp, FieldPath p, FieldErrors errs) {
    if (Json.text(kp, "key").isEmpty()) {
      errs.required(p.child("key"), "");
    }
    String path = Json.text(kp, "path");
    if (path.isEmpty()) {
      errs.required(p.child("path"), "");
    }
    localNonReservedPath(path, p.child("path"), errs);
    mode(kp, "mode", p, errs);
  }

  private static void downwardApiFile(JsonNode file, FieldPath p, FieldErrors errs) {
    String path = Json.text(file, "path");
    if (path.isEmpty()) {
      errs.required(p.child("path"), "");
    }
    localNonReservedPath(path, p.child("path"), errs);
    JsonNode fieldRef = Json.get(file, "fieldRef");
    JsonNode resourceRef = Json.get(file, "resourceFieldRef");
    if (fieldRef != null) {
      EnvValidation.objectFieldSelector(fieldRef, VOLUME_FIELD_PATHS, p.child("fieldRef"),
          errs);
      if (resourceRef != null) {
        errs.invalid(p, "resource", "fieldRef and resourceFieldRef can not be specified"
            + " simultaneously");
      }
    } else if (resourceRef != null) {
      EnvValidation.resourceFieldSelector(resourceRef, p.child("resourceFieldRef"), true,
          errs);
    } else {
      errs.required(p, "one of fieldRef and resourceFieldRef is required");
    }
    mode(file, "mode", p, errs);
  }

  private static void mode(JsonNode src, String field, FieldPath p, FieldErrors errs) {
    Long mode = Json.number(src, field);
    if (mode != null && (mode > 0777 || mode < 0)) {
      errs.invalid(p.child(field), mode, FILE_MODE);
    }
  }

  /** A relative path without '..' elements. */
  static void localDescendingPath(String target, FieldPath p, FieldErrors errs) {
    if (target.startsWith("/")) {
      errs.invalid(p, target, "must be a relative path");
    }
    noBacksteps(target, p, errs);
  }

  /** A relative path without '..' elements that does not start with '..'. */
  static void localNonReservedPath(String target, FieldPath p, FieldErrors errs) {
    localDescendingPath(target, p, errs);
    if (target.startsWith("..") && !target.startsWith("../")) {
      errs.invalid(p, target, "must not start with '..'");
    }
  }

  static void noBacksteps(String target, FieldPath p, FieldErrors errs) {
    for (String part : target.replace('\\', '/').split("/", -1)) {
      if (part.equals("..")) {
        errs.invalid(p, target, "must not contain '..'");
        return;
      }
    }
  }

  /** A container's volumeMounts against the pod's valid volumes. */
  static void mounts(JsonNode container, Map<String, JsonNode> volumes, FieldPath path,
      FieldErrors errs) {
    Set<String> mountPoints = new HashSet<>();
    boolean privileged = Json.bool(Json.get(container, "securityContext"), "privileged");
    List<JsonNode> mounts = Json.list(container, "volumeMounts");
    for (int i = 0; i < mounts.size(); i++) {
      JsonNode m = mounts.get(i);
      FieldPath p = path.index(i);
      String name = Json.text(m, "name");
      String mountPath = Json.text(m, "mountPath");
      if (name.isEmpty()) {
        errs.required(p.child("name"), "");
      }
      if (!volumes.containsKey(name)) {
        errs.notFound(p.child("name"), name);
      }
      if (mountPath.isEmpty()) {
        errs.required(p.child("mountPath"), "");
      }
      if (!mountPoints.add(mountPath)) {
        errs.invalid(p.child("mountPath"), mountPath, "must be unique");
      }
      String subPath = Json.text(m, "subPath");
      String subPathExpr = Json.text(m, "subPathExpr");
      if (!subPath.isEmpty()) {
        localDescendingPath(subPath, path.child("subPath"), errs);
      }
      if (!subPathExpr.isEmpty()) {
        if (!subPath.isEmpty()) {
          errs.invalid(p.child("subPathExpr"), subPathExpr,
              "subPathExpr and subPath are mutually exclusive");
        }
        localDescendingPath(subPathExpr, path.child("subPathExpr"), errs);
      }
      JsonNode propagation = Json.get(m, "mountPropagation");
      if (propagation != null) {
        String prop = Json.text(propagation);
        List<String> supported = List.of("Bidirectional", "HostToContainer", "None");
        if (!supported.contains(prop)) {
          errs.notSupported(path.child("mountPropagation"), prop, supported);
        }
        if (prop.equals("Bidirectional") && !privileged) {
          errs.forbidden(path.child("mountPropagation"),
              "Bidirectional mount propagation is available only to privileged containers");
        }
      }
      JsonNode rro = Json.get(m, "recursiveReadOnly");
      if (rro != null) {
        String value = Json.text(rro);
        FieldPath rp = path.child("recursiveReadOnly");
        switch (value) {
          case "Disabled" -> { }
          case "Enabled", "IfPossible" -> {
            if (!Json.bool(m, "readOnly")) {
              errs.forbidden(rp, "may only be specified when readOnly is true");
            }
            if (propagation != null && !Json.text(propagation).equals("None")) {
              errs.forbidden(rp, "may only be specified when mountPropagation is None or not"
                  + " specified");
            }
          }
          default -> errs.notSupported(rp, value, List.of("Disabled", "Enabled", "IfPossible"));
        }
      }
    }
  }
}
