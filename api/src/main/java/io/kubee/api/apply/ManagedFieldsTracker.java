package io.kubee.api.apply;

import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records who changed what on every write that is not an apply — create, update, patch,
 * status update — as Kubernetes' {@code FieldManager.UpdateNoErrors} does
 * ({@code k8s.io/apimachinery/pkg/util/managedfields/internal/fieldmanager.go}): the fields the
 * write added or modified join the writer's Update entry (one per manager, apiVersion and
 * subresource, its time the time of the write) and leave every other entry; removed fields
 * leave all entries; entries left empty disappear. Stateless.
 */
public final class ManagedFieldsTracker {
  private static final System.Logger LOG = System.getLogger(ManagedFieldsTracker.class.getName());

  private ManagedFieldsTracker() {}

  /**
   * Computes the managedFields of {@code updated} in place.
   *
   * <p>The managed fields it starts from are those of {@code updated} when a client sent them
   * (a create or update may carry managedFields, which are then taken as given), else those of
   * {@code old}; writes through a subresource always start from {@code old}'s. An update that
   * sends {@code managedFields: []} or {@code [{}]} clears them: the object then has none, and
   * later updates record nothing until the next apply (Kubernetes tracks an object without
   * managed fields only when it is created). Should the computation fail, {@code updated}
   * keeps {@code old}'s managedFields, as Kubernetes keeps them.
   *
   * @param old         the stored object, or null for a create
   * @param updated     the object about to be stored, after defaulting and the strategy's
   *                    changes; its managedFields are replaced
   * @param manager     {@link FieldManagers#managerOrUserAgent}; "" is recorded as "unknown"
   * @param subresource "" or the subresource written through ("status", "scale")
   * @param now         the time of the write
   */
  public static void update(ObjectNode old, ObjectNode updated, String manager,
      String subresource, ResourceType type, Instant now) {
    String sub = subresource == null ? "" : subresource;
    try {
      Managed managed = liveOrNew(old, updated, !sub.isEmpty());
      ManagedFields.remove(updated);
      boolean created = old == null || Meta.uid(old).isEmpty();
      if (managed.isEmpty() && !created) {
        // skipNonAppliedManager: an object whose managed fields were cleared stays untracked
        return;
      }
      new FieldManager(type, sub).update(old, updated, managed, manager, now);
      ManagedFields.encode(updated, managed);
    } catch (RuntimeException e) {
      // as UpdateNoErrors: a write never fails for its managed fields
      LOG.log(System.Logger.Level.ERROR, () -> "[SHOULD NOT HAPPEN] failed to update "
          + "managedFields (restored the stored ones) kind=" + type.kind() + " namespace="
          + Meta.namespace(updated) + " name=" + Meta.name(updated), e);
      restore(updated, old == null ? null : old.path("metadata").get("managedFields"));
    }
  }

  /**
   * Reverts the entry times of a write that changed nothing but them, so that a no-op write
   * does not bump the resourceVersion (Kubernetes'
   * {@code IgnoreManagedFieldsTimestampsTransformer}). Call it on the final object, just
   * before it is stored.
   *
   * @param old the stored object, or null for a create (then nothing is done)
   */
  public static void keepTimestampsIfUnchanged(ObjectNode old, ObjectNode updated) {
    if (old == null) {
      return;
    }
    JsonNode oldFields = old.path("metadata").get("managedFields");
    JsonNode newFields = updated.path("metadata").get("managedFields");
    if (oldFields == null || newFields == null || !oldFields.isArray() || !newFields.isArray()
        || oldFields.size() != newFields.size() || newFields.isEmpty()) {
      return;
    }
    boolean timesChanged = false;
    for (int i = 0; i < newFields.size(); i++) {
      if (!newFields.get(i).path("time").equals(oldFields.get(i).path("time"))) {
        timesChanged = true;
      }
    }
    if (!timesChanged || !JsonValues.equal(withoutTimes(old), withoutTimes(updated))) {
      return;
    }
    ArrayNode entries = (ArrayNode) newFields;
    for (int i = 0; i < entries.size(); i++) {
      JsonNode oldTime = oldFields.get(i).get("time");
      if (entries.get(i) instanceof ObjectNode entry) {
        if (oldTime == null) {
          entry.remove("time");
        } else {
          entry.set("time", oldTime.deepCopy());
        }
      }
    }
  }

  private static ObjectNode withoutTimes(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    JsonNode entries = copy.path("metadata").get("managedFields");
    if (entries != null && entries.isArray()) {
      for (JsonNode entry : entries.values()) {
        if (entry instanceof ObjectNode e) {
          e.remove("time");
        }
      }
    }
    return copy;
  }

  /**
   * Kubernetes' {@code decodeLiveOrNew}: the request's managed fields when it may set them
   * and they are valid and not empty, none when it resets them, else the stored ones (none
   * when those are invalid).
   */
  private static Managed liveOrNew(ObjectNode old, ObjectNode updated, boolean subresource) {
    if (!subresource) {
      if (ManagedFields.isReset(updated)) {
        return new Managed();
      }
      try {
        Managed given = ManagedFields.decode(updated);
        if (!given.isEmpty()) {
          return given;
        }
      } catch (IllegalArgumentException invalid) {
        // fall back on the stored managed fields, so that clients that do not know about
        // managedFields cannot drop them by accident
      }
    }
    if (old == null) {
      return new Managed();
    }
    try {
      return ManagedFields.decode(old);
    } catch (IllegalArgumentException invalid) {
      return new Managed();
    }
  }

  private static void restore(ObjectNode updated, JsonNode stored) {
    ObjectNode metadata = Meta.metadata(updated);
    if (stored == null || stored.isNull()) {
      metadata.remove("managedFields");
    } else {
      metadata.set("managedFields", stored.deepCopy());
    }
  }
}
