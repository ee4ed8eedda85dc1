package io.kubee.api.apply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The managed fields of an object while a write is computed: each manager's set with the
 * version it is expressed in and whether it was applied (structured-merge-diff's
 * {@code fieldpath.ManagedFields}), plus the time of each entry ({@code ManagedInterface}).
 * Mutable, confined to one computation; {@link #copy} before trying an alternative.
 */
final class Managed {
  /** A manager's fields in one version. */
  record VersionedSet(FieldSet set, String apiVersion, boolean applied) {}

  private final Map<ManagerId, VersionedSet> fields;
  private final Map<ManagerId, String> times;

  Managed() {
    this(new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  private Managed(Map<ManagerId, VersionedSet> fields, Map<ManagerId, String> times) {
    this.fields = fields;
    this.times = times;
  }

  Managed copy() {
    return new Managed(new LinkedHashMap<>(fields), new LinkedHashMap<>(times));
  }

  Map<ManagerId, VersionedSet> fields() {
    return fields;
  }

  Map<ManagerId, String> times() {
    return times;
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }

  VersionedSet get(ManagerId manager) {
    return fields.get(manager);
  }

  void put(ManagerId manager, VersionedSet set) {
    fields.put(manager, set);
  }

  void remove(ManagerId manager) {
    fields.remove(manager);
  }

  /** Replaces a manager's set, keeping its version and operation; an empty set removes it. */
  void replaceSet(ManagerId manager, FieldSet set) {
    VersionedSet old = fields.get(manager);
    if (set.isEmpty()) {
      fields.remove(manager);
    } else {
      fields.put(manager, new VersionedSet(set, old.apiVersion(), old.applied()));
    }
  }
}
