package io.kubee.api.apply;

import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;

import io.kubee.api.registry.ResourceType;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored object and the writes made to it, one minute apart from 00:00, as the apiserver
 * would make them: creates, updates and status updates recorded by
 * {@link ManagedFieldsTracker}, applies computed by {@link ServerSideApply}. Between writes it
 * does what the store does to managed fields' neighbours (a uid once created; status kept by
 * main-resource writes of kinds with a status subresource).
 */
final class Scenario {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final ResourceType type;
  private ObjectNode object;
  private int minute;

  Scenario(String plural) {
    this.type = io.kubee.api.testing.Fixtures.type(plural);
  }

  static Scenario of(String plural) {
    return new Scenario(plural);
  }

  ResourceType type() {
    return type;
  }

  private Instant tick() {
    return T0.plusSeconds(60L * minute++);
  }

  /** A create of {@code yaml} (a full object) by {@code manager}. */
  Scenario create(String manager, String text) {
    return create(manager, yaml(text));
  }

  Scenario create(String manager, ObjectNode created) {
    ManagedFieldsTracker.update(null, created, manager, "", type, tick());
    created.withObjectProperty("metadata").put("uid", "uid-1");
    object = created;
    return this;
  }

  /** An object stored before anyone tracked its fields (no managedFields). */
  Scenario stored(String text) {
    object = yaml(text);
    object.withObjectProperty("metadata").put("uid", "uid-1");
    minute++;
    return this;
  }

  /** An update (PUT or patch result) to the full object {@code yaml} by {@code manager}. */
  Scenario update(String manager, String text) {
    return update(manager, yaml(text));
  }

  Scenario update(String manager, ObjectNode updated) {
    updated.withObjectProperty("metadata").put("uid", "uid-1");
    if (type.hasStatusSubresource()) {
      copyStatus(object, updated);
    }
    ManagedFieldsTracker.update(object, updated, manager, "", type, tick());
    object = updated;
    return this;
  }

  /**
   * A patch by {@code manager}: {@code change} edits a copy of the stored object, managed
   * fields included, as a patch applies to the stored object.
   */
  Scenario patch(String manager, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode updated = object.deepCopy();
    change.accept(updated);
    return update(manager, updated);
  }

  /** A write through {@code subresource}: {@code change} edits a copy of the stored object. */
  Scenario write(String manager, String subresource,
      java.util.function.Consumer<ObjectNode> change) {
    ObjectNode updated = object.deepCopy();
    change.accept(updated);
    ManagedFieldsTracker.update(object, updated, manager, subresource, type, tick());
    object = updated;
    return this;
  }

  /** An update of the status subresource: {@code status} replaced, nothing else. */
  Scenario updateStatus(String manager, String statusYaml) {
    ObjectNode updated = object.deepCopy();
    updated.set("status", yaml(statusYaml));
    ManagedFieldsTracker.update(object, updated, manager, "status", type, tick());
    object = updated;
    return this;
  }

  Scenario apply(String manager, String config) {
    return apply(manager, config, false);
  }

  Scenario applyForced(String manager, String config) {
    return apply(manager, config, true);
  }

  /** What the store does within the last write (defaulting): not recorded as a write. */
  Scenario stores(java.util.function.Consumer<ObjectNode> change) {
    change.accept(object);
    return this;
  }

  /** An apply to the status subresource. */
  Scenario applyStatus(String manager, String config) {
    object = ServerSideApply.apply(object, yaml(config), manager, false, type, "status",
        tick());
    return this;
  }

  private Scenario apply(String manager, String config, boolean force) {
    ObjectNode result = ServerSideApply.apply(object, yaml(config), manager, force, type,
        tick());
    if (object == null) {
      result.withObjectProperty("metadata").put("uid", "uid-1");
    }
    object = result;
    return this;
  }

  /** Applies without keeping the result (for expected failures). */
  ObjectNode tryApply(String manager, String config, boolean force) {
    return ServerSideApply.apply(object, yaml(config), manager, force, type, tick());
  }

  ObjectNode object() {
    return object;
  }

  /** The object without the fields this scenario or managed fields add. */
  ObjectNode content() {
    ObjectNode copy = object.deepCopy();
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    metadata.remove("managedFields");
    metadata.remove("uid");
    return copy;
  }

  private static void copyStatus(ObjectNode from, ObjectNode to) {
    JsonNode status = from == null ? null : from.get("status");
    if (status == null) {
      to.remove("status");
    } else {
      to.set("status", status.deepCopy());
    }
  }
}
