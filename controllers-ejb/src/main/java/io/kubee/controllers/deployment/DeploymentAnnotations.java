package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubee.controllers.util.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The annotations a deployment and its replica sets carry (deployment_util.go): revision,
 * revision-history, desired-replicas, max-replicas, the deployment's own annotations copied to
 * its new replica set; and the pod-template-hash of a template ({@code controller.ComputeHash}:
 * FNV-32a of the template, then of the collision count, in Kubernetes' safe alphabet — over
 * the template's canonical JSON here, where Kubernetes hashes the Go struct).
 */
final class DeploymentAnnotations {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  static final String ROLLBACK_TO = "deprecated.deployment.rollback.to";
  /** Kubernetes' {@code maxRevHistoryLengthInChars}. */
  static final int MAX_REVISION_HISTORY_CHARS = 2000;

  private static final Set<String> SKIPPED = Set.of(LAST_APPLIED, REVISION, REVISION_HISTORY,
      DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO);
  private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private DeploymentAnnotations() {}

  /** An integer annotation, or null when absent or not a number. */
  static Integer integer(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code Revision}: 0 without the annotation or when it is not a number. */
  static long revision(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(REVISION);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static long maxRevision(List<ReplicaSet> all) {
    return all.stream().mapToLong(DeploymentAnnotations::revision).max().orElse(0);
  }

  private static Map<String, String> annotations(HasMetadata object) {
    if (object.getMetadata().getAnnotations() == null) {
      object.getMetadata().setAnnotations(new HashMap<>());
    }
    return object.getMetadata().getAnnotations();
  }

  /**
   * {@code SetNewReplicaSetAnnotations}: copies the deployment's annotations, raises the
   * revision to {@code newRevision} (keeping the one it replaces in revision-history: a
   * rollback), and sets the replicas annotations on a replica set about to be created.
   * Returns whether anything changed.
   */
  static boolean setNewReplicaSetAnnotations(Deployment d, ReplicaSet rs, long newRevision,
      boolean exists) {
    boolean changed = copyDeploymentAnnotations(d, rs);
    Map<String, String> annotations = annotations(rs);
    String oldRevision = annotations.get(REVISION);
    long old;
    try {
      old = oldRevision == null || oldRevision.isEmpty() ? 0 : Long.parseLong(oldRevision);
    } catch (NumberFormatException e) {
      return false;
    }
    if (old < newRevision) {
      annotations.put(REVISION, Long.toString(newRevision));
      changed = true;
      if (oldRevision != null) {
        String history = annotations.getOrDefault(REVISION_HISTORY, "");
        List<String> revisions = history.isEmpty() ? new ArrayList<>()
            : new ArrayList<>(Arrays.asList(history.split(",")));
        revisions.add(oldRevision);
        while (String.join(",", revisions).length() > MAX_REVISION_HISTORY_CHARS
            && revisions.size() > 1) {
          revisions.remove(0);
        }
        annotations.put(REVISION_HISTORY, String.join(",", revisions));
      }
    }
    int replicas = Fenceposts.replicas(d);
    if (!exists && setReplicasAnnotations(rs, replicas, replicas + Fenceposts.maxSurge(d))) {
      changed = true;
    }
    return changed;
  }

  private static boolean copyDeploymentAnnotations(Deployment d, ReplicaSet rs) {
    boolean changed = false;
    Map<String, String> target = annotations(rs);
    Map<String, String> source = d.getMetadata().getAnnotations();
    if (source == null) {
      return false;
    }
    for (Map.Entry<String, String> entry : source.entrySet()) {
      if (SKIPPED.contains(entry.getKey())
          || entry.getValue().equals(target.get(entry.getKey()))) {
        continue;
      }
      target.put(entry.getKey(), entry.getValue());
      changed = true;
    }
    return changed;
  }

  static boolean setReplicasAnnotations(ReplicaSet rs, int desired, int max) {
    Map<String, String> annotations = annotations(rs);
    boolean changed = false;
    if (!Integer.toString(desired).equals(annotations.get(DESIRED_REPLICAS))) {
      annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
      changed = true;
    }
    if (!Integer.toString(max).equals(annotations.get(MAX_REPLICAS))) {
      annotations.put(MAX_REPLICAS, Integer.toString(max));
      changed = true;
    }
    return changed;
  }

  static boolean replicasAnnotationsNeedUpdate(ReplicaSet rs, int desired, int max) {
    Map<String, String> annotations = rs.getMetadata().getAnnotations();
    return annotations == null
        || !Integer.toString(desired).equals(annotations.get(DESIRED_REPLICAS))
        || !Integer.toString(max).equals(annotations.get(MAX_REPLICAS));
  }

  /** {@code ComputeHash}. */
  static String podTemplateHash(PodTemplateSpec template, Integer collisionCount) {
    int hash = 0x811c9dc5;
    for (byte b : canonicalJson(template).getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x01000193;
    }
    if (collisionCount != null) {
      byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
          .putInt(collisionCount).array();
      for (byte b : bytes) {
        hash = (hash ^ (b & 0xff)) * 0x01000193;
      }
    }
    String decimal = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder encoded = new StringBuilder(decimal.length());
    for (char c : decimal.toCharArray()) {
      encoded.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
    }
    return encoded.toString();
  }

  /**
   * JSON with every object's keys sorted and every empty value dropped: equal templates hash
   * alike, and an empty {@code resources: {}} that kubectl writes back (Go marshals empty
   * structs) is the absent one (Kubernetes' semantic equality takes nil and empty as equal).
   */
  static String canonicalJson(Object value) {
    Object pruned = canonical(Json.convert(value, Object.class));
    return Json.write(pruned == null ? Map.of() : pruned);
  }

  private static Object canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new TreeMap<>();
      map.forEach((k, v) -> {
        Object kept = canonical(v);
        if (kept != null) {
          result.put(String.valueOf(k), kept);
        }
      });
      return result.isEmpty() ? null : result;
    }
    if (value instanceof List<?> list) {
      List<Object> result = new ArrayList<>();
      for (Object item : list) {
        Object kept = canonical(item);
        result.add(kept == null ? Map.of() : kept);
      }
      return result.isEmpty() ? null : result;
    }
    return value;
  }
}
