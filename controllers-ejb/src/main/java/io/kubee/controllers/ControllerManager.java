package io.kubee.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubee.controllers.api.Fabric8Api;
import io.kubee.runtime.ComponentHealth;
import io.kubee.runtime.EventRecorder;
import io.kubee.runtime.LeaderElection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller manager (cmd/kube-controller-manager): one Lease-based leader election for all
 * its controllers (kube-system/kube-controller-manager); while leading, a term of the enabled
 * controllers over shared informers. Losing the lease ends the term: the controllers stop, and
 * the next term starts from fresh caches and expectations. Periodic work is driven from outside
 * through {@link #tick} (EJB timers in the EAR), so that nothing here needs a container.
 * Each controller's readiness is reported to {@link ComponentHealth} as
 * {@code controller/<name>}.
 */
public final class ControllerManager implements AutoCloseable {
  public static final String RESYNC_JOB = "resync";
  public static final String COMPONENT_PREFIX = "controller/";
  private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

  private final KubernetesClient client;
  private final String identity;
  private final ControllerManagerOptions options;
  private final ThreadFactory threads;
  private final Clock clock;
  private final ComponentHealth health;
  private final ExecutorService eventSender;
  private final Map<String, AtomicBoolean> runningJobs = new ConcurrentHashMap<>();
  private LeaderElection election;
  private volatile Term term;
  private volatile boolean closed;

  public ControllerManager(KubernetesClient client, String identity,
      ControllerManagerOptions options, ThreadFactory threads, Clock clock,
      ComponentHealth health) {
    this.client = client;
    this.identity = identity;
    this.options = options;
    this.threads = threads;
    this.clock = clock;
    this.health = health;
    this.eventSender = Executors.newFixedThreadPool(2, threads);
  }

  /** Campaigns for the lease (or starts at once without leader election); returns at once. */
  public synchronized void start() {
    for (ControllerDescriptor descriptor : ControllerDescriptor.ALL) {
      // a controller switched off is not a reason to take the instance out of service
      report(descriptor.name(), true, options.enabled(descriptor.name())
          ? "standing by for the lease kube-system/" + leaseName() : "disabled");
    }
    if (!options.flag("leader-elect", true)) {
      startTerm();
      return;
    }
    election = new LeaderElection(client, leaseName(), identity, new LeaderElection.Timing(
        options.duration("leader-elect-lease-duration", Duration.ofSeconds(15)),
        options.duration("leader-elect-renew-deadline", Duration.ofSeconds(10)),
        options.duration("leader-elect-retry-period", Duration.ofSeconds(2))),
        new LeaderElection.Leadership() {
          @Override
          public void start() {
            startTerm();
          }

          @Override
          public void stop() {
            stopTerm();
          }
        });
    election.start();
  }

  private String leaseName() {
    return options.text("leader-elect-resource-name", "kube-controller-manager");
  }

  public String identity() {
    return identity;
  }

  /** Whether this instance leads and its controllers run (or are starting). */
  public boolean isActive() {
    return term != null;
  }

  /** Whether every enabled controller of the current term runs. */
  public boolean isRunning() {
    Term current = term;
    return current != null && current.running;
  }

  /** The periodic jobs {@link #tick} runs, with their periods. */
  public Map<String, Duration> schedules() {
    return ControllerDescriptor.schedules(options);
  }

  /**
   * Runs the periodic job {@code name} of the running term; nothing when not leading or while
   * the previous run of the job is still going.
   */
  public void tick(String name) {
    Term current = term;
    if (current == null || !current.running) {
      return;
    }
    AtomicBoolean running = runningJobs.computeIfAbsent(name, n -> new AtomicBoolean());
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      if (name.equals(RESYNC_JOB)) {
        current.controllers.forEach(Controller::resync);
        return;
      }
      for (Controller controller : current.controllers) {
        for (PeriodicJob job : controller.periodicJobs()) {
          if (job.name().equals(name)) {
            job.action().run();
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("periodic job failed: job={} error={}", name, e.toString());
    } finally {
      running.set(false);
    }
  }

  private synchronized void startTerm() {
    if (closed || term != null) {
      return;
    }
    Term next = new Term();
    term = next;
    Thread starter = threads.newThread(next::start);
    starter.setName("kubee-controller-manager-start");
    starter.start();
  }

  private synchronized void stopTerm() {
    Term current = term;
    term = null;
    if (current != null) {
      current.close();
    }
    if (!closed) {
      for (ControllerDescriptor descriptor : ControllerDescriptor.ALL) {
        if (options.enabled(descriptor.name())) {
          report(descriptor.name(), true, "standing by for the lease kube-system/"
              + leaseName());
        }
      }
    }
  }

  private void report(String controller, boolean ready, String detail) {
    if (health != null) {
      health.report(COMPONENT_PREFIX + controller, ready, detail);
    }
  }

  /** Stops leading (releasing the lease) and every controller. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    // the controllers stop before the lease is released (client-go's ReleaseOnCancel
    // contract): the next leader may start as soon as the lease is free
    stopTerm();
    if (election != null) {
      election.close();
    }
    eventSender.shutdownNow();
    if (health != null) {
      ControllerDescriptor.ALL.forEach(d -> health.forget(COMPONENT_PREFIX + d.name()));
    }
  }

  /** The controllers of one term of leadership. */
  private final class Term {
    volatile SharedInformers informers = new SharedInformers(client);
    final List<Controller> controllers = new CopyOnWriteArrayList<>();
    volatile boolean running;
    volatile boolean stopped;

    void start() {
      Fabric8Api api = new Fabric8Api(client);
      long backoff = 500;
      while (!stopped && controllers.isEmpty()) {
        ControllerContext context = new ControllerContext(api, api, informers, clock,
            component -> new EventRecorder(client, component, identity, eventSender,
                clock)::event, threads, options);
        try {
          build(context);
        } catch (RuntimeException e) {
          // discovery (garbage collector) needs the apiserver: try again on fresh informers
          LOG.info("controllers could not be built yet, retrying: error={}", e.toString());
          closeControllers();
          informers.close();
          informers = new SharedInformers(client);
          sleep(backoff);
          backoff = Math.min(backoff * 2, 10_000);
        }
      }
      if (stopped) {
        return;
      }
      controllers.forEach(c -> report(c.name(), false, "waiting for caches to sync"));
      var synced = informers.start();
      while (!stopped) {
        try {
          synced.get(1, TimeUnit.SECONDS);
          break;
        } catch (TimeoutException e) {
          // keep waiting while leading
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (java.util.concurrent.ExecutionException e) {
          LOG.warn("an informer failed to start: error={}", e.getCause().toString());
          sleep(1000);
        }
      }
      synchronized (ControllerManager.this) {
        if (stopped) {
          return;
        }
        for (ControllerDescriptor descriptor : ControllerDescriptor.ALL) {
          controllers.stream().filter(c -> c.name().equals(descriptor.name())).findFirst()
              .ifPresent(c -> c.run(options.workers(descriptor.name(),
                  descriptor.defaultWorkers()), threads));
        }
        running = true;
      }
      controllers.forEach(c -> report(c.name(), true, "running as leader " + identity));
      LOG.info("controllers running: identity={} count={}", identity, controllers.size());
    }

    private void build(ControllerContext context) {
      for (ControllerDescriptor descriptor : ControllerDescriptor.ALL) {
        if (options.enabled(descriptor.name())) {
          controllers.add(descriptor.factory().apply(context));
        }
      }
    }

    void close() {
      stopped = true;
      running = false;
      closeControllers();
      informers.close();
    }

    private void closeControllers() {
      controllers.forEach(Controller::close);
      controllers.clear();
    }

    private void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }
  }
}
