package io.kubee.storage.etcd;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.kubee.storage.cache.RawEvent;
import io.kubee.storage.cache.WatchSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link WatchSource} on jetcd watches (with prevKV, so the cache knows the old state of each
 * change). jetcd re-opens a broken watch by itself, but from a revision it tracks on its own and
 * while reporting the failure; this adapter instead reports a break once and stops listening, so
 * the caller re-opens the watch from the revision it has actually processed.
 */
final class EtcdWatchSource implements WatchSource {
  private final EtcdClient client;
  private final CompactedRevision compacted;
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

  EtcdWatchSource(EtcdClient client, CompactedRevision compacted) {
    this.client = client;
    this.compacted = compacted;
  }

  @Override
  public Subscription watch(String keyPrefix, long afterRevision, Listener listener) {
    Keys.requireKey(keyPrefix);
    Adapter adapter = new Adapter(keyPrefix, listener);
    adapter.watcher = client.watch(keyPrefix, Keys.rangeEnd(keyPrefix), afterRevision, adapter);
    open.computeIfAbsent(keyPrefix, k -> new AtomicInteger()).incrementAndGet();
    return adapter;
  }

  /** How many etcd watches on exactly {@code keyPrefix} are open now (diagnostics). */
  int openWatches(String keyPrefix) {
    AtomicInteger count = open.get(keyPrefix);
    return count == null ? 0 : count.get();
  }

  private final class Adapter implements Watch.Listener, Subscription {
    private final String keyPrefix;
    private final Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ended;
    private volatile Watch.Watcher watcher;

    Adapter(String keyPrefix, Listener listener) {
      this.keyPrefix = keyPrefix;
      this.listener = listener;
    }

    @Override
    public void onNext(WatchResponse response) {
      if (ended) {
        return;
      }
      if (response.isProgressNotify()) {
        listener.onProgress(response.getHeader().getRevision());
        return;
      }
      List<WatchEvent> events = response.getEvents();
      if (events.isEmpty()) {
        return;
      }
      List<RawEvent> raw = new ArrayList<>(events.size());
      for (WatchEvent event : events) {
        RawEvent converted = convert(event);
        if (converted != null) {
          raw.add(converted);
        }
      }
      if (!raw.isEmpty()) {
        listener.onEvents(raw);
      }
    }

    @Override
    public void onError(Throwable error) {
      if (ended) {
        return;
      }
      ended = true;
      if (error instanceof CompactedException compaction) {
        compacted.record(compaction.getCompactedRevision());
        listener.onCompacted(compaction.getCompactedRevision());
      } else {
        listener.onBroken(error);
      }
    }

    @Override
    public void onCompleted() {
      if (ended) {
        return;
      }
      ended = true;
      listener.onBroken(new IllegalStateException("etcd ended the watch stream"));
    }

    @Override
    public void requestProgress() {
      Watch.Watcher w = watcher;
      if (!ended && w != null) {
        client.call(() -> {
          w.requestProgress();
          return null;
        });
      }
    }

    @Override
    public void close() {
      ended = true;
      if (closed.compareAndSet(false, true)) {
        open.get(keyPrefix).decrementAndGet();
        Watch.Watcher w = watcher;
        if (w != null) {
          client.call(() -> {
            w.close();
            return null;
          });
        }
      }
    }
  }

  private static RawEvent convert(WatchEvent event) {
    KeyValue kv = event.getKeyValue();
    KeyValue prev = event.getPrevKV();
    boolean hasPrev = prev != null && prev.getModRevision() != 0;
    byte[] prevValue = hasPrev ? prev.getValue().getBytes() : null;
    long prevRevision = hasPrev ? prev.getModRevision() : 0;
    String key = kv.getKey().toString(StandardCharsets.UTF_8);
    return switch (event.getEventType()) {
      case PUT -> RawEvent.put(key, kv.getModRevision(), kv.getCreateRevision(),
          kv.getValue().getBytes(), prevValue, prevRevision);
      case DELETE -> RawEvent.delete(key, kv.getModRevision(), prevValue, prevRevision);
      default -> null;
    };
  }
}
