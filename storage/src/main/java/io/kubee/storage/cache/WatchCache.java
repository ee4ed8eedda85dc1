package io.kubee.storage.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounded history of one resource type: the last {@code capacity} decoded events, in
 * revision order, and the window of revisions it can serve watches from. Mirrors the ring
 * buffer of Kubernetes' {@code watchCache} (k8s.io/apiserver/pkg/storage/cacher/watch_cache.go)
 * without the object store: a watch from resourceVersion 0 lists etcd instead.
 *
 * <p>Not thread-safe: the {@link Cacher} guards it with its lock.
 */
final class WatchCache {
  private final CacheEvent[] ring;
  private int start;
  private int size;
  private long windowStart;
  private long revision;

  WatchCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("history size must be positive: " + capacity);
    }
    this.ring = new CacheEvent[capacity];
  }

  /** Empties the history: it now holds every change after {@code revision} (none yet). */
  void reset(long revision) {
    java.util.Arrays.fill(ring, null);
    start = 0;
    size = 0;
    windowStart = revision;
    this.revision = revision;
  }

  /**
   * Appends an event, evicting the oldest when full. Evicting an event of revision r means
   * changes at r may be missing, so watches must then start at r or later.
   */
  void add(CacheEvent event) {
    if (size == ring.length) {
      CacheEvent evicted = ring[start];
      ring[start] = null;
      start = (start + 1) % ring.length;
      size--;
      windowStart = Math.max(windowStart, evicted.revision());
    }
    ring[(start + size) % ring.length] = event;
    size++;
    revision = Math.max(revision, event.revision());
  }

  /** Records that the store has no changes for this type up to {@code revision}. */
  void advanceTo(long revision) {
    this.revision = Math.max(this.revision, revision);
  }

  /** The revision up to which the history is complete. */
  long revision() {
    return revision;
  }

  /** The smallest revision a watch can start after: every change after it is held. */
  long windowStart() {
    return windowStart;
  }

  int size() {
    return size;
  }

  /**
   * The held events with a revision greater than {@code after}, oldest first.
   *
   * @throws IllegalArgumentException when {@code after} is before the window
   */
  List<CacheEvent> eventsAfter(long after) {
    if (after < windowStart) {
      throw new IllegalArgumentException(
          "revision " + after + " is older than the history (" + windowStart + ")");
    }
    // events are in non-decreasing revision order: find the first one after `after`
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (at(mid).revision() <= after) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<CacheEvent> result = new ArrayList<>(size - lo);
    for (int i = lo; i < size; i++) {
      result.add(at(i));
    }
    return result;
  }

  private CacheEvent at(int index) {
    return ring[(start + index) % ring.length];
  }
}
