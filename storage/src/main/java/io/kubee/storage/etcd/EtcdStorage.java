package io.kubee.storage.etcd;

import io.kubee.storage.ListOptions;
import io.kubee.storage.ListResult;
import io.kubee.storage.Storage;
import io.kubee.storage.StorageException;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchOptions;
import io.kubee.storage.cache.CacheConfig;
import io.kubee.storage.cache.Cacher;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Storage} on etcd 3 through jetcd, as Kubernetes' etcd3 store
 * (k8s.io/apiserver/pkg/storage/etcd3/store.go) with its watch cache in front of watches
 * (one {@link Cacher} per resource type, started by the first watch of the type).
 *
 * <p>Values are the objects' JSON without {@code metadata.resourceVersion}; reads set it to the
 * key's mod_revision. Writes are transactions comparing the key's version (create) or
 * mod_revision (update, delete) with what was read. Every etcd call is bounded by the request
 * timeout and fails with {@code UNAVAILABLE}. Thread-safe.
 */
public final class EtcdStorage implements Storage {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdStorage.class);
  /** Kubernetes retries a conflicting GuaranteedUpdate forever; we give up eventually. */
  private static final int MAX_ATTEMPTS = 100;
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

  private final StorageConfig config;
  private final CacheConfig cacheConfig;
  private final EtcdClient client;
  private final CompactedRevision compacted = new CompactedRevision();
  private final LeaseManager leases;
  private final Lister lister;
  private final EtcdWatchSource watchSource;
  private final ScheduledExecutorService timer;
  private final Map<String, Cacher> cachers = new ConcurrentHashMap<>();
  private final Compactor compactor;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Connects lazily: nothing is sent to etcd before the first call. */
  public EtcdStorage(StorageConfig config) {
    this(config, CacheConfig.of(config.watchCacheSize(), config.watcherQueueCapacity(),
        config.bookmarkInterval()));
  }

  /** With explicit watch cache settings (tests shorten the reconnect delays). */
  EtcdStorage(StorageConfig config, CacheConfig cacheConfig) {
    this.config = config;
    this.cacheConfig = cacheConfig;
    this.client = new EtcdClient(config.endpoints(), config.requestTimeout());
    this.leases = new LeaseManager(client::grantLease);
    this.lister = new Lister(client, compacted);
    this.watchSource = new EtcdWatchSource(client, compacted);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "kubee-watch-timer");
      thread.setDaemon(true);
      return thread;
    });
    if (config.compactionInterval().isZero()) {
      this.compactor = null;
    } else {
      this.compactor = new Compactor(client, compacted, config.compactionInterval());
      this.compactor.start();
    }
    LOG.info("etcd storage: endpoints={} requestTimeout={} watchCacheSize={}",
        config.endpoints(), config.requestTimeout(), config.watchCacheSize());
  }

  public StorageConfig config() {
    return config;
  }

  @Override
  public ObjectNode create(String key, ObjectNode object, long ttlSeconds) {
    Keys.requireKey(key);
    ensureOpen(key);
    byte[] data = StoredObjects.encode(object);
    long lease = ttlSeconds > 0 ? leases.leaseFor(ttlSeconds) : 0;
    EtcdClient.TxnOutcome outcome = client.createIfAbsent(key, data, lease);
    if (!outcome.succeeded()) {
      throw new StorageException(StorageException.Code.KEY_EXISTS, key, "key exists: " + key);
    }
    return StoredObjects.withRevision(object, outcome.revision());
  }

  @Override
  public ObjectNode get(String key) {
    Keys.requireKey(key);
    ensureOpen(key);
    EtcdClient.StoredValue value = client.get(key);
    if (value == null) {
      throw notFound(key);
    }
    return StoredObjects.decode(value.value(), value.modRevision());
  }

  @Override
  public ObjectNode guaranteedUpdate(String key, long ttlSeconds, UpdateFunction update) {
    Keys.requireKey(key);
    ensureOpen(key);
    EtcdClient.StoredValue current = client.get(key);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ObjectNode input = current == null ? null
          : StoredObjects.decode(current.value(), current.modRevision());
      ObjectNode updated = update.apply(input);
      if (updated == null) {
        if (current == null) {
          throw notFound(key);
        }
        return StoredObjects.decode(current.value(), current.modRevision());
      }
      byte[] data = StoredObjects.encode(updated);
      if (current != null && Arrays.equals(data, current.value())) {
        // nothing changed: no write, and the resourceVersion stays
        return StoredObjects.decode(current.value(), current.modRevision());
      }
      long lease = ttlSeconds > 0 ? leases.leaseFor(ttlSeconds) : 0;
      EtcdClient.TxnOutcome outcome = current == null
          ? client.createIfAbsent(key, data, lease)
          : client.putIfUnchanged(key, current.modRevision(), data, lease);
      if (outcome.succeeded()) {
        return StoredObjects.withRevision(updated, outcome.revision());
      }
      current = outcome.current();
    }
    throw new StorageException(StorageException.Code.UNAVAILABLE, key,
        "gave up updating " + key + " after " + MAX_ATTEMPTS + " conflicting writes");
  }

  @Override
  public ObjectNode delete(String key, DeleteCheck check) {
    Keys.requireKey(key);
    ensureOpen(key);
    EtcdClient.StoredValue current = client.get(key);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (current == null) {
        throw notFound(key);
      }
      check.check(StoredObjects.decode(current.value(), current.modRevision()));
      EtcdClient.TxnOutcome outcome = client.deleteIfUnchanged(key, current.modRevision());
      if (outcome.succeeded()) {
        EtcdClient.StoredValue deleted = outcome.current() == null ? current : outcome.current();
        return StoredObjects.decode(deleted.value(), outcome.revision());
      }
      current = outcome.current();
    }
    throw new StorageException(StorageException.Code.UNAVAILABLE, key,
        "gave up deleting " + key + " after " + MAX_ATTEMPTS + " conflicting writes");
  }

  @Override
  public ListResult list(String keyPrefix, ListOptions options) {
    ensureOpen(keyPrefix);
    return lister.list(keyPrefix, options);
  }

  @Override
  public Watch watch(String resourcePrefix, String keyPrefix, WatchOptions options) {
    Keys.requireDirectory(resourcePrefix);
    Keys.requireKey(keyPrefix);
    ensureOpen(keyPrefix);
    Cacher cacher = cachers.computeIfAbsent(resourcePrefix,
        prefix -> new Cacher(prefix, watchSource, this, cacheConfig, timer));
    return cacher.watch(keyPrefix, options);
  }

  @Override
  public long currentRevision() {
    ensureOpen("");
    return client.currentRevision(config.requestTimeout());
  }

  @Override
  public void compact(long revision) {
    ensureOpen("");
    try {
      client.compact(revision);
      compacted.record(revision);
    } catch (RevisionException e) {
      if (e.reason() == RevisionException.Reason.FUTURE) {
        throw new StorageException(StorageException.Code.TOO_LARGE_RESOURCE_VERSION, "",
            "cannot compact to future revision " + revision, e);
      }
      // already compacted at or past it
    }
  }

  @Override
  public boolean isHealthy() {
    if (closed.get()) {
      return false;
    }
    Duration within = config.requestTimeout().compareTo(HEALTH_TIMEOUT) < 0
        ? config.requestTimeout() : HEALTH_TIMEOUT;
    try {
      client.currentRevision(within);
      return true;
    } catch (RuntimeException e) {
      LOG.debug("etcd health check failed: {}", e.getMessage());
      return false;
    }
  }

  /**
   * Ends every watch, stops the compactor and the watch caches, closes the etcd client and waits
   * for its threads (so WildFly can redeploy: PLATFORM.md gotcha 4). Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (compactor != null) {
      compactor.close();
    }
    for (Cacher cacher : cachers.values()) {
      cacher.close();
    }
    cachers.clear();
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
    LOG.info("etcd storage closed: endpoints={}", config.endpoints());
  }

  /** How many etcd watches are open on exactly {@code keyPrefix} (diagnostics, tests). */
  int openEtcdWatches(String keyPrefix) {
    return watchSource.openWatches(keyPrefix);
  }

  /** The live threads of the etcd client (tests). */
  List<Thread> clientThreads() {
    return client.threads();
  }

  /** The watch cache of a resource type, or null before its first watch (tests). */
  Cacher cacher(String resourcePrefix) {
    return cachers.get(resourcePrefix);
  }

  /** Runs one compactor round now (tests); false when compaction is off. */
  boolean compactNow() {
    if (compactor == null) {
      return false;
    }
    compactor.tick();
    return true;
  }

  private void ensureOpen(String key) {
    if (closed.get()) {
      throw new StorageException(StorageException.Code.UNAVAILABLE, key, "the storage is closed");
    }
  }

  private static StorageException notFound(String key) {
    return new StorageException(StorageException.Code.NOT_FOUND, key, "key not found: " + key);
  }
}
