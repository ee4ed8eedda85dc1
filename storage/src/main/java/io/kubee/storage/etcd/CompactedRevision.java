package io.kubee.storage.etcd;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest revision this storage knows etcd has compacted to (from its own compactions and
 * from compacted watches), for "too old resource version: N (M)" messages. Thread-safe.
 */
final class CompactedRevision {
  private final AtomicLong revision = new AtomicLong();

  void record(long compacted) {
    revision.accumulateAndGet(compacted, Math::max);
  }

  /** 0 when unknown. */
  long get() {
    return revision.get();
  }
}
