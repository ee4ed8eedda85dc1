package io.kubee.storage.cache;

import io.kubee.api.codec.Codec;
import io.kubee.api.errors.Errors;
import io.kubee.storage.WatchEvent;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one watcher sees of a change, and the events the storage makes up itself (bookmarks and
 * errors). Mirrors {@code cacheWatcher.convertToWatchEvent} in Kubernetes'
 * k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go.
 */
public final class WatchEvents {
  private WatchEvents() {}

  /**
   * The event a watcher with {@code predicate} receives for {@code event}, or null when the
   * change is invisible to it. A write that makes an object match is ADDED, one that makes it
   * stop matching is DELETED (carrying the state the watcher last matched, with the write's
   * resourceVersion, as Kubernetes' cacher sends it).
   */
  public static WatchEvent forWatcher(CacheEvent event, Predicate<ObjectNode> predicate) {
    if (event.kind() == RawEvent.Kind.DELETE) {
      return predicate.test(event.object()) ? event.deleted() : null;
    }
    boolean matchesNow = predicate.test(event.object());
    boolean matchedBefore = event.previous() != null && predicate.test(event.previous());
    if (matchesNow) {
      return matchedBefore ? event.modified() : event.added();
    }
    return matchedBefore ? event.exited() : null;
  }

  /**
   * A BOOKMARK: {@code {"apiVersion":..,"kind":..,"metadata":{"resourceVersion":".."}}}; the
   * type fields are left out when unknown (null or empty).
   */
  public static WatchEvent bookmark(long revision, String apiVersion, String kind) {
    ObjectNode object = Codec.INSTANCE.newObject();
    if (apiVersion != null && !apiVersion.isEmpty()) {
      object.put("apiVersion", apiVersion);
    }
    if (kind != null && !kind.isEmpty()) {
      object.put("kind", kind);
    }
    object.putObject("metadata").put("resourceVersion", Long.toString(revision));
    return new WatchEvent(WatchEvent.Type.BOOKMARK, object, revision);
  }

  /**
   * The ERROR event of a watch whose events were compacted away: a 410 {@code Expired} Status
   * with Kubernetes' message "too old resource version: N (M)".
   *
   * @param requested the revision the watch had to continue from
   * @param oldest    the oldest revision still available (etcd's compact revision)
   */
  public static WatchEvent tooOld(long requested, long oldest) {
    String message = "too old resource version: " + requested + " (" + oldest + ")";
    ObjectNode status = Codec.INSTANCE.fromTyped(Errors.resourceExpired(message).status());
    return new WatchEvent(WatchEvent.Type.ERROR, status, 0);
  }
}
