package io.kubee.storage.etcd;

import io.kubee.storage.ListOptions;
import io.kubee.storage.ListResult;
import io.kubee.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consistent, paged, filtered lists (Kubernetes' {@code store.GetList},
 * k8s.io/apiserver/pkg/storage/etcd3/store.go): every page of a list is read at the revision of
 * its first page, carried in the continue token; keys come in ascending order; filtering happens
 * here, and further ranges are read until {@code limit} matching objects are found or the keys
 * run out.
 */
final class Lister {
  /** Keys per range when the list is not paged: bounded messages, still one revision. */
  private static final long UNPAGED_BATCH = 1000;
  /** The largest range read while a predicate keeps filtering (Kubernetes' maxLimit). */
  private static final long MAX_BATCH = 10_000;
  private static final Duration WAIT_FOR_REVISION = Duration.ofSeconds(3);
  private static final long POLL_MILLIS = 50;

  static final String CONTINUE_TOO_OLD = "The provided continue parameter is too old to display "
      + "a consistent list result. You can start a new list without the continue parameter.";
  static final String LIST_TOO_OLD = "The resourceVersion for the provided list is too old.";

  private final EtcdClient client;
  private final CompactedRevision compacted;

  Lister(EtcdClient client, CompactedRevision compacted) {
    this.client = client;
    this.compacted = compacted;
  }

  /** See {@link io.kubee.storage.Storage#list}. */
  ListResult list(String keyPrefix, ListOptions options) {
    Keys.requireDirectory(keyPrefix);
    Predicate<ObjectNode> predicate = options.predicate() == null ? o -> true
        : options.predicate();
    long limit = Math.max(0, options.limit());
    String token = options.continueToken();
    if (token != null && !token.isEmpty()) {
      ContinueToken start = ContinueToken.decode(token, keyPrefix);
      return collect(keyPrefix, start.startKey(), start.revision(), limit, predicate,
          Origin.CONTINUE);
    }
    long requested = options.resourceVersion();
    if (requested < 0) {
      throw new IllegalArgumentException("negative resourceVersion " + requested);
    }
    if (requested > 0 && options.exact()) {
      return collect(keyPrefix, keyPrefix, requested, limit, predicate, Origin.EXACT);
    }
    if (requested > 0) {
      waitForRevision(keyPrefix, requested);
    }
    return collect(keyPrefix, keyPrefix, 0, limit, predicate, Origin.LATEST);
  }

  /** Where the revision of a list comes from; decides the message of a compaction error. */
  private enum Origin { LATEST, EXACT, CONTINUE }

  private ListResult collect(String keyPrefix, String from, long revision, long limit,
      Predicate<ObjectNode> predicate, Origin origin) {
    String end = Keys.prefixEnd(keyPrefix);
    List<ObjectNode> items = new ArrayList<>();
    long readAt = revision;
    long batch = limit > 0 ? limit : UNPAGED_BATCH;
    long keysInRange = -1;
    long examined = 0;
    boolean filtered = false;
    boolean more = false;
    String lastKey = null;
    String next = from;
    while (true) {
      EtcdClient.Range range = range(keyPrefix, next, end, readAt, batch, origin);
      readAt = readAt == 0 ? range.revision() : readAt;
      keysInRange = keysInRange < 0 ? range.count() : keysInRange;
      List<EtcdClient.StoredValue> values = range.values();
      for (int i = 0; i < values.size(); i++) {
        EtcdClient.StoredValue value = values.get(i);
        examined++;
        lastKey = value.key();
        ObjectNode object = StoredObjects.decode(value.value(), value.modRevision());
        if (predicate.test(object)) {
          items.add(object);
        } else {
          filtered = true;
        }
        if (limit > 0 && items.size() == limit) {
          more = i < values.size() - 1 || range.more();
          return page(keyPrefix, items, readAt, more, lastKey, filtered, keysInRange - examined);
        }
      }
      if (!range.more() || values.isEmpty()) {
        return page(keyPrefix, items, readAt, false, lastKey, filtered, 0);
      }
      next = lastKey + '\0';
      if (filtered) {
        batch = Math.min(batch * 2, Math.max(MAX_BATCH, limit));
      }
    }
  }

  private static ListResult page(String keyPrefix, List<ObjectNode> items, long revision,
      boolean more, String lastKey, boolean filtered, long remaining) {
    if (!more) {
      return new ListResult(items, revision, null, null);
    }
    String token = ContinueToken.encode(lastKey + '\0', keyPrefix, revision);
    return new ListResult(items, revision, token, filtered ? null : remaining);
  }

  private EtcdClient.Range range(String keyPrefix, String from, String end, long revision,
      long batch, Origin origin) {
    try {
      return client.range(from, end, revision, batch);
    } catch (RevisionException e) {
      if (e.reason() == RevisionException.Reason.FUTURE) {
        // only an exact or forged revision can be ahead of etcd: give etcd a moment
        waitForRevision(keyPrefix, revision);
        return range(keyPrefix, from, end, revision, batch, origin);
      }
      throw tooOld(keyPrefix, revision, origin, e);
    }
  }

  private StorageException tooOld(String keyPrefix, long revision, Origin origin,
      RevisionException cause) {
    String message = switch (origin) {
      case CONTINUE -> CONTINUE_TOO_OLD;
      case EXACT -> "too old resource version: " + revision + oldestSuffix(revision);
      case LATEST -> LIST_TOO_OLD;
    };
    return new StorageException(StorageException.Code.RESOURCE_VERSION_TOO_OLD, keyPrefix,
        message, cause);
  }

  /** " (M)" with M the revision etcd is compacted to, when this storage can tell. */
  private String oldestSuffix(long revision) {
    long known = compacted.get();
    if (known <= revision) {
      known = compactRevKeyValue();
    }
    return known > revision ? " (" + known + ")" : "";
  }

  private long compactRevKeyValue() {
    try {
      EtcdClient.StoredValue value = client.get(Compactor.COMPACT_REV_KEY);
      if (value == null) {
        return 0;
      }
      long revision = Long.parseLong(new String(value.value(), StandardCharsets.US_ASCII).trim());
      compacted.record(revision);
      return revision;
    } catch (StorageException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Waits up to 3 s for etcd to reach {@code revision}, as Kubernetes waits for its cache.
   *
   * @throws StorageException {@code TOO_LARGE_RESOURCE_VERSION} if it does not
   */
  private void waitForRevision(String keyPrefix, long revision) {
    long deadline = System.nanoTime() + WAIT_FOR_REVISION.toNanos();
    long current = client.currentRevision(client.timeout());
    while (current < revision) {
      if (System.nanoTime() - deadline >= 0) {
        throw new StorageException(StorageException.Code.TOO_LARGE_RESOURCE_VERSION, keyPrefix,
            "Too large resource version: " + revision + ", current: " + current);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException(StorageException.Code.UNAVAILABLE, keyPrefix,
            "interrupted while waiting for resource version " + revision, e);
      }
      current = client.currentRevision(client.timeout());
    }
  }
}
