package io.kubee.storage;

import tools.jackson.databind.node.ObjectNode;

/**
 * Cluster state: API objects as JSON under string keys, versioned by the store's revision, as
 * Kubernetes' {@code storage.Interface} (k8s.io/apiserver/pkg/storage/interfaces.go).
 *
 * <p>Every object returned carries {@code metadata.resourceVersion} = the revision of its last
 * modification; a list carries the revision it was read at. Objects passed in are not modified;
 * objects handed out belong to the caller, except those inside {@link WatchEvent}s, which are
 * shared by all watchers and must not be modified.
 *
 * <p>Failures are {@link StorageException}s. All methods are thread-safe.
 */
public interface Storage extends AutoCloseable {

  /**
   * Stores a new object. {@code metadata.resourceVersion} of the input is ignored.
   *
   * @param ttlSeconds if positive, the object disappears on its own after about that long
   * @return the stored object, with its resourceVersion
   * @throws StorageException {@code KEY_EXISTS} if the key holds an object
   */
  ObjectNode create(String key, ObjectNode object, long ttlSeconds);

  /** @throws StorageException {@code NOT_FOUND} */
  ObjectNode get(String key);

  /**
   * Read-modify-write with optimistic concurrency (Kubernetes' {@code GuaranteedUpdate}): reads
   * the key, calls {@code update} with a private copy of the current object ({@code null} when
   * the key is empty), and writes the result only if nobody wrote the key in between; otherwise
   * reads again and calls {@code update} again. Preconditions (a resourceVersion or uid the
   * caller expects) are checked by {@code update}, which throws to abort. When the result encodes
   * to the same bytes as the current object nothing is written and the current object (with its
   * resourceVersion) is returned.
   *
   * <p>{@code update} may be called several times (once per conflict) and must not have side
   * effects. Returning null for an existing object means "no change": the current object is
   * returned. After 100 conflicting attempts in a row the call fails with {@code UNAVAILABLE}.
   *
   * @param ttlSeconds as for {@link #create}, applied to the written object (0 detaches any TTL)
   * @return the stored object, with its new resourceVersion
   * @throws StorageException {@code NOT_FOUND} if {@code update} returns null for a missing key
   */
  ObjectNode guaranteedUpdate(String key, long ttlSeconds, UpdateFunction update);

  /**
   * Deletes the object at key after {@code check} accepted its current state (check throws to
   * abort; it sees a private copy), retrying if the object changes in between.
   *
   * @return the object as it was just before deletion, with the resourceVersion of the deletion
   *     (as Kubernetes' store returns it and as the DELETED watch event carries it)
   * @throws StorageException {@code NOT_FOUND}
   */
  ObjectNode delete(String key, DeleteCheck check);

  /**
   * A consistent, optionally paged, filtered list of the objects whose keys start with
   * {@code keyPrefix} (which must end with "/"), in key order.
   *
   * @throws StorageException {@code INVALID_CONTINUE} for a malformed token or one whose start
   *     key would leave {@code keyPrefix}; {@code RESOURCE_VERSION_TOO_OLD} when the token's or the
   *     exact resourceVersion has been compacted; {@code TOO_LARGE_RESOURCE_VERSION} when a
   *     requested resourceVersion is still in the future after waiting 3 seconds
   */
  ListResult list(String keyPrefix, ListOptions options);

  /**
   * Watches the objects under {@code keyPrefix}. {@code resourcePrefix} names the resource type
   * ("/registry/pods/"); all watches of one resource type share one etcd watch and the watch
   * cache of that type; {@code keyPrefix} is it or a narrower prefix ("/registry/pods/default/"),
   * or, when it does not end with "/", the key of one object ("/registry/pods/default/web-1"),
   * as in Kubernetes' non-recursive watch (a watch with {@code metadata.name=} field selector).
   * Events the options' predicate does not match are not delivered; an object that stops
   * matching arrives as DELETED (carrying its new state), one that starts matching as ADDED.
   *
   * <p>When events after the requested resourceVersion can no longer be delivered (etcd
   * compacted them), the watch is still returned: it delivers one ERROR event carrying a 410
   * {@code Expired} Status ("too old resource version: N (M)") and ends, as Kubernetes' cacher
   * does ({@code newErrWatcher}). The same happens when compaction overtakes a watch later. A
   * resourceVersion newer than the store's is accepted: events up to it are skipped.
   *
   * @throws StorageException {@code UNAVAILABLE} when etcd cannot be reached to start the watch
   *     (or to list the current state for resourceVersion 0)
   * @throws IllegalArgumentException when {@code keyPrefix} does not start with
   *     {@code resourcePrefix}
   */
  Watch watch(String resourcePrefix, String keyPrefix, WatchOptions options);

  /** The store's current revision (etcd's header revision). */
  long currentRevision();

  /**
   * Discards history up to {@code revision}: later watches or paged lists before it get 410.
   * Idempotent: compacting to a revision at or below an earlier compaction does nothing.
   *
   * @throws StorageException {@code TOO_LARGE_RESOURCE_VERSION} if {@code revision} is in the
   *     future
   */
  void compact(long revision);

  /** Whether the store answers a read within its request timeout. Never throws. */
  boolean isHealthy();

  /**
   * Closes connections and ends all watches (they end without an ERROR event). Idempotent; any
   * later call fails with {@code UNAVAILABLE}.
   */
  @Override
  void close();

  /** The transformation of a {@link #guaranteedUpdate}. */
  @FunctionalInterface
  interface UpdateFunction {
    /**
     * @param current a private copy of the stored object with its resourceVersion, or null when
     *     the key is empty
     * @return the object to store, or null to leave a missing key missing ({@code NOT_FOUND})
     */
    ObjectNode apply(ObjectNode current);
  }

  /** The precondition check of a {@link #delete}. */
  @FunctionalInterface
  interface DeleteCheck {
    /** Throws to refuse the deletion of {@code current} (a private copy). */
    void check(ObjectNode current);
  }
}
