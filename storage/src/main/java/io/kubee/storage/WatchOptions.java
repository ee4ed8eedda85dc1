package io.kubee.storage;

import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * How to watch.
 *
 * @param resourceVersion   deliver events after this revision; 0 means "from now", preceded by
 *                          synthetic ADDED events for every current object
 * @param predicate         which objects the watcher cares about
 * @param bookmarks         whether to send BOOKMARK events (Kubernetes' allowWatchBookmarks)
 */
public record WatchOptions(long resourceVersion, Predicate<ObjectNode> predicate, boolean bookmarks) {

  public static WatchOptions from(long resourceVersion) {
    return new WatchOptions(resourceVersion, o -> true, false);
  }
}
