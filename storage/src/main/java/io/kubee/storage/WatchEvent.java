package io.kubee.storage;

import io.kubee.api.codec.Codec;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event of a watch. The object is shared by every watcher that receives the event and must
 * not be modified; its JSON encoding is computed once and shared too.
 */
public final class WatchEvent {

  public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

  private final Type type;
  private final ObjectNode object;
  private final long resourceVersion;
  private volatile byte[] objectJson;

  /**
   * @param object          the object (for DELETED: its last state with the deletion's
   *                        resourceVersion; for BOOKMARK: only apiVersion/kind/metadata
   *                        .resourceVersion; for ERROR: a Status)
   * @param resourceVersion the revision of the event (0 for ERROR)
   */
  public WatchEvent(Type type, ObjectNode object, long resourceVersion) {
    this.type = type;
    this.object = object;
    this.resourceVersion = resourceVersion;
  }

  public Type type() {
    return type;
  }

  public ObjectNode object() {
    return object;
  }

  public long resourceVersion() {
    return resourceVersion;
  }

  /** The object as JSON, encoded on first use and then shared. */
  public byte[] objectJson() {
    byte[] json = objectJson;
    if (json == null) {
      json = Codec.INSTANCE.writeJson(object);
      objectJson = json;
    }
    return json;
  }

  @Override
  public String toString() {
    return type + "@" + resourceVersion;
  }
}
