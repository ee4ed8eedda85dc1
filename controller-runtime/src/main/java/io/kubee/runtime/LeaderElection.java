package io.kubee.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lease-based leader election (coordination.k8s.io/v1 Lease in kube-system), so that of several
 * control-plane instances one runs the scheduler or a controller at a time — Kubernetes'
 * {@code --leader-elect} with its defaults: lease 15 s, renew deadline 10 s, retry 2 s.
 * Re-enters the election after losing the lease, until {@link #close()}.
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  /** Timings of the election. */
  public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static final Timing KUBERNETES_DEFAULTS =
        new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  /** What to run while leading. */
  public interface Leadership {
    /** Called when this instance becomes leader; must return quickly (start threads). */
    void start();

    /** Called when it stops leading (lease lost or closing); stops what start began. */
    void stop();
  }

  private final KubernetesClient client;
  private final String leaseName;
  private final String identity;
  private final Timing timing;
  private final Leadership leadership;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile boolean closed;
  private volatile CompletableFuture<?> running;

  public LeaderElection(KubernetesClient client, String leaseName, String identity,
      Timing timing, Leadership leadership) {
    this.client = client;
    this.leaseName = leaseName;
    this.identity = identity;
    this.timing = timing;
    this.leadership = leadership;
  }

  /** Starts campaigning; returns at once. */
  public synchronized void start() {
    if (closed || running != null) {
      return;
    }
    campaign();
  }

  public boolean isLeader() {
    return leading.get();
  }

  public String identity() {
    return identity;
  }

  private synchronized void campaign() {
    if (closed) {
      return;
    }
    LeaderElector elector = client.leaderElector()
        .withConfig(new LeaderElectionConfigBuilder()
            .withName(leaseName)
            .withLock(new LeaseLock("kube-system", leaseName, identity))
            .withLeaseDuration(timing.leaseDuration())
            .withRenewDeadline(timing.renewDeadline())
            .withRetryPeriod(timing.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped,
                leader -> LOG.info("leader of {} is {}", leaseName, leader)))
            .build())
        .build();
    running = elector.start();
    running.whenComplete((result, failure) -> {
      if (!closed) {
        // lost the lease, or the apiserver could not be reached: campaign again
        campaign();
      }
    });
  }

  private void started() {
    if (leading.compareAndSet(false, true)) {
      LOG.info("became leader of {}: identity={}", leaseName, identity);
      leadership.start();
    }
  }

  private void stopped() {
    if (leading.compareAndSet(true, false)) {
      LOG.info("stopped leading {}: identity={}", leaseName, identity);
      leadership.stop();
    }
  }

  /** Stops leading (releasing the lease) and campaigning. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (running != null) {
      running.cancel(true);
    }
    stopped();
  }
}
