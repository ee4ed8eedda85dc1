package io.kubee.controllers.api;

/**
 * The options of a DELETE a controller sends ({@code metav1.DeleteOptions}).
 *
 * @param uid                precondition: delete only the object with this uid; "" for none
 * @param propagationPolicy  Background, Foreground or Orphan; "" for the kind's default
 * @param gracePeriodSeconds null for the object's own grace period; 0 deletes at once
 */
public record Deletion(String uid, String propagationPolicy, Long gracePeriodSeconds) {
  public static final Deletion DEFAULT = new Deletion("", "", null);

  public static Deletion withUid(String uid) {
    return new Deletion(uid, "", null);
  }
}
