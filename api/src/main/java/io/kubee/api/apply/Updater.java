package io.kubee.api.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The ownership algebra of structured-merge-diff's {@code merge.Updater}
 * ({@code merge/update.go}) over one kind's schema: how a write moves fields between managers,
 * when an apply conflicts, and what an apply removes. All objects are of one version (Kubee
 * serves each kind in one), so sets recorded at another apiVersion are read as this one.
 * Stateless apart from the schema and the filter; mutates only the {@link Managed} handed in.
 */
final class Updater {
  private final Shape root;
  private final ResetFields ignore;

  Updater(Shape root, ResetFields ignore) {
    this.root = root;
    this.ignore = ignore;
  }

  /**
   * Moves ownership for a write from {@code oldObj} to {@code newObj} (both as Go sees them,
   * see {@link GoZeroValues#overlay}): every other manager loses what was removed, and what was
   * added or modified while it owned it, which is a conflict unless {@code force}.
   *
   * @throws Conflicts when not forced and another manager owns a changed field
   */
  Comparison update(JsonNode oldObj, JsonNode newObj, Managed managers, ManagerId workflow,
      boolean force) {
    Comparison compare = Comparison.of(oldObj, newObj, root).filter(ignore);
    FieldSet changed = compare.modified().union(compare.added());
    Map<ManagerId, FieldSet> conflicts = new LinkedHashMap<>();
    List<ManagerId> others = new ArrayList<>();
    for (Map.Entry<ManagerId, Managed.VersionedSet> e : managers.fields().entrySet()) {
      if (e.getKey().equals(workflow)) {
        continue;
      }
      others.add(e.getKey());
      FieldSet conflict = e.getValue().set().intersection(changed);
      if (!conflict.isEmpty()) {
        conflicts.put(e.getKey(), conflict);
      }
    }
    if (!force && !conflicts.isEmpty()) {
      throw Conflicts.fromManagers(conflicts);
    }
    for (ManagerId manager : others) {
      FieldSet set = managers.get(manager).set();
      FieldSet conflict = conflicts.get(manager);
      if (conflict != null) {
        set = set.difference(conflict);
      }
      managers.replaceSet(manager, set.difference(compare.removed()));
    }
    return compare;
  }

  /**
   * A write by {@code manager} that is not an apply ({@code Updater.Update}): it takes what it
   * added or modified from everyone, and nobody keeps what it removed.
   */
  void updateManager(JsonNode oldObj, JsonNode newObj, String version, Managed managers,
      ManagerId manager) {
    Comparison compare = update(oldObj, newObj, managers, manager, true);
    Managed.VersionedSet previous = managers.get(manager);
    FieldSet set = (previous == null ? FieldSet.EMPTY : previous.set())
        .difference(compare.removed()).union(compare.modified()).union(compare.added());
    set = ignore.apply(set);
    if (set.isEmpty()) {
      managers.remove(manager);
    } else {
      managers.put(manager, new Managed.VersionedSet(set, version, false));
    }
  }

  /**
   * An apply ({@code Updater.Apply}): merges the configuration into the live object, makes the
   * applier own exactly the configuration's fields, removes what it applied last time and no
   * longer applies unless someone else owns it, and moves ownership as {@link #update} does.
   *
   * @param live   the live object as stored
   * @param config the configuration, already checked against the schema
   * @return the new object, or null when the apply changes nothing
   * @throws Conflicts when not forced and another manager owns a field the apply changes
   */
  JsonNode apply(JsonNode live, JsonNode config, String version, Managed managers,
      ManagerId manager, boolean force) {
    JsonNode merged = ObjectMerge.merge(live, config, root);
    Managed.VersionedSet lastSet = managers.get(manager);
    FieldSet set = ignore.apply(ObjectFields.of(config, root, false));
    managers.put(manager, new Managed.VersionedSet(set, version, true));
    JsonNode pruned = prune(merged, managers, lastSet);
    update(GoZeroValues.overlay(live, root), GoZeroValues.overlay(pruned, root), managers,
        manager, force);
    if (JsonValues.equal(live, JsonValues.withoutNulls(pruned))) {
      return null;
    }
    return pruned;
  }

  /**
   * Removes a field, list or map item iff the applier applied it last time, does not apply it
   * now, and no other manager owns it.
   */
  private JsonNode prune(JsonNode merged, Managed managers, Managed.VersionedSet lastSet) {
    if (lastSet == null || lastSet.set().isEmpty()) {
      return merged;
    }
    JsonNode pruned = ItemRemoval.remove(merged, named(lastSet.set()), root);
    pruned = addBackOwnedItems(merged, pruned, managers);
    return addBackDanglingItems(merged, pruned, lastSet);
  }

  /** Puts back what prune removed that any manager (the applier's new set included) owns. */
  private JsonNode addBackOwnedItems(JsonNode merged, JsonNode pruned, Managed managers) {
    FieldSet managed = FieldSet.EMPTY;
    for (Managed.VersionedSet set : managers.fields().values()) {
      managed = managed.union(set.set());
    }
    FieldSet mergedSet = named(ObjectFields.of(merged, root, false));
    FieldSet prunedSet = named(ObjectFields.of(pruned, root, false));
    return ItemRemoval.remove(merged,
        mergedSet.difference(prunedSet.union(named(managed))), root);
  }

  /** Puts back what prune removed that the applier did not own last time. */
  private JsonNode addBackDanglingItems(JsonNode merged, JsonNode pruned,
      Managed.VersionedSet lastSet) {
    FieldSet prunedSet = named(ObjectFields.of(pruned, root, false));
    FieldSet mergedSet = named(ObjectFields.of(merged, root, false));
    FieldSet last = named(lastSet.set());
    return ItemRemoval.remove(merged, mergedSet.difference(prunedSet).intersection(last), root);
  }

  private FieldSet named(FieldSet set) {
    return ObjectFields.ensureNamedFieldsAreMembers(set, root);
  }
}
