package io.kubee.storage.etcd;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Hands out etcd leases for objects with a TTL, reusing a recently granted lease instead of
 * granting one per write, as Kubernetes' {@code leaseManager}
 * (k8s.io/apiserver/pkg/storage/etcd3/lease_manager.go): thousands of Events with a one-hour TTL
 * then share a few leases.
 *
 * <p>A lease is granted for the TTL plus a reuse window (5% of the TTL, at most 60 s). A later
 * request reuses it when the lease outlives the requested TTL but by no more than that window,
 * so an object lives between its TTL and its TTL plus the window, and at most 1000 objects share
 * a lease. Thread-safe.
 */
final class LeaseManager {
  /** Grants an etcd lease; returns its id. */
  @FunctionalInterface
  interface Granter {
    long grant(long ttlSeconds);
  }

  static final long DEFAULT_REUSE_SECONDS = 60;
  static final double DEFAULT_REUSE_FRACTION = 0.05;
  static final int DEFAULT_MAX_OBJECTS = 1000;

  private final Granter granter;
  private final LongSupplier nanoClock;
  private final long maxReuseSeconds;
  private final double reuseFraction;
  private final int maxObjectsPerLease;

  private long leaseId;
  private long leaseExpiresNanos;
  private int attached;

  LeaseManager(Granter granter) {
    this(granter, System::nanoTime, DEFAULT_REUSE_SECONDS, DEFAULT_REUSE_FRACTION,
        DEFAULT_MAX_OBJECTS);
  }

  LeaseManager(Granter granter, LongSupplier nanoClock, long maxReuseSeconds,
      double reuseFraction, int maxObjectsPerLease) {
    this.granter = granter;
    this.nanoClock = nanoClock;
    this.maxReuseSeconds = maxReuseSeconds;
    this.reuseFraction = reuseFraction;
    this.maxObjectsPerLease = maxObjectsPerLease;
  }

  /**
   * A lease that keeps an object at least {@code ttlSeconds}, granting a new one when the
   * current one does not fit.
   *
   * @throws io.kubee.storage.StorageException {@code UNAVAILABLE} when the grant fails
   */
  synchronized long leaseFor(long ttlSeconds) {
    if (ttlSeconds <= 0) {
      throw new IllegalArgumentException("TTL must be positive: " + ttlSeconds);
    }
    long now = nanoClock.getAsLong();
    long window = reuseWindowSeconds(ttlSeconds);
    long neededUntil = now + TimeUnit.SECONDS.toNanos(ttlSeconds);
    boolean outlivesTtl = leaseId != 0 && leaseExpiresNanos - neededUntil > 0;
    boolean notTooLong = leaseExpiresNanos - (neededUntil + TimeUnit.SECONDS.toNanos(window)) <= 0;
    if (outlivesTtl && notTooLong && attached < maxObjectsPerLease) {
      attached++;
      return leaseId;
    }
    long granted = ttlSeconds + window;
    leaseId = granter.grant(granted);
    leaseExpiresNanos = now + TimeUnit.SECONDS.toNanos(granted);
    attached = 1;
    return leaseId;
  }

  private long reuseWindowSeconds(long ttlSeconds) {
    return Math.min(maxReuseSeconds, (long) (ttlSeconds * reuseFraction));
  }
}
