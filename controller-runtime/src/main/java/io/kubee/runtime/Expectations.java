package io.kubee.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a controller expects to see in its caches after the creates and deletes it just sent, so
 * that a sync on a stale cache does not act twice (Kubernetes' {@code ControllerExpectations}
 * and {@code UIDTrackingControllerExpectations}, pkg/controller/controller_utils.go).
 *
 * <p>Before creating {@code n} objects for {@code key} the controller calls
 * {@link #expectCreations}; its informer handler calls {@link #creationObserved} for each new
 * object. Deletions are tracked by the deleted objects' keys, so that a delete observed twice
 * (a DELETED event after a deletionTimestamp update) counts once. A sync acts only when
 * {@link #satisfied}: everything expected was seen, or the expectations are older than
 * {@link #TTL} (a lost event must not block the controller forever). Thread-safe.
 */
public final class Expectations {
  /** Kubernetes' {@code ExpectationsTimeout}. */
  public static final Duration TTL = Duration.ofMinutes(5);

  private static final class Record {
    int add;
    int del;
    Instant timestamp;
    final Set<String> deleting = new HashSet<>();
  }

  private final Clock clock;
  private final Map<String, Record> records = new HashMap<>();

  public Expectations(Clock clock) {
    this.clock = clock;
  }

  /** Whether a sync of {@code key} may act: nothing pending, expired, or never set. */
  public synchronized boolean satisfied(String key) {
    Record record = records.get(key);
    if (record == null) {
      return true;
    }
    if (record.add <= 0 && record.del <= 0) {
      return true;
    }
    return Duration.between(record.timestamp, clock.instant()).compareTo(TTL) > 0;
  }

  /** Replaces what {@code key} expects with {@code adds} creations. */
  public synchronized void expectCreations(String key, int adds) {
    set(key, adds, 0, Set.of());
  }

  /** Replaces what {@code key} expects with the deletion of the objects named by their keys. */
  public synchronized void expectDeletions(String key, Collection<String> objectKeys) {
    set(key, 0, objectKeys.size(), new HashSet<>(objectKeys));
  }

  /** One expected creation happened (an add event), or will not (a failed create). */
  public synchronized void creationObserved(String key) {
    Record record = records.get(key);
    if (record != null) {
      record.add--;
    }
  }

  /**
   * The object {@code objectKey} was deleted (or its delete failed); counts once per object.
   */
  public synchronized void deletionObserved(String key, String objectKey) {
    Record record = records.get(key);
    if (record != null && record.deleting.remove(objectKey)) {
      record.del--;
    }
  }

  /** Lowers the pending creations by {@code adds} (creates that were never sent). */
  public synchronized void lowerCreations(String key, int adds) {
    Record record = records.get(key);
    if (record != null) {
      record.add -= adds;
    }
  }

  /** Forgets {@code key} (its object was deleted). */
  public synchronized void delete(String key) {
    records.remove(key);
  }

  /** Pending creations and deletions of {@code key}, for logs and tests; {0, 0} when none. */
  public synchronized int[] pending(String key) {
    Record record = records.get(key);
    return record == null ? new int[] {0, 0} : new int[] {record.add, record.del};
  }

  private void set(String key, int adds, int dels, Set<String> deleting) {
    Record record = new Record();
    record.add = adds;
    record.del = dels;
    record.timestamp = clock.instant();
    record.deleting.addAll(deleting);
    records.put(key, record);
  }
}
