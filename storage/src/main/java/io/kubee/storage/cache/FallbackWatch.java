package io.kubee.storage.cache;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watcher's own etcd watch, for a resourceVersion older than the watch cache's history (what
 * Kubernetes does without a cache: one etcd watch per request, k8s.io/apiserver/pkg/storage/
 * etcd3/watcher.go). Changes are decoded on the etcd client's thread (one watcher, no fan-out)
 * and handed to the {@link CacheWatcher}. A broken stream is re-opened from the last revision
 * seen; a compacted one ends the watcher with a 410 ERROR event.
 *
 * <p>Thread-safe: the etcd callbacks, the reconnect timer and the consumer's close synchronize
 * on this object; the lock order is this, then the watcher's lock.
 */
final class FallbackWatch {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackWatch.class);

  private final CacheWatcher watcher;
  private final WatchSource source;
  private final ScheduledExecutorService timer;
  private final CacheConfig config;
  private final Consumer<FallbackWatch> onEnd;

  private WatchSource.Subscription subscription;
  private long lastRevision;
  private long reconnectDelayNanos;
  private int generation;
  private boolean closed;

  /** @param onEnd told once when the watch ends for any reason */
  FallbackWatch(CacheWatcher watcher, WatchSource source, ScheduledExecutorService timer,
      CacheConfig config, Consumer<FallbackWatch> onEnd) {
    this.watcher = watcher;
    this.source = source;
    this.timer = timer;
    this.config = config;
    this.onEnd = onEnd;
    this.lastRevision = watcher.since();
    this.reconnectDelayNanos = config.reconnectDelay().toNanos();
  }

  CacheWatcher watcher() {
    return watcher;
  }

  synchronized void start() {
    subscribe();
  }

  /** Stops the etcd watch. Idempotent. */
  void close() {
    WatchSource.Subscription toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = subscription;
      subscription = null;
    }
    if (toClose != null) {
      toClose.close();
    }
    onEnd.accept(this);
  }

  private void subscribe() {
    if (closed) {
      return;
    }
    int gen = ++generation;
    long after = lastRevision;
    try {
      subscription = source.watch(watcher.keyPrefix(), after, new Listener(gen, after));
    } catch (RuntimeException e) {
      LOG.warn("cannot open a fallback etcd watch: prefix={} cause={}", watcher.keyPrefix(),
          e.toString());
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    long delay = reconnectDelayNanos;
    reconnectDelayNanos = Math.min(delay * 2, config.maxReconnectDelay().toNanos());
    try {
      timer.schedule(this::reconnect, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException storageClosed) {
      endFromCallback();
    }
  }

  private synchronized void reconnect() {
    subscribe();
  }

  /**
   * Ends the watch from inside an etcd callback: the subscription is closed on the timer thread
   * because jetcd must not be re-entered from its own callback.
   */
  private void endFromCallback() {
    closed = true;
    WatchSource.Subscription toClose = subscription;
    subscription = null;
    if (toClose != null) {
      try {
        timer.execute(toClose::close);
      } catch (RejectedExecutionException storageClosed) {
        toClose.close();
      }
    }
    onEnd.accept(this);
  }

  private final class Listener implements WatchSource.Listener {
    private final int gen;
    private final long after;

    Listener(int gen, long after) {
      this.gen = gen;
      this.after = after;
    }

    @Override
    public void onEvents(List<RawEvent> events) {
      synchronized (FallbackWatch.this) {
        if (closed || gen != generation) {
          return;
        }
        reconnectDelayNanos = config.reconnectDelay().toNanos();
        long seen = lastRevision;
        for (RawEvent raw : events) {
          if (raw.revision() <= seen) {
            continue;
          }
          lastRevision = Math.max(lastRevision, raw.revision());
          CacheEvent event;
          try {
            event = CacheEvent.decode(raw);
          } catch (IllegalStateException e) {
            LOG.warn("skipping a value that is not a JSON object: key={} revision={}",
                raw.key(), raw.revision());
            continue;
          }
          if (event != null && !watcher.dispatch(event)) {
            endFromCallback();
            return;
          }
        }
      }
    }

    @Override
    public void onProgress(long revision) {
      // bookmarks of a fallback watch carry the last revision it delivered: see Cacher
    }

    @Override
    public void onCompacted(long compactRevision) {
      synchronized (FallbackWatch.this) {
        if (closed || gen != generation) {
          return;
        }
        watcher.end(WatchEvents.tooOld(after, compactRevision));
        endFromCallback();
      }
    }

    @Override
    public void onBroken(Throwable cause) {
      synchronized (FallbackWatch.this) {
        if (closed || gen != generation) {
          return;
        }
        LOG.warn("fallback etcd watch broke, reconnecting: prefix={} revision={} cause={}",
            watcher.keyPrefix(), lastRevision, cause == null ? "" : cause.toString());
        WatchSource.Subscription broken = subscription;
        subscription = null;
        if (broken != null) {
          try {
            timer.execute(broken::close);
          } catch (RejectedExecutionException storageClosed) {
            broken.close();
          }
        }
        scheduleReconnect();
      }
    }
  }
}
