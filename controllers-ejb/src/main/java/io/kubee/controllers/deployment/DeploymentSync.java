package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubee.controllers.Events;
import io.kubee.controllers.api.Deletion;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.ControllerRefs;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Lister;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The steps every deployment sync is made of (pkg/controller/deployment/sync.go): finding or
 * creating the new replica set with its revision, scaling replica sets (proportionally while
 * several are active), cleaning up old ones beyond revisionHistoryLimit, and writing status.
 * Works on a private copy of the deployment, whose resourceVersion follows its own writes.
 */
final class DeploymentSync {
  static final String SCALING_REPLICA_SET = "ScalingReplicaSet";

  final KubeApi api;
  final Events events;
  final Clock clock;
  private final Lister<ReplicaSet> replicaSets;

  DeploymentSync(KubeApi api, Events events, Clock clock, Lister<ReplicaSet> replicaSets) {
    this.api = api;
    this.events = events;
    this.clock = clock;
    this.replicaSets = replicaSets;
  }

  /** The new replica set (null if it does not exist and may not be created) and the old. */
  record Sets(ReplicaSet newRs, List<ReplicaSet> old) {
    List<ReplicaSet> all() {
      List<ReplicaSet> all = new ArrayList<>(old);
      if (newRs != null) {
        all.add(newRs);
      }
      return all;
    }
  }

  /**
   * {@code getAllReplicaSetsAndSyncRevision}. A replica set it writes replaces its cached copy
   * in {@code owned}, so that a later step of the same sync does not write a stale one.
   */
  Sets replicaSetsAndSyncRevision(Deployment d, List<ReplicaSet> owned, boolean create) {
    List<ReplicaSet> old = ReplicaSets.findOld(d, owned);
    ReplicaSet newRs = newReplicaSet(d, owned, old, create);
    if (newRs != null) {
      boolean replaced = false;
      for (int i = 0; i < owned.size(); i++) {
        if (owned.get(i).getMetadata().getUid().equals(newRs.getMetadata().getUid())) {
          owned.set(i, newRs);
          replaced = true;
        }
      }
      if (!replaced) {
        owned.add(newRs);
      }
    }
    return new Sets(newRs, old);
  }

  /** {@code getNewReplicaSet}. */
  private ReplicaSet newReplicaSet(Deployment d, List<ReplicaSet> owned, List<ReplicaSet> old,
      boolean create) {
    ReplicaSet existing = ReplicaSets.findNew(d, owned);
    long newRevision = DeploymentAnnotations.maxRevision(old) + 1;
    if (existing != null) {
      ReplicaSet copy = Json.copy(existing);
      boolean annotationsChanged = DeploymentAnnotations.setNewReplicaSetAnnotations(d, copy,
          newRevision, true);
      int minReady = minReadySeconds(d);
      if (annotationsChanged || !Objects.equals(copy.getSpec().getMinReadySeconds(), minReady)) {
        copy.getSpec().setMinReadySeconds(minReady);
        return api.update(copy);
      }
      setRevision(d, copy.getMetadata().getAnnotations().get(DeploymentAnnotations.REVISION));
      DeploymentCondition progressing = DeploymentConditions.get(d.getStatus(),
          DeploymentConditions.PROGRESSING);
      if (hasProgressDeadline(d) && progressing == null) {
        DeploymentConditions.set(status(d), DeploymentConditions.create(
            DeploymentConditions.PROGRESSING, "True", DeploymentConditions.FOUND_NEW_RS,
            "Found new replica set \"" + copy.getMetadata().getName() + "\"", clock.instant()));
        updateStatus(d);
      }
      return copy;
    }
    if (!create) {
      return null;
    }
    PodTemplateSpec template = Json.copy(d.getSpec().getTemplate());
    String hash = DeploymentAnnotations.podTemplateHash(template, d.getStatus() == null ? null
        : d.getStatus().getCollisionCount());
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels() == null
        ? Map.of() : template.getMetadata().getLabels());
    labels.put(ReplicaSets.POD_TEMPLATE_HASH, hash);
    template.getMetadata().setLabels(labels);
    LabelSelector selector = Json.copy(d.getSpec().getSelector());
    Map<String, String> matchLabels = new HashMap<>(selector.getMatchLabels() == null
        ? Map.of() : selector.getMatchLabels());
    matchLabels.put(ReplicaSets.POD_TEMPLATE_HASH, hash);
    selector.setMatchLabels(matchLabels);
    ReplicaSet rs = new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(d.getMetadata().getName() + "-" + hash)
        .withNamespace(d.getMetadata().getNamespace())
        .withOwnerReferences(ControllerRefs.newControllerRef(d, "apps/v1", "Deployment"))
        .withLabels(new HashMap<>(labels))
        .endMetadata()
        .withNewSpec()
        .withReplicas(0)
        .withMinReadySeconds(minReadySeconds(d))
        .withSelector(selector)
        .withTemplate(template)
        .endSpec()
        .build();
    List<ReplicaSet> all = new ArrayList<>(old);
    all.add(rs);
    int replicas = Fenceposts.newReplicaSetReplicas(d, all, rs);
    rs.getSpec().setReplicas(replicas);
    DeploymentAnnotations.setNewReplicaSetAnnotations(d, rs, newRevision, false);
    ReplicaSet created;
    boolean alreadyExists = false;
    try {
      created = api.create(rs);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        alreadyExists = true;
        ReplicaSet cached = replicaSets.get(d.getMetadata().getNamespace(),
            rs.getMetadata().getName());
        if (cached != null && ControllerRefs.isControlledBy(cached, d.getMetadata().getUid())
            && ReplicaSets.equalIgnoreHash(d.getSpec().getTemplate(),
                cached.getSpec().getTemplate())) {
          created = cached;
        } else {
          // a hash collision: another template has this name; the next hash will differ
          DeploymentStatus status = status(d);
          status.setCollisionCount(status.getCollisionCount() == null ? 1
              : status.getCollisionCount() + 1);
          updateStatus(d);
          throw e;
        }
      } else if (e.getCode() == 403 && String.valueOf(e.getMessage()).contains("terminated")) {
        throw e;
      } else {
        String message = "Failed to create new replica set \"" + rs.getMetadata().getName()
            + "\": " + e.getMessage();
        if (hasProgressDeadline(d)) {
          DeploymentConditions.set(status(d), DeploymentConditions.create(
              DeploymentConditions.PROGRESSING, "False", DeploymentConditions.FAILED_RS_CREATE,
              message, clock.instant()));
          try {
            updateStatus(d);
          } catch (KubernetesClientException ignored) {
            // the creation failure is what gets reported
          }
        }
        events.event(d, Events.WARNING, DeploymentConditions.FAILED_RS_CREATE, message);
        throw e;
      }
    }
    if (!alreadyExists && replicas > 0) {
      events.event(d, Events.NORMAL, SCALING_REPLICA_SET, "Scaled up replica set "
          + created.getMetadata().getName() + " from 0 to " + replicas);
    }
    setRevision(d, Long.toString(newRevision));
    if (!alreadyExists && hasProgressDeadline(d)) {
      DeploymentConditions.set(status(d), DeploymentConditions.create(
          DeploymentConditions.PROGRESSING, "True", DeploymentConditions.NEW_REPLICA_SET,
          "Created new replica set \"" + created.getMetadata().getName() + "\"",
          clock.instant()));
      updateStatus(d);
    }
    return created;
  }

  /**
   * {@code SetDeploymentRevision}, written with a merge patch of the annotation alone (Kubee's
   * status subresource keeps metadata, where Kubernetes' lets annotations through).
   */
  private void setRevision(Deployment d, String revision) {
    if (revision == null || revision.equals(annotation(d, DeploymentAnnotations.REVISION))) {
      return;
    }
    Deployment patched = api.patch(Deployment.class, d.getMetadata().getNamespace(),
        d.getMetadata().getName(), Json.write(Map.of("metadata", Map.of("annotations",
            Map.of(DeploymentAnnotations.REVISION, revision)))));
    if (patched != null) {
      d.getMetadata().setAnnotations(patched.getMetadata().getAnnotations());
      d.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
    }
  }

  /** {@code sync}: scaling and status, for paused deployments and scaling events. */
  void sync(Deployment d, List<ReplicaSet> owned) {
    Sets sets = replicaSetsAndSyncRevision(d, owned, false);
    scale(d, sets.newRs(), sets.old());
    if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
      cleanup(d, sets.old());
    }
    syncStatus(d, sets.all(), sets.newRs());
  }

  /** {@code syncStatusOnly}: a deployment being deleted only reports. */
  void syncStatusOnly(Deployment d, List<ReplicaSet> owned) {
    Sets sets = replicaSetsAndSyncRevision(d, owned, false);
    syncStatus(d, sets.all(), sets.newRs());
  }

  /** {@code isScalingEvent}: an active replica set was sized for other desired replicas. */
  boolean isScalingEvent(Deployment d, List<ReplicaSet> owned) {
    Sets sets = replicaSetsAndSyncRevision(d, owned, false);
    for (ReplicaSet rs : ReplicaSets.active(sets.all())) {
      Integer desired = DeploymentAnnotations.integer(rs, DeploymentAnnotations.DESIRED_REPLICAS);
      if (desired != null && desired != Fenceposts.replicas(d)) {
        return true;
      }
    }
    return false;
  }

  /** {@code scale}: proportional scaling while several replica sets are active. */
  void scale(Deployment d, ReplicaSet newRs, List<ReplicaSet> old) {
    ReplicaSet only = ReplicaSets.activeOrLatest(newRs, old);
    if (only != null) {
      if (ReplicaSets.replicas(only) != Fenceposts.replicas(d)) {
        scaleAndRecord(only, Fenceposts.replicas(d), d);
      }
      return;
    }
    if (Fenceposts.isSaturated(d, newRs)) {
      for (ReplicaSet rs : ReplicaSets.active(old)) {
        scaleAndRecord(rs, 0, d);
      }
      return;
    }
    if (!Fenceposts.isRollingUpdate(d)) {
      return;
    }
    List<ReplicaSet> all = new ArrayList<>(old);
    if (newRs != null) {
      all.add(newRs);
    }
    all = ReplicaSets.active(all);
    int current = ReplicaSets.specReplicas(all);
    int allowed = Fenceposts.replicas(d) > 0 ? Fenceposts.replicas(d) + Fenceposts.maxSurge(d)
        : 0;
    int toAdd = allowed - current;
    String operation = "";
    if (toAdd > 0) {
      all.sort(ReplicaSets.BY_SIZE_NEWER);
      operation = "up";
    } else if (toAdd < 0) {
      all.sort(ReplicaSets.BY_SIZE_OLDER);
      operation = "down";
    }
    int added = 0;
    Map<String, Integer> sizes = new HashMap<>();
    for (ReplicaSet rs : all) {
      if (toAdd != 0) {
        int proportion = Fenceposts.proportion(rs, d, toAdd, added);
        sizes.put(rs.getMetadata().getName(), ReplicaSets.replicas(rs) + proportion);
        added += proportion;
      } else {
        sizes.put(rs.getMetadata().getName(), ReplicaSets.replicas(rs));
      }
    }
    for (int i = 0; i < all.size(); i++) {
      ReplicaSet rs = all.get(i);
      if (i == 0 && toAdd != 0) {
        // leftovers go to the largest
        sizes.put(rs.getMetadata().getName(),
            Math.max(0, sizes.get(rs.getMetadata().getName()) + toAdd - added));
      }
      scale(rs, sizes.get(rs.getMetadata().getName()), d, operation);
    }
  }

  /** {@code scaleReplicaSetAndRecordEvent}; returns the replica set as it now is. */
  ReplicaSet scaleAndRecord(ReplicaSet rs, int size, Deployment d) {
    if (ReplicaSets.replicas(rs) == size) {
      return rs;
    }
    return scale(rs, size, d, ReplicaSets.replicas(rs) < size ? "up" : "down");
  }

  /** {@code scaleReplicaSet}: size and the replicas annotations, with a ScalingReplicaSet event. */
  ReplicaSet scale(ReplicaSet rs, int size, Deployment d, String operation) {
    int desired = Fenceposts.replicas(d);
    int max = desired + Fenceposts.maxSurge(d);
    boolean sizeChanges = ReplicaSets.replicas(rs) != size;
    if (!sizeChanges && !DeploymentAnnotations.replicasAnnotationsNeedUpdate(rs, desired, max)) {
      return rs;
    }
    int before = ReplicaSets.replicas(rs);
    ReplicaSet copy = Json.copy(rs);
    copy.getSpec().setReplicas(size);
    DeploymentAnnotations.setReplicasAnnotations(copy, desired, max);
    ReplicaSet updated = api.update(copy);
    if (sizeChanges) {
      events.event(d, Events.NORMAL, SCALING_REPLICA_SET, "Scaled " + operation
          + " replica set " + updated.getMetadata().getName() + " from " + before + " to "
          + size);
    }
    return updated;
  }

  /** {@code cleanupDeployment}: deletes the oldest empty replica sets past the history limit. */
  void cleanup(Deployment d, List<ReplicaSet> old) {
    Integer limit = d.getSpec().getRevisionHistoryLimit();
    if (limit == null || limit == Integer.MAX_VALUE) {
      return;
    }
    List<ReplicaSet> cleanable = new ArrayList<>(old.stream()
        .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null).toList());
    int diff = cleanable.size() - limit;
    if (diff <= 0) {
      return;
    }
    cleanable.sort(ReplicaSets.BY_REVISION);
    for (int i = 0; i < diff; i++) {
      ReplicaSet rs = cleanable.get(i);
      long observed = rs.getStatus() == null || rs.getStatus().getObservedGeneration() == null
          ? 0 : rs.getStatus().getObservedGeneration();
      long generation = rs.getMetadata().getGeneration() == null ? 0
          : rs.getMetadata().getGeneration();
      if (ReplicaSets.statusReplicas(rs) != 0 || ReplicaSets.replicas(rs) != 0
          || generation > observed) {
        continue;
      }
      api.delete(ReplicaSet.class, rs.getMetadata().getNamespace(), rs.getMetadata().getName(),
          Deletion.DEFAULT);
    }
  }

  /** {@code syncDeploymentStatus}. */
  void syncStatus(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
    DeploymentStatus status = calculateStatus(all, newRs, d);
    if (Objects.equals(d.getStatus(), status)) {
      return;
    }
    d.setStatus(status);
    updateStatus(d);
  }

  /** {@code calculateStatus}. */
  DeploymentStatus calculateStatus(List<ReplicaSet> all, ReplicaSet newRs, Deployment d) {
    int available = ReplicaSets.availableReplicas(all);
    int total = ReplicaSets.specReplicas(all);
    DeploymentStatus status = new DeploymentStatus();
    status.setObservedGeneration(d.getMetadata().getGeneration());
    status.setReplicas(ReplicaSets.actualReplicas(all));
    status.setUpdatedReplicas(newRs == null ? 0 : ReplicaSets.statusReplicas(newRs));
    status.setReadyReplicas(ReplicaSets.readyReplicas(all));
    status.setAvailableReplicas(available);
    status.setUnavailableReplicas(Math.max(0, total - available));
    status.setCollisionCount(d.getStatus() == null ? null : d.getStatus().getCollisionCount());
    if (d.getStatus() != null && d.getStatus().getConditions() != null) {
      status.setConditions(new ArrayList<>(d.getStatus().getConditions().stream()
          .map(Json::copy).toList()));
    }
    if (available >= Fenceposts.replicas(d) - Fenceposts.maxUnavailable(d)) {
      DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.AVAILABLE,
          "True", DeploymentConditions.MINIMUM_REPLICAS_AVAILABLE,
          "Deployment has minimum availability.", clock.instant()));
    } else {
      DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.AVAILABLE,
          "False", DeploymentConditions.MINIMUM_REPLICAS_UNAVAILABLE,
          "Deployment does not have minimum availability.", clock.instant()));
    }
    return status;
  }

  /** Writes {@code d}'s status; {@code d} takes the new resourceVersion. */
  void updateStatus(Deployment d) {
    Deployment updated = api.updateStatus(d);
    d.getMetadata().setResourceVersion(updated.getMetadata().getResourceVersion());
  }

  static DeploymentStatus status(Deployment d) {
    if (d.getStatus() == null) {
      d.setStatus(new DeploymentStatus());
    }
    return d.getStatus();
  }

  static boolean hasProgressDeadline(Deployment d) {
    Integer deadline = d.getSpec().getProgressDeadlineSeconds();
    return deadline != null && deadline != Integer.MAX_VALUE;
  }

  static int minReadySeconds(Deployment d) {
    return d.getSpec().getMinReadySeconds() == null ? 0 : d.getSpec().getMinReadySeconds();
  }

  private static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
