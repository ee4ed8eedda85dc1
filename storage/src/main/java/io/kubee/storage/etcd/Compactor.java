package io.kubee.storage.etcd;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts etcd periodically, as kube-apiserver does (k8s.io/apiserver/pkg/storage/etcd3/
 * compact.go): on every tick it compacts to the revision it saw at the previous tick, so history
 * of at least one interval is always kept.
 *
 * <p>Several apiservers share the work through the key {@value #COMPACT_REV_KEY}: its etcd
 * version is a logical compaction clock and its value the last compacted revision. A tick
 * compacts only if its compare-and-swap on the clock succeeds; a loser adopts the winner's
 * clock and tries again next tick. So compaction happens about once per interval however many
 * apiservers run, and continues when one of them stops.
 */
final class Compactor implements AutoCloseable {
  static final String COMPACT_REV_KEY = "compact_rev_key";
  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

  private final EtcdClient client;
  private final CompactedRevision compacted;
  private final Duration interval;
  private final ScheduledExecutorService executor;
  private long clock;
  private long revisionAtLastTick;

  Compactor(EtcdClient client, CompactedRevision compacted, Duration interval) {
    this.client = client;
    this.compacted = compacted;
    this.interval = interval;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "kubee-etcd-compactor");
      thread.setDaemon(true);
      return thread;
    });
  }

  void start() {
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    LOG.info("etcd compaction every {} ms", millis);
  }

  /** One round of the protocol; failures are logged and retried next tick. */
  synchronized void tick() {
    try {
      compactOnce();
    } catch (RuntimeException e) {
      LOG.warn("etcd compaction failed, retrying next tick: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void compactOnce() {
    long target = revisionAtLastTick;
    EtcdClient.TxnOutcome outcome = client.putIfVersion(COMPACT_REV_KEY, clock,
        Long.toString(target).getBytes(StandardCharsets.US_ASCII));
    revisionAtLastTick = outcome.revision();
    if (!outcome.succeeded()) {
      // another apiserver compacted since our last tick: follow its clock
      clock = outcome.current() == null ? 0 : outcome.current().version();
      return;
    }
    clock++;
    if (target == 0) {
      return; // the first tick only records where we are
    }
    try {
      client.compact(target);
      compacted.record(target);
      LOG.debug("etcd compacted: revision={}", target);
    } catch (RevisionException e) {
      if (e.reason() != RevisionException.Reason.COMPACTED) {
        throw e;
      }
      // someone (etcdctl, another storage) compacted further already
    }
  }
}
