package io.kubee.storage;

import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * How to watch.
 *
 * @param resourceVersion   deliver events after this revision; 0 means "from now", preceded by
 *                          synthetic ADDED events for every current object
 * @param predicate         which objects the watcher cares about; null means all. It is called
 *                          from storage threads (possibly two at once) and must be thread-safe
 *                          and cheap
 * @param bookmarks         whether to send BOOKMARK events (Kubernetes' allowWatchBookmarks)
 * @param apiVersion        the apiVersion BOOKMARK objects carry ("v1", "apps/v1"); null lets the
 *                          storage use the apiVersion of the last object it saw of this type
 * @param kind              the kind BOOKMARK objects carry ("Pod"); null as for apiVersion
 */
public record WatchOptions(
    long resourceVersion, Predicate<ObjectNode> predicate, boolean bookmarks,
    String apiVersion, String kind) {

  /** Options whose BOOKMARK objects take their type from the objects seen. */
  public WatchOptions(long resourceVersion, Predicate<ObjectNode> predicate, boolean bookmarks) {
    this(resourceVersion, predicate, bookmarks, null, null);
  }

  public static WatchOptions from(long resourceVersion) {
    return new WatchOptions(resourceVersion, o -> true, false);
  }

  /** A copy whose BOOKMARK objects carry this apiVersion and kind. */
  public WatchOptions withType(String apiVersion, String kind) {
    return new WatchOptions(resourceVersion, predicate, bookmarks, apiVersion, kind);
  }
}
