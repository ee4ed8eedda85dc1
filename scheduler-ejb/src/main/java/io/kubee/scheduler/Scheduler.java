package io.kubee.scheduler;

import io.kubee.scheduler.cache.SchedulerCache;
import io.kubee.scheduler.framework.ClusterClient;
import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.FitError;
import io.kubee.scheduler.framework.Framework;
import io.kubee.scheduler.framework.Listers;
import io.kubee.scheduler.framework.Parallelizer;
import io.kubee.scheduler.framework.Plugin;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PostFilterResult;
import io.kubee.scheduler.framework.Snapshot;
import io.kubee.scheduler.framework.Status;
import io.kubee.scheduler.plugins.Plugins;
import io.kubee.scheduler.queue.QueuedPodInfo;
import io.kubee.scheduler.queue.SchedulingQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler (kube-scheduler's {@code Scheduler}, pkg/scheduler/scheduler.go and
 * schedule_one.go): one loop pops pods from the {@link SchedulingQueue}, runs the scheduling
 * cycle of the pod's profile (selected by {@code spec.schedulerName}) on a snapshot of the
 * {@link SchedulerCache}, assumes the pod on the chosen node and binds it asynchronously; a pod
 * that does not fit goes through PostFilter (preemption) and back to the queue, with a
 * FailedScheduling event and the PodScheduled=False condition. Plain Java: the EJB host and
 * tests start it the same way. Feed it through {@link #eventHandlers()}.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private final SchedulerCache cache = new SchedulerCache();
  private final SchedulingQueue queue;
  private final Snapshot snapshot = new Snapshot();
  private final Map<String, Framework> profiles = new HashMap<>();
  private final SchedulingAlgorithm algorithm;
  private final ClusterClient client;
  private final PodLookup lookup;
  private final FailureHandler failures;
  private final Semaphore bindings;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService ticker;
  private final ThreadFactory threads;
  private final SchedulerStats stats = new SchedulerStats();
  private final EventHandlers handlers;
  private volatile boolean closed;
  private Thread loop;

  /**
   * @param threads makes every thread the scheduler runs (the container's managed thread
   *                factory inside WildFly)
   */
  public Scheduler(SchedulerOptions options, ClusterClient client, Listers listers,
      PodLookup lookup, ThreadFactory threads) {
    this.client = client;
    this.lookup = lookup;
    this.threads = threads;
    this.queue = new SchedulingQueue(System::nanoTime, options.podInitialBackoff(),
        options.podMaxBackoff(), options.podMaxInUnschedulable(), this::interested);
    int parallelism = effectiveParallelism(options.parallelism(),
        Runtime.getRuntime().availableProcessors());
    this.workers = new ThreadPoolExecutor(parallelism, parallelism, 60,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    this.workers.allowCoreThreadTimeOut(true);
    Parallelizer parallelizer = new Parallelizer(parallelism, workers);
    this.algorithm = new SchedulingAlgorithm(options.percentageOfNodesToScore(), parallelizer);
    for (SchedulerOptions.Profile profile : options.profiles()) {
      SchedulerHandle handle = new SchedulerHandle(snapshot, listers, queue.nominator(),
          parallelizer, client);
      List<Plugin> plugins = new ArrayList<>();
      for (String name : profile.enabledPlugins()) {
        plugins.add(Plugins.create(name, profile.pluginArgs().getOrDefault(name, Map.of()),
            handle));
      }
      Framework framework = new Framework(profile.schedulerName(), plugins, profile.weights(),
          profile.percentageOfNodesToScore());
      framework.setHandle(handle);
      handle.setFramework(framework);
      profiles.put(profile.schedulerName(), framework);
    }
    this.bindings = new Semaphore(options.maxConcurrentBindings());
    this.failures = new FailureHandler(queue, client, lookup, stats);
    this.ticker = Executors.newSingleThreadScheduledExecutor(threads);
    this.handlers = new EventHandlers(cache, queue, profiles.keySet());
  }

  /**
   * The threads that filter and score in parallel: the configured parallelism (16, as
   * Kubernetes), but no more than there are processors. Kubernetes runs 16 goroutines that the
   * Go runtime multiplexes onto its processors at almost no cost; here each is a thread, and on
   * a 2-core machine 14 of them would only add hand-offs and context switches to every cycle
   * (measured: the scheduler's share of the CPU per pod fell when they went).
   */
  static int effectiveParallelism(int configured, int processors) {
    return Math.max(1, Math.min(configured, processors));
  }

  /** Where the informers deliver pods and nodes. */
  public EventHandlers eventHandlers() {
    return handlers;
  }

  public SchedulerStats stats() {
    return stats;
  }

  public SchedulingQueue queue() {
    return queue;
  }

  public SchedulerCache cache() {
    return cache;
  }

  /** Starts the loop and the queue's flushes; returns at once. */
  public synchronized void start() {
    if (loop != null || closed) {
      return;
    }
    ticker.scheduleWithFixedDelay(queue::flushBackoffQCompleted, 1, 1, TimeUnit.SECONDS);
    ticker.scheduleWithFixedDelay(queue::flushUnschedulablePodsLeftover, 30, 30,
        TimeUnit.SECONDS);
    loop = threads.newThread(this::run);
    loop.setName("kubee-scheduler-loop");
    loop.start();
  }

  private void run() {
    while (!closed) {
      try {
        QueuedPodInfo q = queue.pop();
        if (q == null) {
          return;
        }
        scheduleOne(q);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("scheduling loop: unexpected failure error={}", e.toString(), e);
      }
    }
  }

  /** One scheduling cycle; the binding cycle continues asynchronously. */
  void scheduleOne(QueuedPodInfo q) throws InterruptedException {
    PodInfo pod = q.podInfo();
    Framework fwk = profiles.get(pod.pod().getSpec().getSchedulerName());
    if (fwk == null || pod.terminating() || cache.isAssumed(pod.uid())) {
      return;
    }
    long cycle = queue.schedulingCycle();
    CycleState state = new CycleState();
    cache.updateSnapshot(snapshot);
    SchedulingAlgorithm.Result result;
    try {
      result = algorithm.schedulePod(fwk, state, pod, snapshot);
    } catch (FitError fit) {
      stats.unschedulable.incrementAndGet();
      PostFilterResult post = fwk.runPostFilterPlugins(state, pod, fit.statuses());
      String nominated = post.nominatedNode();
      if (post.status().isSuccess()) {
        stats.preemptions.incrementAndGet();
      }
      FitError withPost = fit.withPostFilterMessage(post.status().isSuccess() ? ""
          : post.status().message());
      q.setUnschedulablePlugins(fit.unschedulablePlugins());
      failures.handle(q, withPost.getMessage(), true, nominated, cycle);
      return;
    } catch (SchedulingAlgorithm.NoNodesAvailable none) {
      stats.errors.incrementAndGet();
      q.setUnschedulablePlugins(Set.of());
      failures.handle(q, none.getMessage(), true, "", cycle);
      return;
    } catch (RuntimeException e) {
      stats.errors.incrementAndGet();
      LOG.warn("scheduling failed: pod={} error={}", pod.key(), e.toString());
      q.setUnschedulablePlugins(Set.of());
      failures.handle(q, e.getMessage() == null ? e.toString() : e.getMessage(), false, null,
          cycle);
      return;
    }
    String node = result.node();
    PodInfo assumed = pod.assumedOn(node);
    cache.assumePod(assumed);
    Status reserve = fwk.runReservePluginsReserve(state, assumed, node);
    if (!reserve.isSuccess()) {
      fwk.runReservePluginsUnreserve(state, assumed, node);
      cache.forgetPod(pod.uid());
      q.setUnschedulablePlugins(Set.of());
      failures.handle(q, reserve.message(), reserve.isRejected(), null, cycle);
      return;
    }
    queue.nominator().deleteNominatedPodIfExists(pod.uid());
    bindings.acquire();
    fwk.runBindPlugins(state, assumed, node).whenComplete((status, failure) -> {
      bindings.release();
      if (failure == null && status.isSuccess()) {
        cache.finishBinding(pod.uid());
        stats.scheduled.incrementAndGet();
        client.event(pod.pod(), "Normal", "Scheduled", "Successfully assigned "
            + pod.namespace() + "/" + pod.name() + " to " + node);
        return;
      }
      String error = failure != null ? failure.toString() : status.message();
      stats.bindFailures.incrementAndGet();
      LOG.debug("binding rejected: pod={} node={} error={}", pod.key(), node, error);
      cache.forgetPod(pod.uid());
      fwk.runReservePluginsUnreserve(state, assumed, node);
      queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE);
      q.setUnschedulablePlugins(Set.of());
      failures.handle(q, "binding rejected: " + error, false, null, cycle);
    });
  }

  /** Whether a pod rejected by its plugins may fit after {@code event}. */
  private boolean interested(QueuedPodInfo q, ClusterEvent event) {
    Framework fwk = profiles.get(q.podInfo().pod().getSpec().getSchedulerName());
    if (fwk == null) {
      return false;
    }
    for (String plugin : q.unschedulablePlugins()) {
      if (fwk.interested(plugin, event)) {
        return true;
      }
    }
    return false;
  }

  /** The framework of {@code schedulerName}, or null (tests). */
  public Framework framework(String schedulerName) {
    return profiles.get(schedulerName);
  }

  /** Stops the loop and the workers; bindings in flight finish on their own. Idempotent. */
  @Override
  public void close() {
    closed = true;
    queue.close();
    ticker.shutdownNow();
    workers.shutdownNow();
    Thread t;
    synchronized (this) {
      t = loop;
    }
    if (t != null) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  PodLookup lookup() {
    return lookup;
  }
}
