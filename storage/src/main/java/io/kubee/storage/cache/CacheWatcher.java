package io.kubee.storage.cache;

import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import io.kubee.storage.WatchOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One watcher: filters the changes a single producer (the {@link Cacher}'s dispatcher or a
 * {@link FallbackWatch}) hands it and buffers the resulting events for the consumer, as
 * Kubernetes' {@code cacheWatcher} (k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go).
 *
 * <p>Events reach the consumer in this order: the initial events given before registration
 * (synthetic ADDED events of a resourceVersion-0 watch, then the history replayed from the
 * cache), then live events. The live buffer is bounded; the producer never waits for the
 * consumer: when the buffer is full the watcher is ended (no ERROR event) and the client
 * resumes from the last resourceVersion it saw, as Kubernetes terminates unresponsive watchers.
 */
public final class CacheWatcher implements Watch {
  private static final Logger LOG = LoggerFactory.getLogger(CacheWatcher.class);

  private enum State { OPEN, ENDED, CLOSED }

  private final String keyPrefix;
  private final long since;
  private final Predicate<ObjectNode> predicate;
  private final boolean bookmarks;
  private final String apiVersion;
  private final String kind;
  private final int capacity;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<WatchEvent> initial = new ArrayDeque<>();
  private final ArrayDeque<WatchEvent> buffer = new ArrayDeque<>();
  private final AtomicBoolean closeHookRun = new AtomicBoolean();
  private long lastRevision;
  private State state = State.OPEN;
  private volatile Runnable closeHook = () -> { };
  private volatile boolean slow;
  /** When the next bookmark is due; only touched by the thread sending bookmarks. */
  private long nextBookmarkNanos;

  /**
   * @param since    changes at or before this revision are skipped: the client has them
   * @param capacity how many live events may wait for the consumer
   */
  public CacheWatcher(String keyPrefix, WatchOptions options, long since, int capacity) {
    this.keyPrefix = keyPrefix;
    this.since = since;
    this.predicate = options.predicate() == null ? o -> true : options.predicate();
    this.bookmarks = options.bookmarks();
    this.apiVersion = options.apiVersion();
    this.kind = options.kind();
    this.capacity = capacity;
    this.lastRevision = since;
  }

  /**
   * Whether a watch of {@code keyPrefix} sees {@code key}: a prefix ending with "/" covers the
   * keys under it, any other value is one object's key (Kubernetes' non-recursive watch).
   */
  static boolean covers(String keyPrefix, String key) {
    return keyPrefix.endsWith("/") ? key.startsWith(keyPrefix) : key.equals(keyPrefix);
  }

  /** The revision the watch continues after. */
  public long since() {
    return since;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public boolean wantsBookmarks() {
    return bookmarks;
  }

  /** Whether the watcher was ended because its consumer fell behind. */
  public boolean endedAsSlow() {
    return slow;
  }

  /** Runs once when the consumer closes the watch (deregistration). */
  void onClose(Runnable hook) {
    this.closeHook = hook;
  }

  /** Queues an event ahead of all live events; only before the consumer has the watch. */
  void addInitial(WatchEvent event) {
    lock.lock();
    try {
      initial.add(event);
    } finally {
      lock.unlock();
    }
  }

  /** Queues a change from the history ahead of all live events, filtered like a live one. */
  void addReplayed(CacheEvent event) {
    WatchEvent visible = visible(event);
    lock.lock();
    try {
      lastRevision = Math.max(lastRevision, event.revision());
      if (visible != null) {
        initial.add(visible);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands over one change (producer thread only). Never blocks on the consumer.
   *
   * @return false when the watcher has ended (closed, failed, or just ended for being slow):
   *     the producer drops it
   */
  boolean dispatch(CacheEvent event) {
    if (event.revision() <= since) {
      return true; // the client has it already (from its list or an earlier watch)
    }
    WatchEvent visible = visible(event);
    lock.lock();
    try {
      if (state != State.OPEN) {
        return false;
      }
      if (visible == null) {
        lastRevision = Math.max(lastRevision, event.revision());
        return true;
      }
      if (buffer.size() >= capacity) {
        endAsSlow();
        return false;
      }
      lastRevision = Math.max(lastRevision, event.revision());
      buffer.add(visible);
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues a BOOKMARK at {@code revision} or at the last revision this watcher has passed,
   * whichever is newer, so a bookmark never goes back. Skipped when the buffer is full (a
   * bookmark is only a hint).
   *
   * @param apiVersion the type to put in the bookmark when the options gave none
   */
  void offerBookmark(long revision, String apiVersion, String kind) {
    lock.lock();
    try {
      if (state != State.OPEN || buffer.size() >= capacity) {
        return;
      }
      long at = Math.max(revision, lastRevision);
      lastRevision = at;
      buffer.add(WatchEvents.bookmark(at,
          this.apiVersion != null ? this.apiVersion : apiVersion,
          this.kind != null ? this.kind : kind));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a bookmark is due at {@code now} (System.nanoTime()); schedules the next one. */
  boolean bookmarkDue(long now, long intervalNanos) {
    if (!bookmarks) {
      return false;
    }
    if (nextBookmarkNanos == 0) {
      nextBookmarkNanos = now + intervalNanos;
      return false;
    }
    if (now - nextBookmarkNanos < 0) {
      return false;
    }
    nextBookmarkNanos = now + intervalNanos;
    return true;
  }

  /**
   * Ends the watch from the storage side: pending events are dropped and, if {@code error} is
   * not null, it is the last event the consumer receives.
   */
  void end(WatchEvent error) {
    lock.lock();
    try {
      if (state != State.OPEN) {
        return;
      }
      state = State.ENDED;
      initial.clear();
      buffer.clear();
      if (error != null) {
        buffer.add(error);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The last revision this watcher is complete up to (its start, events, bookmarks). */
  long lastRevision() {
    lock.lock();
    try {
      return lastRevision;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public WatchEvent next(Duration timeout) throws InterruptedException {
    long remaining = timeout == null ? 0 : Math.max(0, timeout.toNanos());
    lock.lockInterruptibly();
    try {
      while (true) {
        if (state == State.CLOSED) {
          return null;
        }
        WatchEvent event = initial.poll();
        if (event == null) {
          event = buffer.poll();
        }
        if (event != null) {
          if (event.type() == WatchEvent.Type.ERROR) {
            state = State.CLOSED;
          }
          return event;
        }
        if (state == State.ENDED || remaining <= 0) {
          return null;
        }
        remaining = changed.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isDone() {
    lock.lock();
    try {
      return state == State.CLOSED
          || state == State.ENDED && initial.isEmpty() && buffer.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      state = State.CLOSED;
      initial.clear();
      buffer.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (closeHookRun.compareAndSet(false, true)) {
      closeHook.run();
    }
  }

  private WatchEvent visible(CacheEvent event) {
    if (!covers(keyPrefix, event.key())) {
      return null;
    }
    try {
      return WatchEvents.forWatcher(event, predicate);
    } catch (RuntimeException e) {
      // a broken predicate must not take the dispatcher (and every other watcher) down
      LOG.warn("watch predicate failed, treating the object as not matching: key={} "
          + "revision={}", event.key(), event.revision(), e);
      return null;
    }
  }

  private void endAsSlow() {
    // called with the lock held
    slow = true;
    state = State.ENDED;
    initial.clear();
    buffer.clear();
    changed.signalAll();
    LOG.warn("ending a watcher that fell {} events behind; the client will resume: prefix={} "
        + "revision={}", capacity, keyPrefix, lastRevision);
  }
}
