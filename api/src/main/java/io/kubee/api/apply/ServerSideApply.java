package io.kubee.api.apply;

import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.schema.ModelSchema;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}), as Kubernetes'
 * {@code FieldManager.Apply} computes it ({@code k8s.io/apimachinery/pkg/util/managedfields}
 * over {@code sigs.k8s.io/structured-merge-diff}): the configuration is merged into the live
 * object by the schema; fields the manager applied last time and no longer applies are removed
 * unless another manager owns them; a field the configuration changes while another manager
 * owns it is a conflict (409) unless forced, and forced it changes hands; the manager's Apply
 * entry becomes exactly the fields of the configuration.
 *
 * <p>A pure function of its arguments: the result still goes through the update (or create)
 * pipeline (defaults, validation, admission, storage), which must not record the write again
 * with {@link ManagedFieldsTracker#update}.
 */
public final class ServerSideApply {
  private ServerSideApply() {}

  /** The manager of the fields an object had before its first apply (skipNonApplied). */
  static final String BEFORE_FIRST_APPLY = "before-first-apply";

  /** An apply to the main resource (no subresource). */
  public static ObjectNode apply(ObjectNode live, ObjectNode config, String manager,
      boolean force, ResourceType type, Instant now) {
    return apply(live, config, manager, force, type, "", now);
  }

  /**
   * Applies {@code config} for {@code manager}.
   *
   * @param live        the stored object, or null when there is none (the apply creates it)
   * @param config      the applied configuration as sent ({@link ApplyPatch#parse}), with its
   *                    own apiVersion and kind; not modified
   * @param manager     the request's {@code fieldManager}
   * @param force       the request's {@code force}: take conflicting fields over
   * @param subresource "" or the subresource applied to ("status")
   * @param now         the time recorded on the manager's entry when the object changes
   * @return the object to store, with its managedFields; a new tree, never {@code live}
   * @throws ApiException 422 without a valid manager; 400 for a configuration of another kind
   *     ({@code invalid object type: apps/v1, Kind=Deployment}), with managedFields, or that
   *     does not fit the schema; 409 for conflicts, and for a uid on a create
   */
  public static ObjectNode apply(ObjectNode live, ObjectNode config, String manager,
      boolean force, ResourceType type, String subresource, Instant now) {
    FieldManagers.validatePatchOptions(manager, true, false);
    checkConfig(config, type);
    if (live == null && !Meta.uid(config).isEmpty()) {
      throw Errors.conflict(type.group(), type.plural(), Meta.name(config),
          "uid mismatch: the provided object specified uid " + Meta.uid(config)
              + ", and no existing object was found");
    }
    FieldManager fieldManager = new FieldManager(type, subresource);
    Managed managed;
    try {
      managed = live == null ? new Managed() : ManagedFields.decode(live);
    } catch (IllegalArgumentException e) {
      throw Errors.internalError("failed to decode managed fields: " + e.getMessage());
    }
    ObjectNode result = applyForKubectl(live, config, managed, manager, force, fieldManager,
        type, now);
    // lastAppliedUpdater: kubectl's server-side apply keeps client-side apply's record current
    if (manager.equals(LastAppliedConfiguration.KUBECTL)
        && LastAppliedConfiguration.has(result)) {
      LastAppliedConfiguration.set(result, LastAppliedConfiguration.build(config));
    }
    return result;
  }

  /**
   * {@code lastAppliedManager}: for {@code kubectl}, conflicts with fields whose live value is
   * still the last client-side applied one are not conflicts.
   */
  private static ObjectNode applyForKubectl(ObjectNode live, ObjectNode config, Managed managed,
      String manager, boolean force, FieldManager fieldManager, ResourceType type,
      Instant now) {
    try {
      return applyOnce(live, config, managed.copy(), manager, force, fieldManager, now);
    } catch (Conflicts conflicts) {
      if (!manager.equals(LastAppliedConfiguration.KUBECTL) || live == null) {
        throw conflicts.toApiException();
      }
      FieldSet allowed = LastAppliedConfiguration.allowedConflicts(live, type,
          fieldManager.root());
      if (allowed == null) {
        throw conflicts.toApiException();
      }
      Conflicts remaining = conflicts.without(allowed);
      if (!remaining.isEmpty()) {
        throw remaining.toApiException();
      }
      return applyOnce(live, config, managed.copy(), manager, true, fieldManager, now);
    }
  }

  /**
   * One apply with the inner managers: an object without managed fields first has its fields
   * recorded for {@code before-first-apply} ({@code skipNonAppliedManager}).
   */
  private static ObjectNode applyOnce(ObjectNode live, ObjectNode config, Managed managed,
      String manager, boolean force, FieldManager fieldManager, Instant now) {
    if (live != null && managed.isEmpty()) {
      fieldManager.update(null, live, managed, BEFORE_FIRST_APPLY, now);
    }
    JsonNode applied = fieldManager.apply(live, config, managed, manager, force, now);
    ObjectNode result;
    if (applied != null) {
      result = (ObjectNode) applied;
    } else {
      result = live.deepCopy();
    }
    ManagedFields.encode(result, managed);
    return result;
  }

  /** The checks Kubernetes makes of an applied configuration before merging it. */
  private static void checkConfig(ObjectNode config, ResourceType type) {
    String apiVersion = Meta.apiVersion(config);
    String kind = Meta.kind(config);
    if (!apiVersion.equals(type.apiVersion()) || !kind.equals(type.kind())) {
      throw Errors.badRequest("invalid object type: " + gvk(apiVersion, kind));
    }
    JsonNode managedFields = config.path("metadata").get("managedFields");
    if (managedFields != null && !managedFields.isNull()) {
      throw Errors.badRequest("metadata.managedFields must be nil");
    }
    try {
      ObjectFields.of(config, Shape.of(ModelSchema.forKind(type)), true);
    } catch (ObjectFields.SchemaError e) {
      throw Errors.badRequest("failed to create typed patch object (" + Meta.namespace(config)
          + "/" + Meta.name(config) + "; " + gvk(apiVersion, kind) + "): " + e.getMessage());
    }
  }

  /** Go's {@code GroupVersionKind.String()}: {@code apps/v1, Kind=Deployment}. */
  private static String gvk(String apiVersion, String kind) {
    String group = "";
    String version = apiVersion;
    int slash = apiVersion.indexOf('/');
    if (slash >= 0) {
      if (apiVersion.indexOf('/', slash + 1) >= 0) {
        // not a group/version: Kubernetes keeps only the kind
        return "/, Kind=" + kind;
      }
      group = apiVersion.substring(0, slash);
      version = apiVersion.substring(slash + 1);
    }
    return group + "/" + version + ", Kind=" + kind;
  }
}
