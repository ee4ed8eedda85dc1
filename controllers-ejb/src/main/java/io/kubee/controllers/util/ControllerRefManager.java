package io.kubee.controllers.util;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubee.controllers.api.KubeApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Adoption and orphaning of a controller's children ({@code BaseControllerRefManager.ClaimObject}
 * and {@code PodControllerRefManager}/{@code ReplicaSetControllerRefManager},
 * pkg/controller/controller_ref_manager.go): a child the controller owns but no longer selects
 * is released, an orphan it selects is adopted, children of other controllers are left alone.
 * Adoption first re-reads the controller from the apiserver ({@code RecheckDeletionTimestamp}):
 * a controller being deleted, or replaced by a namesake, adopts nothing.
 *
 * <p>Owner references are changed by merge patches that carry the child's uid and
 * resourceVersion as preconditions, so a stale cache never overwrites a newer owner list. One
 * instance serves one sync.
 */
public final class ControllerRefManager<T extends HasMetadata> {
  private final KubeApi api;
  private final HasMetadata controller;
  private final OwnerReference controllerRef;
  private final Class<T> childType;
  private final Supplier<HasMetadata> liveController;
  private Boolean canAdopt;

  /**
   * @param liveController a fresh read of the controller from the apiserver (null if gone)
   */
  public ControllerRefManager(KubeApi api, HasMetadata controller, OwnerReference controllerRef,
      Class<T> childType, Supplier<HasMetadata> liveController) {
    this.api = api;
    this.controller = controller;
    this.controllerRef = controllerRef;
    this.childType = childType;
    this.liveController = liveController;
  }

  /**
   * The children among {@code candidates} the controller owns after adopting and releasing.
   * Tries every candidate, then throws the first failure (the sync is retried).
   */
  public List<T> claim(List<T> candidates, Predicate<T> selects) {
    List<T> claimed = new ArrayList<>();
    KubernetesClientException failure = null;
    for (T child : candidates) {
      try {
        if (claim(child, selects)) {
          claimed.add(child);
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return claimed;
  }

  private boolean claim(T child, Predicate<T> selects) {
    OwnerReference ref = ControllerRefs.controllerOf(child);
    boolean beingDeleted = controller.getMetadata().getDeletionTimestamp() != null;
    if (ref != null) {
      if (!ref.getUid().equals(controller.getMetadata().getUid())) {
        return false; // someone else's
      }
      if (selects.test(child)) {
        return true;
      }
      if (!beingDeleted) {
        release(child);
      }
      return false;
    }
    if (beingDeleted || !selects.test(child) || child.getMetadata().getDeletionTimestamp() != null
        || !sameNamespace(child)) {
      return false;
    }
    if (!canAdopt()) {
      return false;
    }
    adopt(child);
    return true;
  }

  private boolean sameNamespace(T child) {
    String namespace = controller.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty()
        || namespace.equals(child.getMetadata().getNamespace());
  }

  private boolean canAdopt() {
    if (canAdopt == null) {
      HasMetadata fresh = liveController.get();
      canAdopt = fresh != null
          && fresh.getMetadata().getUid().equals(controller.getMetadata().getUid())
          && fresh.getMetadata().getDeletionTimestamp() == null;
    }
    return canAdopt;
  }

  private void adopt(T child) {
    List<OwnerReference> refs = new ArrayList<>();
    if (child.getMetadata().getOwnerReferences() != null) {
      refs.addAll(child.getMetadata().getOwnerReferences());
    }
    refs.add(controllerRef);
    patchOwners(child, refs);
  }

  private void release(T child) {
    List<OwnerReference> refs = new ArrayList<>(child.getMetadata().getOwnerReferences());
    refs.removeIf(r -> r.getUid().equals(controller.getMetadata().getUid()));
    patchOwners(child, refs);
  }

  private void patchOwners(T child, List<OwnerReference> refs) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("ownerReferences", refs);
    metadata.put("uid", child.getMetadata().getUid());
    metadata.put("resourceVersion", child.getMetadata().getResourceVersion());
    T patched = api.patch(childType, child.getMetadata().getNamespace(),
        child.getMetadata().getName(), Json.write(Map.of("metadata", metadata)));
    if (patched == null) {
      throw new KubernetesClientException("not found", 404, null);
    }
  }
}
