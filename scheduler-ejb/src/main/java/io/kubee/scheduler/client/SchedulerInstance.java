package io.kubee.scheduler.client;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.runtime.LeaderElection;
import io.kubee.scheduler.EventHandlers;
import io.kubee.scheduler.Scheduler;
import io.kubee.scheduler.SchedulerOptions;
import io.kubee.scheduler.SchedulerStats;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole scheduler against an apiserver, as kube-scheduler's {@code app.Run}: informers on pods,
 * nodes, services, replicasets, PodDisruptionBudgets and namespaces (started at once, so a
 * standby keeps warm caches), and — while this instance leads the Lease, or always without
 * leader election — a {@link Scheduler} fed from them. Losing the lease stops the scheduler;
 * winning it again starts a new one from the informers' stores. The EJB host and the tests run
 * it the same way. Thread-safe.
 */
public final class SchedulerInstance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerInstance.class);

  private final KubernetesClient client;
  private final SchedulerOptions options;
  private final String identity;
  private final ThreadFactory threads;
  private final Fabric8ClusterClient writes;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Node> nodes;
  private final List<SharedIndexInformer<?>> informers;
  private final InformerListers listers;
  private final SchedulerStats totals = new SchedulerStats();
  private LeaderElection election;
  private Scheduler scheduler;
  private long scheduledBefore;
  private long bindFailuresBefore;
  private boolean closed;

  /**
   * @param identity this instance's name in the Lease and in events (hostname_uuid)
   * @param threads  makes every thread (the managed thread factory inside WildFly)
   */
  public SchedulerInstance(KubernetesClient client, SchedulerOptions options, String identity,
      ThreadFactory threads) {
    this.client = client;
    this.options = options;
    this.identity = identity;
    this.threads = threads;
    this.writes = new Fabric8ClusterClient(client, SchedulerOptions.DEFAULT_SCHEDULER, identity,
        threads);
    this.pods = client.pods().inAnyNamespace().runnableInformer(0);
    this.nodes = client.nodes().runnableInformer(0);
    SharedIndexInformer<Service> services = client.services().inAnyNamespace()
        .runnableInformer(0);
    SharedIndexInformer<ReplicaSet> replicaSets = client.apps().replicaSets().inAnyNamespace()
        .runnableInformer(0);
    SharedIndexInformer<PodDisruptionBudget> pdbs = client.policy().v1().podDisruptionBudget()
        .inAnyNamespace().runnableInformer(0);
    SharedIndexInformer<Namespace> namespaces = client.namespaces().runnableInformer(0);
    this.informers = List.of(nodes, pods, services, replicaSets, pdbs, namespaces);
    this.listers = new InformerListers(pods, services, replicaSets, pdbs, namespaces);
    nodes.addEventHandler(handler(EventHandlers::onNodeAdd, EventHandlers::onNodeUpdate,
        EventHandlers::onNodeDelete));
    pods.addEventHandler(handler(EventHandlers::onPodAdd, EventHandlers::onPodUpdate,
        EventHandlers::onPodDelete));
  }

  private <T> ResourceEventHandler<T> handler(BiConsumer<EventHandlers, T> add,
      TriConsumer<EventHandlers, T> update, BiConsumer<EventHandlers, T> delete) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        forward(h -> add.accept(h, obj));
      }

      @Override
      public void onUpdate(T old, T obj) {
        forward(h -> update.accept(h, old, obj));
      }

      @Override
      public void onDelete(T obj, boolean finalStateUnknown) {
        forward(h -> delete.accept(h, obj));
      }
    };
  }

  private interface TriConsumer<A, B> {
    void accept(A a, B b, B c);
  }

  /** Delivers an informer event to the running scheduler, if any (under the instance lock). */
  private synchronized void forward(Consumer<EventHandlers> event) {
    if (scheduler != null) {
      event.accept(scheduler.eventHandlers());
    }
  }

  /**
   * Starts the informers and, with leader election, campaigns; returns at once. The scheduler
   * starts when the informers have synced (and this instance leads).
   */
  public void start() {
    for (SharedIndexInformer<?> informer : informers) {
      informer.start();
    }
    if (options.leaderElect()) {
      synchronized (this) {
        election = new LeaderElection(client, options.leaseName(), identity,
            options.leaderElectionTiming(), new LeaderElection.Leadership() {
              @Override
              public void start() {
                threads.newThread(SchedulerInstance.this::lead).start();
              }

              @Override
              public void stop() {
                stopScheduling();
              }
            });
        election.start();
      }
    } else {
      threads.newThread(this::lead).start();
    }
  }

  /** Waits for the informers' first lists, then starts scheduling from their stores. */
  private void lead() {
    try {
      while (!synced()) {
        synchronized (this) {
          if (closed) {
            return;
          }
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    synchronized (this) {
      if (closed || scheduler != null
          || (election != null && !election.isLeader())) {
        return;
      }
      scheduler = new Scheduler(options, writes, listers, listers, threads);
      EventHandlers h = scheduler.eventHandlers();
      nodes.getStore().list().forEach(h::onNodeAdd);
      pods.getStore().list().forEach(h::onPodAdd);
      scheduler.start();
      LOG.info("scheduler started: identity={} nodes={} pods={}", identity,
          nodes.getStore().list().size(), pods.getStore().list().size());
    }
  }

  private synchronized void stopScheduling() {
    if (scheduler != null) {
      scheduledBefore += scheduler.stats().scheduled();
      bindFailuresBefore += scheduler.stats().bindFailures();
      scheduler.close();
      scheduler = null;
      LOG.info("scheduler stopped: identity={}", identity);
    }
  }

  /** Whether every informer has listed once. */
  public boolean synced() {
    return informers.stream().allMatch(i -> i.hasSynced());
  }

  /** Whether the scheduling loop runs in this instance. */
  public synchronized boolean scheduling() {
    return scheduler != null;
  }

  /** Whether this instance holds the lease (always true without leader election). */
  public synchronized boolean leading() {
    return election == null ? !closed : election.isLeader();
  }

  public boolean leaderElect() {
    return options.leaderElect();
  }

  public String identity() {
    return identity;
  }

  /** Pods bound by this instance over its life. */
  public synchronized long scheduled() {
    return scheduledBefore + (scheduler == null ? 0 : scheduler.stats().scheduled());
  }

  /** Bindings of this instance the apiserver refused. */
  public synchronized long bindFailures() {
    return bindFailuresBefore + (scheduler == null ? 0 : scheduler.stats().bindFailures());
  }

  /** The running scheduler's counters, or zeros. */
  public synchronized SchedulerStats stats() {
    return scheduler == null ? totals : scheduler.stats();
  }

  /** Events dropped because the event queue was full. */
  public long droppedEvents() {
    return writes.droppedEvents();
  }

  /** Stops scheduling, releases the lease, stops the informers. Idempotent. */
  @Override
  public void close() {
    LeaderElection e;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      e = election;
    }
    if (e != null) {
      e.close();
    }
    stopScheduling();
    informers.forEach(SharedIndexInformer::stop);
    writes.close();
  }
}
