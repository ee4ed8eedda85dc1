package io.kubee.storage.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.kubee.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The etcd operations the storage needs, on jetcd, with every call bounded by the request
 * timeout and every failure turned into a {@link StorageException} (or a
 * {@link RevisionException} where a caller handles compacted and future revisions). Results are
 * plain records: jetcd types stay in this package.
 *
 * <p>Thread-safe.
 */
final class EtcdClient implements AutoCloseable {
  /** The key Kubernetes' health check reads (k8s.io/apiserver/pkg/storage/etcd3). */
  private static final ByteSequence HEALTH_KEY = bytes("health");

  /** One key/value as stored. */
  record StoredValue(String key, byte[] value, long modRevision, long createRevision,
      long version, long lease) {}

  /** One range read. */
  record Range(List<StoredValue> values, boolean more, long count, long revision) {}

  /**
   * The outcome of a compare-and-swap transaction.
   *
   * @param revision the store's revision after it (the new modRevision on success)
   * @param current  on failure: the key's current value (null if missing); after a successful
   *                 delete: the deleted value
   */
  record TxnOutcome(boolean succeeded, long revision, StoredValue current) {}

  private final Client client;
  private final KV kv;
  private final Duration timeout;
  private final ClientThreads threads = new ClientThreads();

  EtcdClient(List<String> endpoints, Duration timeout) {
    this.timeout = timeout;
    this.client = threads.call(() -> Client.builder()
        .endpoints(endpoints.toArray(String[]::new))
        // fail at once while etcd is unreachable instead of queueing until the timeout
        .waitForReady(false)
        .connectTimeout(timeout)
        .retryDelay(100)
        .retryMaxDelay(1_000)
        .retryMaxDuration(timeout)
        .maxInboundMessageSize(256 * 1024 * 1024)
        .build());
    this.kv = threads.call(client::getKVClient);
  }

  Duration timeout() {
    return timeout;
  }

  /** The value at {@code key}, or null. */
  StoredValue get(String key) {
    GetResponse response = await(key, "get", () -> kv.get(bytes(key)));
    return response.getKvs().isEmpty() ? null : stored(response.getKvs().get(0));
  }

  /**
   * Up to {@code limit} keys in [{@code from}, {@code end}) in key order, at {@code revision}
   * (0: the current one); {@code count} is the number of keys in the whole range.
   *
   * @throws RevisionException when {@code revision} is compacted or in the future
   */
  Range range(String from, String end, long revision, long limit) {
    GetOption option = GetOption.builder()
        .withRange(bytes(end))
        .withRevision(revision)
        .withLimit(limit)
        .build();
    GetResponse response = await(from, "range", () -> kv.get(bytes(from), option));
    List<StoredValue> values = new ArrayList<>(response.getKvs().size());
    for (KeyValue kv : response.getKvs()) {
      values.add(stored(kv));
    }
    return new Range(values, response.isMore(), response.getCount(),
        response.getHeader().getRevision());
  }

  /** etcd's current revision, read within {@code within}. */
  long currentRevision(Duration within) {
    GetOption countOnly = GetOption.builder().withCountOnly(true).build();
    return await(within, "health", "revision", () -> kv.get(HEALTH_KEY, countOnly))
        .getHeader().getRevision();
  }

  /** Puts {@code value} at {@code key} if the key is empty (etcd version 0). */
  TxnOutcome createIfAbsent(String key, byte[] value, long lease) {
    ByteSequence k = bytes(key);
    return putIf(key, new Cmp(k, Cmp.Op.EQUAL, CmpTarget.version(0)), value, lease);
  }

  /** Puts {@code value} at {@code key} if nobody wrote it since {@code modRevision}. */
  TxnOutcome putIfUnchanged(String key, long modRevision, byte[] value, long lease) {
    ByteSequence k = bytes(key);
    return putIf(key, new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision)), value,
        lease);
  }

  /** Puts {@code value} at {@code key} if the key's etcd version is {@code version}. */
  TxnOutcome putIfVersion(String key, long version, byte[] value) {
    ByteSequence k = bytes(key);
    return putIf(key, new Cmp(k, Cmp.Op.EQUAL, CmpTarget.version(version)), value, 0);
  }

  /** Deletes {@code key} if nobody wrote it since {@code modRevision}. */
  TxnOutcome deleteIfUnchanged(String key, long modRevision) {
    ByteSequence k = bytes(key);
    TxnResponse response = await(key, "delete", () -> kv.txn()
        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision)))
        .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
        .Else(Op.get(k, GetOption.DEFAULT))
        .commit());
    long revision = response.getHeader().getRevision();
    if (response.isSucceeded()) {
      List<KeyValue> prev = response.getDeleteResponses().get(0).getPrevKvs();
      return new TxnOutcome(true, revision, prev.isEmpty() ? null : stored(prev.get(0)));
    }
    return new TxnOutcome(false, revision, firstOfElse(response));
  }

  /** Grants a lease of {@code ttlSeconds}; returns its id. */
  long grantLease(long ttlSeconds) {
    return await("", "lease grant", () -> client.getLeaseClient().grant(ttlSeconds)).getID();
  }

  /**
   * Compacts the key-value history up to {@code revision} (logical compaction; etcd reclaims
   * space in the background).
   *
   * @throws RevisionException when already compacted past it, or when it is in the future
   */
  void compact(long revision) {
    await("", "compact", () -> kv.compact(revision));
  }

  /** Opens a jetcd watch under this client's thread mark. */
  Watch.Watcher watch(String keyPrefix, String end, long afterRevision, Watch.Listener listener) {
    WatchOption option = WatchOption.builder()
        .withRange(bytes(end))
        .withRevision(afterRevision + 1)
        .withPrevKV(true)
        .withProgressNotify(true)
        .withRequireLeader(true)
        .build();
    return threads.call(() -> client.getWatchClient().watch(bytes(keyPrefix), option, listener));
  }

  /** Runs {@code action} (a jetcd call) under this client's thread mark. */
  <T> T call(Supplier<T> action) {
    return threads.call(action);
  }

  /** The live threads jetcd runs for this client (tests). */
  List<Thread> threads() {
    return threads.threads();
  }

  /** Closes the client and waits for its threads (see {@link ClientThreads}). */
  @Override
  public void close() {
    threads.call(() -> {
      client.close();
      return null;
    });
    threads.joinAfterClose();
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private TxnOutcome putIf(String key, Cmp compare, byte[] value, long lease) {
    ByteSequence k = bytes(key);
    PutOption put = lease > 0 ? PutOption.builder().withLeaseId(lease).build() : PutOption.DEFAULT;
    TxnResponse response = await(key, "txn", () -> kv.txn()
        .If(compare)
        .Then(Op.put(k, ByteSequence.from(value), put))
        .Else(Op.get(k, GetOption.DEFAULT))
        .commit());
    long revision = response.getHeader().getRevision();
    return response.isSucceeded()
        ? new TxnOutcome(true, revision, null)
        : new TxnOutcome(false, revision, firstOfElse(response));
  }

  private static StoredValue firstOfElse(TxnResponse response) {
    List<GetResponse> gets = response.getGetResponses();
    if (gets.isEmpty() || gets.get(0).getKvs().isEmpty()) {
      return null;
    }
    return stored(gets.get(0).getKvs().get(0));
  }

  private static StoredValue stored(KeyValue kv) {
    return new StoredValue(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes(),
        kv.getModRevision(), kv.getCreateRevision(), kv.getVersion(), kv.getLease());
  }

  private <T> T await(String key, String what, Supplier<CompletableFuture<T>> call) {
    return await(timeout, key, what, call);
  }

  /**
   * Waits for a jetcd call at most {@code within}. Never hangs: a call still running then is
   * cancelled and reported as {@code UNAVAILABLE}.
   */
  private <T> T await(Duration within, String key, String what,
      Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> future;
    try {
      future = threads.call(call);
    } catch (RuntimeException e) {
      throw EtcdErrors.translate(e, key, what);
    }
    try {
      return future.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new StorageException(StorageException.Code.UNAVAILABLE, key,
          "etcd did not answer within " + within.toMillis() + " ms (" + what + ")", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new StorageException(StorageException.Code.UNAVAILABLE, key,
          "interrupted while waiting for etcd (" + what + ")", e);
    } catch (ExecutionException e) {
      throw EtcdErrors.translate(e.getCause(), key, what);
    }
  }
}
