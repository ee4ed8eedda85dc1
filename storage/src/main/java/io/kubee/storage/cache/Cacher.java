package io.kubee.storage.cache;

import io.kubee.api.meta.Meta;
import io.kubee.storage.ListOptions;
import io.kubee.storage.ListResult;
import io.kubee.storage.Storage;
import io.kubee.storage.StorageException;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import io.kubee.storage.WatchOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The watch cache of one resource type: one etcd watch, a bounded history of decoded events, and
 * a dispatcher thread that fans each event out to every watcher of the type. Mirrors Kubernetes'
 * {@code Cacher} (k8s.io/apiserver/pkg/storage/cacher/cacher.go), without the in-memory object
 * store: a watch from resourceVersion 0 lists etcd for its initial state.
 *
 * <p>Started by the first {@link #watch}, it follows the store from the revision current at that
 * moment. A watch whose resourceVersion is older than the history gets its own etcd watch (a
 * {@link FallbackWatch}). The {@link CacherDispatcher} owns the etcd watch: it reconnects after a
 * break from the last revision it saw, and when that revision has been compacted ends every
 * watcher with a 410 ERROR event and starts afresh.
 *
 * <p>Thread-safe. The lock guards the history and the watcher list, so registering a watcher
 * (replaying the history, then going live) is atomic with respect to dispatching: no event is
 * lost or delivered twice.
 */
public final class Cacher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cacher.class);
  private static final long LIST_PAGE_SIZE = 500;
  private static final int LIST_ATTEMPTS = 3;

  private final String resourcePrefix;
  private final WatchSource source;
  private final Storage store;
  private final CacheConfig config;
  private final ScheduledExecutorService timer;

  private final Object lock = new Object();
  private final WatchCache history;
  private final List<CacheWatcher> watchers = new ArrayList<>();
  private boolean ready;
  private final Set<FallbackWatch> fallbacks = ConcurrentHashMap.newKeySet();

  private final Object startLock = new Object();
  private volatile boolean started;
  private volatile boolean closed;
  private CacherDispatcher dispatcher;
  private volatile String seenApiVersion;
  private volatile String seenKind;

  /**
   * @param resourcePrefix the key prefix of the type ("/registry/pods/")
   * @param source         where changes come from
   * @param store          lists the current state for resourceVersion-0 watches and tells the
   *                       current revision when the cache starts
   * @param timer          runs the reconnections of fallback watches; owned by the caller
   */
  public Cacher(String resourcePrefix, WatchSource source, Storage store, CacheConfig config,
      ScheduledExecutorService timer) {
    this.resourcePrefix = resourcePrefix;
    this.source = source;
    this.store = store;
    this.config = config;
    this.timer = timer;
    this.history = new WatchCache(config.historySize());
  }

  public String resourcePrefix() {
    return resourcePrefix;
  }

  /**
   * Starts a watch of the objects under {@code keyPrefix} (see {@link Storage#watch}).
   *
   * @throws StorageException {@code UNAVAILABLE} when etcd cannot be reached to start the cache
   *     or to list the initial state
   */
  public Watch watch(String keyPrefix, WatchOptions options) {
    if (!keyPrefix.startsWith(resourcePrefix)) {
      throw new IllegalArgumentException(
          "key prefix " + keyPrefix + " is not under " + resourcePrefix);
    }
    if (options.resourceVersion() < 0) {
      throw new IllegalArgumentException("negative resourceVersion " + options.resourceVersion());
    }
    ensureStarted();
    CacheWatcher watcher;
    if (options.resourceVersion() == 0) {
      watcher = withInitialState(keyPrefix, options);
    } else {
      watcher = new CacheWatcher(keyPrefix, options, options.resourceVersion(),
          config.queueCapacity());
    }
    synchronized (lock) {
      if (ready && watcher.since() >= history.windowStart()) {
        for (CacheEvent event : history.eventsAfter(watcher.since())) {
          watcher.addReplayed(event);
        }
        watchers.add(watcher);
        watcher.onClose(() -> unregister(watcher));
        return watcher;
      }
    }
    return startFallback(watcher);
  }

  /** The revision the cache is complete up to; 0 before it starts. */
  public long revision() {
    synchronized (lock) {
      return history.revision();
    }
  }

  /** How many watchers the cache itself serves (not counting fallback watches). */
  public int watcherCount() {
    synchronized (lock) {
      return watchers.size();
    }
  }

  /** How many watchers have their own etcd watch because they started before the history. */
  public int fallbackCount() {
    return fallbacks.size();
  }

  /** Whether the cache's etcd watch is open (false before the first watch and while broken). */
  public boolean isConnected() {
    CacherDispatcher d = dispatcher;
    return d != null && d.isConnected();
  }

  /** Stops the etcd watch and the dispatcher, and ends every watch without an ERROR event. */
  @Override
  public void close() {
    closed = true;
    CacherDispatcher d;
    synchronized (startLock) {
      d = dispatcher;
    }
    if (d != null) {
      d.stop();
    }
    synchronized (lock) {
      ready = false;
      for (CacheWatcher watcher : watchers) {
        watcher.end(null);
      }
      watchers.clear();
    }
    for (FallbackWatch fallback : fallbacks) {
      fallback.watcher().end(null);
      fallback.close();
    }
    fallbacks.clear();
  }

  // ---- called by the dispatcher thread ----

  /** Starts the history afresh at the store's current revision. */
  long restartHistory() {
    long revision = store.currentRevision();
    synchronized (lock) {
      history.reset(revision);
      ready = true;
    }
    return revision;
  }

  /** Appends decoded events to the history and hands them to every watcher. */
  void dispatch(List<CacheEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    CacheEvent last = events.get(events.size() - 1);
    seenApiVersion = Meta.apiVersion(last.object());
    seenKind = Meta.kind(last.object());
    synchronized (lock) {
      for (CacheEvent event : events) {
        if (event.revision() <= history.revision()) {
          // etcd 3.4 can answer a progress request ahead of queued events (see
          // CacherDispatcher); deliver the event anyway: losing it would be worse
          LOG.warn("event older than the cache revision: prefix={} event={} cache={}",
              resourcePrefix, event.revision(), history.revision());
        }
        history.add(event);
        for (Iterator<CacheWatcher> it = watchers.iterator(); it.hasNext(); ) {
          if (!it.next().dispatch(event)) {
            it.remove();
          }
        }
      }
    }
  }

  /** Records that etcd has no further changes of this type up to {@code revision}. */
  void advanceTo(long revision) {
    synchronized (lock) {
      history.advanceTo(revision);
    }
  }

  /**
   * The history can no longer be continued (etcd compacted past it): ends every watcher with a
   * 410 ERROR event; watches started before {@link #restartHistory} use fallback watches.
   */
  void expire(long compactRevision) {
    synchronized (lock) {
      ready = false;
      WatchEvent error = WatchEvents.tooOld(history.revision(), compactRevision);
      for (CacheWatcher watcher : watchers) {
        watcher.end(error);
      }
      LOG.warn("watch cache expired, ending {} watchers: prefix={} revision={} compacted={}",
          watchers.size(), resourcePrefix, history.revision(), compactRevision);
      watchers.clear();
    }
  }

  /** Sends due bookmarks. */
  void sendBookmarks(long now) {
    long interval = config.bookmarkInterval().toNanos();
    String apiVersion = seenApiVersion;
    String kind = seenKind;
    synchronized (lock) {
      long revision = history.revision();
      for (CacheWatcher watcher : watchers) {
        if (watcher.bookmarkDue(now, interval)) {
          watcher.offerBookmark(revision, apiVersion, kind);
        }
      }
    }
    for (FallbackWatch fallback : fallbacks) {
      // a fallback watch only knows how far its own stream got
      if (fallback.watcher().bookmarkDue(now, interval)) {
        fallback.watcher().offerBookmark(0, apiVersion, kind);
      }
    }
  }

  // ---- private ----

  private void ensureStarted() {
    if (started) {
      return;
    }
    synchronized (startLock) {
      if (closed) {
        throw new StorageException(StorageException.Code.UNAVAILABLE, resourcePrefix,
            "the storage is closed");
      }
      if (started) {
        return;
      }
      long revision = restartHistory();
      dispatcher = new CacherDispatcher(this, source, config, resourcePrefix, revision);
      dispatcher.start();
      started = true;
      LOG.info("watch cache started: prefix={} revision={}", resourcePrefix, revision);
    }
  }

  private void unregister(CacheWatcher watcher) {
    synchronized (lock) {
      watchers.remove(watcher);
    }
  }

  private Watch startFallback(CacheWatcher watcher) {
    FallbackWatch fallback = new FallbackWatch(watcher, source, timer, config,
        fallbacks::remove);
    fallbacks.add(fallback);
    watcher.onClose(fallback::close);
    fallback.start();
    LOG.debug("watch older than the cache uses its own etcd watch: prefix={} since={}",
        watcher.keyPrefix(), watcher.since());
    return watcher;
  }

  /**
   * A watcher of one object's key preloaded with a synthetic ADDED event for it, if it exists
   * and matches. It continues after the later of the object's revision and the revision read
   * before looking it up: no change of that key lies between the two, since the lookup saw the
   * latest one.
   */
  private CacheWatcher withInitialObject(String key, WatchOptions options,
      Predicate<ObjectNode> predicate) {
    long before = store.currentRevision();
    ObjectNode object = null;
    try {
      object = store.get(key);
    } catch (StorageException e) {
      if (e.code() != StorageException.Code.NOT_FOUND) {
        throw e;
      }
    }
    long objectRevision = object == null ? 0
        : Meta.parseResourceVersion(Meta.resourceVersion(object));
    CacheWatcher watcher = new CacheWatcher(key, options, Math.max(before, objectRevision),
        config.queueCapacity());
    if (object != null && predicate.test(object)) {
      watcher.addInitial(new WatchEvent(WatchEvent.Type.ADDED, object, objectRevision));
    }
    return watcher;
  }

  /**
   * A watcher preloaded with synthetic ADDED events for the current state under
   * {@code keyPrefix}, continuing after the revision of that list.
   */
  private CacheWatcher withInitialState(String keyPrefix, WatchOptions options) {
    Predicate<ObjectNode> predicate = options.predicate() == null ? o -> true
        : options.predicate();
    if (!keyPrefix.endsWith("/")) {
      return withInitialObject(keyPrefix, options, predicate);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        List<ObjectNode> items = new ArrayList<>();
        long revision = 0;
        String token = null;
        do {
          ListResult page = store.list(keyPrefix,
              new ListOptions(LIST_PAGE_SIZE, token, 0, false, predicate));
          revision = revision == 0 ? page.resourceVersion() : revision;
          items.addAll(page.items());
          token = page.continueToken();
        } while (token != null);
        CacheWatcher watcher = new CacheWatcher(keyPrefix, options, revision,
            config.queueCapacity());
        // The synthetic events are a snapshot at the list's revision, not changes: only the
        // last carries a resourceVersion (the list's), so a client that resumes by event
        // (SSE Last-Event-ID) either has the whole snapshot or starts over.
        for (int i = 0; i < items.size(); i++) {
          watcher.addInitial(new WatchEvent(WatchEvent.Type.ADDED, items.get(i),
              i == items.size() - 1 ? revision : 0));
        }
        if (!items.isEmpty()) {
          ObjectNode any = items.get(items.size() - 1);
          seenApiVersion = Meta.apiVersion(any);
          seenKind = Meta.kind(any);
        }
        return watcher;
      } catch (StorageException e) {
        // a compaction between two pages: list again from the start
        if (e.code() != StorageException.Code.RESOURCE_VERSION_TOO_OLD
            || attempt == LIST_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
