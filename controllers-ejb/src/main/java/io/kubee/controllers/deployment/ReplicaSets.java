package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubee.controllers.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * A deployment's replica sets as the controller reads them (deployment_util.go and
 * controller_utils.go): sizes, the new one whose template is the deployment's, the old ones,
 * and the orders Kubernetes sorts them in.
 */
final class ReplicaSets {
  static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private ReplicaSets() {}

  static int replicas(ReplicaSet rs) {
    return rs == null || rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
  }

  static int statusReplicas(ReplicaSet rs) {
    return rs == null || rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0
        : rs.getStatus().getReplicas();
  }

  static int available(ReplicaSet rs) {
    return rs == null || rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null
        ? 0 : rs.getStatus().getAvailableReplicas();
  }

  static int ready(ReplicaSet rs) {
    return rs == null || rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null
        ? 0 : rs.getStatus().getReadyReplicas();
  }

  /** {@code GetReplicaCountForReplicaSets}: the sum of spec.replicas. */
  static int specReplicas(List<ReplicaSet> all) {
    return all.stream().mapToInt(ReplicaSets::replicas).sum();
  }

  /** {@code GetActualReplicaCountForReplicaSets}: the sum of status.replicas. */
  static int actualReplicas(List<ReplicaSet> all) {
    return all.stream().mapToInt(ReplicaSets::statusReplicas).sum();
  }

  static int availableReplicas(List<ReplicaSet> all) {
    return all.stream().mapToInt(ReplicaSets::available).sum();
  }

  static int readyReplicas(List<ReplicaSet> all) {
    return all.stream().mapToInt(ReplicaSets::ready).sum();
  }

  /** {@code FilterActiveReplicaSets}: those with replicas. */
  static List<ReplicaSet> active(List<ReplicaSet> all) {
    return all.stream().filter(rs -> rs != null && replicas(rs) > 0)
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  /** {@code ReplicaSetsByCreationTimestamp}: oldest first, then by name. */
  static final Comparator<ReplicaSet> BY_CREATION = Comparator
      .comparing((ReplicaSet rs) -> Objects.toString(rs.getMetadata().getCreationTimestamp(), ""))
      .thenComparing(rs -> rs.getMetadata().getName());

  /** {@code ReplicaSetsBySizeOlder}: largest first, the older of equal sizes first. */
  static final Comparator<ReplicaSet> BY_SIZE_OLDER =
      Comparator.comparingInt(ReplicaSets::replicas).reversed().thenComparing(BY_CREATION);

  /** {@code ReplicaSetsBySizeNewer}: largest first, the newer of equal sizes first. */
  static final Comparator<ReplicaSet> BY_SIZE_NEWER =
      Comparator.comparingInt(ReplicaSets::replicas).reversed()
          .thenComparing(BY_CREATION.reversed());

  /** {@code ReplicaSetsByRevision}: lowest revision first, then oldest. */
  static final Comparator<ReplicaSet> BY_REVISION =
      Comparator.comparingLong((ReplicaSet rs) -> DeploymentAnnotations.revision(rs))
          .thenComparing(BY_CREATION);

  /** {@code FindNewReplicaSet}: the oldest whose template is the deployment's, or null. */
  static ReplicaSet findNew(Deployment d, List<ReplicaSet> all) {
    List<ReplicaSet> sorted = new ArrayList<>(all);
    sorted.sort(BY_CREATION);
    for (ReplicaSet rs : sorted) {
      if (equalIgnoreHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate())) {
        return rs;
      }
    }
    return null;
  }

  /** {@code FindOldReplicaSets}: every replica set but the new one. */
  static List<ReplicaSet> findOld(Deployment d, List<ReplicaSet> all) {
    ReplicaSet newRs = findNew(d, all);
    List<ReplicaSet> old = new ArrayList<>();
    for (ReplicaSet rs : all) {
      if (newRs == null || !rs.getMetadata().getUid().equals(newRs.getMetadata().getUid())) {
        old.add(rs);
      }
    }
    return old;
  }

  /** {@code EqualIgnoreHash}: equal templates, the pod-template-hash label aside. */
  static boolean equalIgnoreHash(PodTemplateSpec a, PodTemplateSpec b) {
    if (a == null || b == null) {
      return a == b;
    }
    return DeploymentAnnotations.canonicalJson(withoutHash(a))
        .equals(DeploymentAnnotations.canonicalJson(withoutHash(b)));
  }

  private static PodTemplateSpec withoutHash(PodTemplateSpec template) {
    if (template == null) {
      return null;
    }
    PodTemplateSpec copy = Json.copy(template);
    if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
      var labels = new HashMap<>(copy.getMetadata().getLabels());
      labels.remove(POD_TEMPLATE_HASH);
      copy.getMetadata().setLabels(labels.isEmpty() ? null : labels);
    }
    if (copy.getMetadata() != null && (copy.getMetadata().getAnnotations() != null
        && copy.getMetadata().getAnnotations().isEmpty())) {
      copy.getMetadata().setAnnotations(null);
    }
    return copy;
  }

  /**
   * {@code FindActiveOrLatest}: the one active replica set, the newest when none is active,
   * null when several are.
   */
  static ReplicaSet activeOrLatest(ReplicaSet newRs, List<ReplicaSet> old) {
    if (newRs == null && old.isEmpty()) {
      return null;
    }
    List<ReplicaSet> newestFirst = new ArrayList<>(old);
    newestFirst.sort(BY_CREATION.reversed());
    List<ReplicaSet> all = new ArrayList<>(newestFirst);
    if (newRs != null) {
      all.add(newRs);
    }
    List<ReplicaSet> active = active(all);
    return switch (active.size()) {
      case 0 -> newRs != null ? newRs : newestFirst.get(0);
      case 1 -> active.get(0);
      default -> null;
    };
  }
}
