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
   * @param ttlSeconds as for {@link #create}, applied to the written object
   * @return the stored object, with its new resourceVersion
   * @throws StorageException {@code NOT_FOUND} if {@code update} returns null for a missing key
   */
  ObjectNode guaranteedUpdate(String key, long ttlSeconds, UpdateFunction update);

  /**
   * Deletes the object at key after {@code check} accepted its current state (check throws to
   * abort; it sees a private copy), retrying if the object changes in between.
   *
   * @return the object as it was just before deletion
   * @throws StorageException {@code NOT_FOUND}
   */
  ObjectNode delete(String key, DeleteCheck check);

  /**
   * A consistent, optionally paged, filtered list of the objects whose keys start with
   * {@code keyPrefix} (which must end with "/"), in key order.
   */
  ListResult list(String keyPrefix, ListOptions options);

  /**
   * Watches the objects under {@code keyPrefix}. {@code resourcePrefix} names the resource type
   * ("/registry/pods/"); all watches of one resource type share one etcd watch and the watch
   * cache of that type; {@code keyPrefix} is it or a narrower prefix ("/registry/pods/default/").
   * Events the options' predicate does not match are not delivered; an object that stops
   * matching arrives as DELETED, one that starts matching as ADDED.
   *
   * @throws StorageException {@code RESOURCE_VERSION_TOO_OLD} when events after the requested
   *     resourceVersion can no longer be delivered (etcd compacted them)
   */
  Watch watch(String resourcePrefix, String keyPrefix, WatchOptions options);

  /** The store's current revision (etcd's header revision). */
  long currentRevision();

  /** Discards history up to {@code revision}: later watches or paged lists before it get 410. */
  void compact(long revision);

  /** Whether the store answers a read within its request timeout. Never throws. */
  boolean isHealthy();

  /** Closes connections and ends all watches. */
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
