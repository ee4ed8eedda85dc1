package io.kubee.storage.cache;

import io.kubee.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of one {@link Cacher}: owns its etcd watch, decodes each change once, hands the
 * decoded events to the cacher, sends bookmarks, and reconnects. The etcd client's I/O threads
 * only enqueue what they receive, so a slow decode never stalls them (Kubernetes' cacher has the
 * same split: the reflector feeds {@code incoming}, {@code dispatchEvents} fans out).
 *
 * <p>Progress: every {@link CacheConfig#progressNanos} the dispatcher asks etcd for progress so
 * the cache's revision follows the store even when the type is idle. Before 3.4.25 etcd answers
 * a progress request on a control channel that can overtake events already queued for the
 * stream, and, for a watch still catching up, reports a revision it has not sent yet (fixed by
 * "etcdserver: guarantee order of requested progress notification"; Debian ships 3.4.23). So a
 * reported revision is only applied when the next report arrives, one period later, by which
 * time those events have been delivered, and no progress is asked for during the first two
 * periods of a new etcd watch, while it may still be catching up.
 */
final class CacherDispatcher implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CacherDispatcher.class);

  private sealed interface Signal permits Events, Progress, Compacted, Broken, Stop {}

  private record Events(int generation, List<RawEvent> events) implements Signal {}

  private record Progress(int generation, long revision) implements Signal {}

  private record Compacted(int generation, long revision) implements Signal {}

  private record Broken(int generation, Throwable cause) implements Signal {}

  private record Stop() implements Signal {}

  private final Cacher cacher;
  private final WatchSource source;
  private final CacheConfig config;
  private final String prefix;
  private final Thread thread;
  private final BlockingQueue<Signal> incoming = new LinkedBlockingQueue<>();
  private volatile int generation;
  private volatile boolean connected;

  // confined to the dispatcher thread
  private WatchSource.Subscription subscription;
  private long lastEventRevision;
  private long pendingProgress;
  private long reconnectAt;
  private boolean reconnectPending;
  private boolean needsFreshStart;
  private long reconnectDelayNanos;
  private long progressHeldUntil;

  CacherDispatcher(Cacher cacher, WatchSource source, CacheConfig config, String prefix,
      long startRevision) {
    this.cacher = cacher;
    this.source = source;
    this.config = config;
    this.prefix = prefix;
    this.lastEventRevision = startRevision;
    this.reconnectDelayNanos = config.reconnectDelay().toNanos();
    this.thread = new Thread(this, "kubee-watch-cache " + prefix);
    this.thread.setDaemon(true);
  }

  /**
   * Opens the etcd watch (on the caller's thread, so it is open when the first watch returns)
   * and starts the thread.
   */
  void start() {
    subscribe(cacher.revision());
    thread.start();
  }

  /** Stops the thread and closes the etcd watch; waits up to 5 s for the thread to end. */
  void stop() {
    incoming.add(new Stop());
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isConnected() {
    return connected;
  }

  @Override
  public void run() {
    long tick = config.tickNanos();
    long progressPeriod = config.progressNanos();
    try {
      long nextTick = System.nanoTime() + tick;
      long nextProgress = System.nanoTime() + progressPeriod;
      while (true) {
        long now = System.nanoTime();
        long deadline = reconnectPending && reconnectAt - nextTick < 0 ? reconnectAt : nextTick;
        Signal signal = incoming.poll(Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
        if (signal instanceof Stop) {
          return;
        }
        try {
          if (signal != null) {
            handle(signal);
          }
          now = System.nanoTime();
          if (reconnectPending && now - reconnectAt >= 0) {
            reconnectPending = false;
            reconnect();
          }
          if (now - nextProgress >= 0) {
            nextProgress = now + progressPeriod;
            if (subscription != null && now - progressHeldUntil >= 0) {
              subscription.requestProgress();
            }
          }
          if (now - nextTick >= 0) {
            nextTick = now + tick;
            cacher.sendBookmarks(now);
          }
        } catch (RuntimeException e) {
          // the thread serves every watcher of the type: log and carry on
          LOG.error("watch cache dispatcher error: prefix={}", prefix, e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeSubscription();
    }
  }

  private void handle(Signal signal) {
    if (signal instanceof Events e) {
      if (e.generation() == generation) {
        onEvents(e.events());
      }
    } else if (signal instanceof Progress p) {
      if (p.generation() == generation) {
        if (pendingProgress > 0) {
          cacher.advanceTo(pendingProgress);
        }
        pendingProgress = p.revision();
      }
    } else if (signal instanceof Compacted c) {
      if (c.generation() == generation) {
        closeSubscription();
        cacher.expire(c.revision());
        freshStart();
      }
    } else if (signal instanceof Broken b) {
      if (b.generation() == generation) {
        LOG.warn("etcd watch broke, reconnecting: prefix={} revision={} cause={}", prefix,
            cacher.revision(), b.cause() == null ? "" : b.cause().toString());
        closeSubscription();
        scheduleReconnect();
      }
    }
  }

  private void onEvents(List<RawEvent> raw) {
    // a healthy stream: the next break starts the back-off again
    reconnectDelayNanos = config.reconnectDelay().toNanos();
    List<CacheEvent> decoded = new ArrayList<>(raw.size());
    long seen = lastEventRevision;
    for (RawEvent event : raw) {
      if (event.revision() <= seen) {
        // already seen (etcd never splits one revision over two responses)
        continue;
      }
      try {
        CacheEvent decodedEvent = CacheEvent.decode(event);
        if (decodedEvent != null) {
          decoded.add(decodedEvent);
        } else {
          LOG.warn("skipping a deletion without its previous value: key={} revision={}",
              event.key(), event.revision());
        }
      } catch (IllegalStateException e) {
        LOG.warn("skipping a value that is not a JSON object: key={} revision={}",
            event.key(), event.revision());
      }
      lastEventRevision = Math.max(lastEventRevision, event.revision());
    }
    cacher.dispatch(decoded);
  }

  private void subscribe(long afterRevision) {
    int gen = ++generation;
    pendingProgress = 0;
    progressHeldUntil = System.nanoTime() + 2 * config.progressNanos();
    try {
      subscription = source.watch(prefix, afterRevision, new Listener(gen));
      connected = true;
    } catch (RuntimeException e) {
      LOG.warn("cannot open the etcd watch: prefix={} cause={}", prefix, e.toString());
      subscription = null;
      scheduleReconnect();
    }
  }

  private void reconnect() {
    if (needsFreshStart) {
      freshStart();
    } else {
      subscribe(cacher.revision());
    }
  }

  private void freshStart() {
    try {
      long revision = cacher.restartHistory();
      needsFreshStart = false;
      lastEventRevision = revision;
      LOG.info("watch cache restarted: prefix={} revision={}", prefix, revision);
      subscribe(revision);
    } catch (StorageException e) {
      needsFreshStart = true;
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    reconnectPending = true;
    reconnectAt = System.nanoTime() + reconnectDelayNanos;
    reconnectDelayNanos = Math.min(reconnectDelayNanos * 2, config.maxReconnectDelay().toNanos());
  }

  private void closeSubscription() {
    connected = false;
    pendingProgress = 0;
    if (subscription != null) {
      try {
        subscription.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the etcd watch failed: prefix={}", prefix, e);
      }
      subscription = null;
    }
  }

  /** Runs on the etcd client's threads: only enqueues. */
  private final class Listener implements WatchSource.Listener {
    private final int gen;

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onEvents(List<RawEvent> events) {
      incoming.add(new Events(gen, events));
    }

    @Override
    public void onProgress(long revision) {
      incoming.add(new Progress(gen, revision));
    }

    @Override
    public void onCompacted(long compactRevision) {
      incoming.add(new Compacted(gen, compactRevision));
    }

    @Override
    public void onBroken(Throwable cause) {
      incoming.add(new Broken(gen, cause));
    }
  }
}
