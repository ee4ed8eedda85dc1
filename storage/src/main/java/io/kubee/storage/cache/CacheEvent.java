package io.kubee.storage.cache;

import io.kubee.api.codec.Codec;
import io.kubee.api.meta.Meta;
import io.kubee.storage.WatchEvent;
import tools.jackson.databind.node.ObjectNode;

/**
 * One decoded change held in the watch cache's history, shared read-only by every watcher (as
 * Kubernetes' {@code watchCacheEvent}). The {@link WatchEvent}s built from it are created once
 * and shared too, so each object is serialized once however many watchers receive it.
 */
public final class CacheEvent {

  private final RawEvent.Kind kind;
  private final String key;
  private final long revision;
  private final ObjectNode object;
  private final ObjectNode previous;
  private volatile WatchEvent added;
  private volatile WatchEvent modified;
  private volatile WatchEvent deleted;
  private volatile WatchEvent exited;

  /**
   * @param object   for a write: the new state; for a deletion: the last state, carrying the
   *                 deletion's resourceVersion
   * @param previous for a write: the state before it, or null for a creation (or when unknown);
   *                 for a deletion: null
   */
  public CacheEvent(RawEvent.Kind kind, String key, long revision, ObjectNode object,
      ObjectNode previous) {
    this.kind = kind;
    this.key = key;
    this.revision = revision;
    this.object = object;
    this.previous = previous;
  }

  /**
   * Decodes a store change: sets {@code metadata.resourceVersion} on the objects (a deleted
   * object gets the deletion's revision, as Kubernetes sends it).
   *
   * @return the event, or null for a deletion whose previous value the store did not report
   *     (nothing can be said about the object)
   * @throws IllegalStateException when a value is not a JSON object
   */
  public static CacheEvent decode(RawEvent raw) {
    if (raw.kind() == RawEvent.Kind.DELETE) {
      if (raw.prevValue() == null) {
        return null;
      }
      ObjectNode last = Codec.INSTANCE.readStored(raw.prevValue());
      Meta.setResourceVersion(last, raw.revision());
      return new CacheEvent(raw.kind(), raw.key(), raw.revision(), last, null);
    }
    ObjectNode current = Codec.INSTANCE.readStored(raw.value());
    Meta.setResourceVersion(current, raw.revision());
    ObjectNode before = null;
    if (raw.prevValue() != null) {
      before = Codec.INSTANCE.readStored(raw.prevValue());
      Meta.setResourceVersion(before, raw.prevRevision());
    }
    return new CacheEvent(raw.kind(), raw.key(), raw.revision(), current, before);
  }

  public RawEvent.Kind kind() {
    return kind;
  }

  public String key() {
    return key;
  }

  public long revision() {
    return revision;
  }

  /** See the constructor. Shared: never modify. */
  public ObjectNode object() {
    return object;
  }

  /** See the constructor. Shared: never modify. */
  public ObjectNode previous() {
    return previous;
  }

  // The three WatchEvents are built on first use. Two threads may race to build one (the
  // dispatcher and a registering watcher); both results are equal, one is kept.

  WatchEvent added() {
    WatchEvent event = added;
    if (event == null) {
      event = new WatchEvent(WatchEvent.Type.ADDED, object, revision);
      added = event;
    }
    return event;
  }

  WatchEvent modified() {
    WatchEvent event = modified;
    if (event == null) {
      event = new WatchEvent(WatchEvent.Type.MODIFIED, object, revision);
      modified = event;
    }
    return event;
  }

  WatchEvent deleted() {
    WatchEvent event = deleted;
    if (event == null) {
      event = new WatchEvent(WatchEvent.Type.DELETED, object, revision);
      deleted = event;
    }
    return event;
  }

  /** DELETED for a watcher the object no longer matches: its previous state, at this revision. */
  WatchEvent exited() {
    WatchEvent event = exited;
    if (event == null) {
      ObjectNode last = previous.deepCopy();
      Meta.setResourceVersion(last, revision);
      event = new WatchEvent(WatchEvent.Type.DELETED, last, revision);
      exited = event;
    }
    return event;
  }

  @Override
  public String toString() {
    return kind + " " + key + "@" + revision;
  }
}
