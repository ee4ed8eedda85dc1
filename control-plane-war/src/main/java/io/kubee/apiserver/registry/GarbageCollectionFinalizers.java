package io.kubee.apiserver.registry;

import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The finalizers a DELETE leaves for the garbage collector, as Kubernetes'
 * {@code deletionFinalizersForGarbageCollection}, {@code shouldOrphanDependents} and
 * {@code shouldDeleteDependents} (k8s.io/apiserver/pkg/registry/generic/registry/store.go):
 * {@code propagationPolicy: Orphan} leaves {@value #ORPHAN}, {@code Foreground} leaves
 * {@value #FOREGROUND}, {@code Background} neither; without a policy, a finalizer the object
 * already has decides, then the kind's default (core/v1 ReplicationControllers orphan for
 * backward compatibility, events take no part in garbage collection, everything else deletes
 * its dependents in the background). Stateless.
 */
public final class GarbageCollectionFinalizers {
  public static final String ORPHAN = "orphan";
  public static final String FOREGROUND = "foregroundDeletion";

  private GarbageCollectionFinalizers() {}

  /** Kubernetes' {@code rest.GarbageCollectionPolicy} of a kind. */
  enum Policy { DELETE_DEPENDENTS, ORPHAN_DEPENDENTS, UNSUPPORTED }

  static Policy defaultPolicy(ResourceType type) {
    return switch (type.groupResource()) {
      case "replicationcontrollers" -> Policy.ORPHAN_DEPENDENTS;
      case "events", "events.events.k8s.io" -> Policy.UNSUPPORTED;
      default -> Policy.DELETE_DEPENDENTS;
    };
  }

  /**
   * The object's finalizers after a DELETE with {@code policy} ("" when none was given), or
   * null when they stay as they are.
   */
  static List<String> afterDelete(ResourceType type, ObjectNode object, String policy) {
    if (defaultPolicy(type) == Policy.UNSUPPORTED) {
      return null;
    }
    List<String> current = finalizers(object);
    List<String> wanted = new ArrayList<>();
    for (String finalizer : current) {
      if (!finalizer.equals(ORPHAN) && !finalizer.equals(FOREGROUND)) {
        wanted.add(finalizer);
      }
    }
    if (shouldOrphan(type, current, policy)) {
      wanted.add(ORPHAN);
    }
    if (shouldDeleteDependents(current, policy)) {
      wanted.add(FOREGROUND);
    }
    return new LinkedHashSet<>(wanted).equals(new LinkedHashSet<>(current)) ? null : wanted;
  }

  /** Applies {@link #afterDelete} to {@code object}; returns whether it changed. */
  static boolean apply(ResourceType type, ObjectNode object, String policy) {
    List<String> wanted = afterDelete(type, object, policy);
    if (wanted == null) {
      return false;
    }
    ObjectNode metadata = Meta.metadata(object);
    if (wanted.isEmpty()) {
      metadata.remove("finalizers");
    } else {
      ArrayNode list = metadata.putArray("finalizers");
      wanted.forEach(list::add);
    }
    return true;
  }

  static boolean shouldOrphan(ResourceType type, List<String> finalizers, String policy) {
    switch (policy) {
      case "Orphan":
        return true;
      case "Background", "Foreground":
        return false;
      default:
        // the first of the two finalizers the object already has decides
        Boolean decided = firstDecides(finalizers, ORPHAN);
        return decided != null ? decided : defaultPolicy(type) == Policy.ORPHAN_DEPENDENTS;
    }
  }

  static boolean shouldDeleteDependents(List<String> finalizers, String policy) {
    switch (policy) {
      case "Foreground":
        return true;
      case "Background", "Orphan":
        return false;
      default:
        return Boolean.TRUE.equals(firstDecides(finalizers, FOREGROUND));
    }
  }

  /** True when {@code wanted} comes first of orphan/foregroundDeletion, false when the other. */
  private static Boolean firstDecides(List<String> finalizers, String wanted) {
    for (String finalizer : finalizers) {
      if (finalizer.equals(ORPHAN) || finalizer.equals(FOREGROUND)) {
        return finalizer.equals(wanted);
      }
    }
    return null;
  }

  static List<String> finalizers(ObjectNode object) {
    List<String> result = new ArrayList<>();
    JsonNode list = object.path("metadata").path("finalizers");
    if (list.isArray()) {
      list.forEach(f -> result.add(f.asString("")));
    }
    return result;
  }
}
