package io.kubee.api.apply;

import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.schema.ModelSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The managers Kubernetes stacks around structured-merge-diff for one kind and subresource
 * ({@code managedfields/internal}: {@code NewDefaultFieldManager}), from the innermost out:
 * strip the metadata nobody owns ({@code stripmeta.go}), merge a write's fields into its
 * manager's entry and stamp its time ({@code managedfieldsupdater.go}), name the manager with
 * its operation, apiVersion and subresource ({@code buildmanagerinfo.go}), and fold the oldest
 * Update entries beyond ten into {@code ancient-changes} ({@code capmanagers.go}). The outer
 * managers (skipping objects without managed fields, last-applied handling, version checks)
 * live in {@link ServerSideApply} and {@link ManagedFieldsTracker}. Stateless per call apart
 * from the {@link Managed} handed in.
 */
final class FieldManager {
  /** Kubernetes' {@code DefaultMaxUpdateManagers}. */
  static final int MAX_UPDATE_MANAGERS = 10;
  static final String ANCIENT_CHANGES = "ancient-changes";
  /** The manager a write is computed under before it joins its real manager's entry. */
  private static final String CURRENT_OPERATION = "current-operation";

  /** Fields no manager owns ({@code stripMetaManager}). */
  private static final FieldSet STRIPPED = FieldSet.of(
      Path.fields("apiVersion"),
      Path.fields("kind"),
      Path.fields("metadata"),
      Path.fields("metadata", "name"),
      Path.fields("metadata", "namespace"),
      Path.fields("metadata", "creationTimestamp"),
      Path.fields("metadata", "selfLink"),
      Path.fields("metadata", "uid"),
      Path.fields("metadata", "clusterName"),
      Path.fields("metadata", "generation"),
      Path.fields("metadata", "managedFields"),
      Path.fields("metadata", "resourceVersion"));

  private final ResourceType type;
  private final String subresource;
  private final Shape root;
  private final Updater updater;

  FieldManager(ResourceType type, String subresource) {
    this.type = type;
    this.subresource = subresource == null ? "" : subresource;
    this.root = Shape.of(ModelSchema.forKind(type));
    this.updater = new Updater(root, ResetFields.of(type, this.subresource));
  }

  Shape root() {
    return root;
  }

  String version() {
    return type.apiVersion();
  }

  /** The kind's Go zero value, what a create starts from. */
  ObjectNode emptyObject() {
    return GoZeroValues.emptyObject(type);
  }

  /**
   * Records a write that is not an apply: {@code manager} gains what changed from
   * {@code live} (null for a create) to {@code updated}, its entry's time becomes {@code now}
   * when it gained anything, and everyone loses what was removed.
   */
  void update(JsonNode live, JsonNode updated, Managed managed, String manager, Instant now) {
    ManagerId id = ManagerId.update(name(manager), version(), subresource);
    ManagerId current = ManagerId.update(CURRENT_OPERATION, version(), subresource);
    JsonNode before = GoZeroValues.overlay(live == null ? emptyObject() : live, root);
    updater.updateManager(before, GoZeroValues.overlay(updated, root), version(), managed,
        current);
    strip(managed, current);
    Managed.VersionedSet changed = managed.get(current);
    if (changed != null) {
      managed.remove(current);
      Managed.VersionedSet previous = managed.get(id);
      FieldSet set = previous == null ? changed.set() : changed.set().union(previous.set());
      managed.put(id, new Managed.VersionedSet(set, changed.apiVersion(), false));
      managed.times().put(id, Meta.timestamp(now));
    }
    capUpdateManagers(managed);
  }

  /**
   * Applies {@code config} for {@code manager} to {@code live} (null for a create).
   *
   * @return the new object, or null when the apply changes nothing (the manager's entry may
   *     still change)
   * @throws Conflicts unless forced, when another manager owns a field the apply changes
   */
  JsonNode apply(JsonNode live, JsonNode config, Managed managed, String manager,
      boolean force, Instant now) {
    ManagerId id = ManagerId.apply(name(manager), subresource);
    JsonNode base = live == null ? JsonNodeFactory.instance.objectNode() : live;
    JsonNode result = updater.apply(base, config, version(), managed, id, force);
    strip(managed, id);
    if (result != null) {
      managed.times().put(id, Meta.timestamp(now));
      result = JsonValues.withoutNulls(result);
    }
    capUpdateManagers(managed);
    return result;
  }

  private static String name(String manager) {
    return manager == null || manager.isEmpty() ? "unknown" : manager;
  }

  private static void strip(Managed managed, ManagerId manager) {
    Managed.VersionedSet set = managed.get(manager);
    if (set != null) {
      managed.replaceSet(manager, set.set().difference(STRIPPED));
    }
  }

  /**
   * Beyond {@link #MAX_UPDATE_MANAGERS} Update entries, merges the oldest into one
   * {@code ancient-changes} entry per apiVersion ({@code capUpdateManagers}).
   */
  static void capUpdateManagers(Managed managed) {
    List<ManagerId> updaters = new ArrayList<>();
    for (Map.Entry<ManagerId, Managed.VersionedSet> e : managed.fields().entrySet()) {
      if (!e.getValue().applied()) {
        updaters.add(e.getKey());
      }
    }
    if (updaters.size() <= MAX_UPDATE_MANAGERS) {
      return;
    }
    updaters.sort(Comparator
        .comparingLong((ManagerId m) -> ManagedFields.seconds(managed.times().get(m)))
        .thenComparing(ManagerId::identifier, JsonValues::compareStrings));
    Map<String, ManagerId> firstOfVersion = new HashMap<>();
    int length = updaters.size();
    for (int i = 0; i < updaters.size() && length > MAX_UPDATE_MANAGERS; i++) {
      ManagerId manager = updaters.get(i);
      Managed.VersionedSet set = managed.get(manager);
      String time = managed.times().get(manager);
      String version = set.apiVersion();
      ManagerId bucket = ManagerId.update(ANCIENT_CHANGES, version, "");
      ManagerId first = firstOfVersion.get(version);
      if (first == null) {
        firstOfVersion.put(version, manager);
        continue;
      }
      if (managed.get(bucket) == null) {
        Managed.VersionedSet firstSet = managed.get(first);
        managed.remove(first);
        managed.put(bucket, firstSet);
      }
      managed.put(bucket, new Managed.VersionedSet(set.set().union(managed.get(bucket).set()),
          set.apiVersion(), set.applied()));
      managed.remove(manager);
      length--;
      managed.times().put(bucket, time);
    }
  }
}
