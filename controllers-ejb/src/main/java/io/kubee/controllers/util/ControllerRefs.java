package io.kubee.controllers.util;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;

/**
 * Owner references as controllers use them ({@code metav1.GetControllerOf},
 * {@code metav1.NewControllerRef}): the one reference with {@code controller: true} names the
 * object's managing controller.
 */
public final class ControllerRefs {
  private ControllerRefs() {}

  /** The controller reference of {@code object}, or null. */
  public static OwnerReference controllerOf(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    if (refs == null) {
      return null;
    }
    for (OwnerReference ref : refs) {
      if (Boolean.TRUE.equals(ref.getController())) {
        return ref;
      }
    }
    return null;
  }

  /** A reference making {@code owner} (of {@code apiVersion}/{@code kind}) the controller. */
  public static OwnerReference newControllerRef(HasMetadata owner, String apiVersion,
      String kind) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** Whether {@code object}'s controller is the object with {@code uid}. */
  public static boolean isControlledBy(HasMetadata object, String uid) {
    OwnerReference ref = controllerOf(object);
    return ref != null && uid != null && uid.equals(ref.getUid());
  }
}
