package io.kubee.scheduler.ejb;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubee.runtime.ApiServerUrl;
import io.kubee.runtime.ComponentHealth;
import io.kubee.scheduler.SchedulerOptions;
import io.kubee.scheduler.client.SchedulerClients;
import io.kubee.scheduler.client.SchedulerInstance;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the scheduler in the EAR: a thin adapter over {@link SchedulerInstance}. Deployment must
 * not wait for the apiserver (the WAR beside it serves only once deployment finished), so
 * {@link #start} hands a task to the {@code ManagedExecutorService} that polls {@code /readyz}
 * until it answers, then starts the informers and leader election; the scheduler's threads come
 * from the {@code ManagedThreadFactory}. Reports its readiness as "scheduler" to
 * {@link ComponentHealth} (the MicroProfile readiness check of the EAR). Configuration:
 * {@code kubee.scheduler.enabled} (true) and the keys of {@link SchedulerOptions#from}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SchedulerHost {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerHost.class);
  static final String COMPONENT = "scheduler";

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  @Inject
  ComponentHealth health;

  private volatile boolean stopping;
  private volatile Future<?> startup;
  private volatile KubernetesClient client;
  private volatile SchedulerInstance instance;
  private volatile String detail = "waiting for the apiserver";

  @PostConstruct
  void start() {
    Config config = ConfigProvider.getConfig();
    if (!config.getOptionalValue(SchedulerOptions.PREFIX + "enabled", Boolean.class)
        .orElse(true)) {
      health.report(COMPONENT, true, "disabled");
      return;
    }
    SchedulerOptions options = SchedulerOptions.from(k -> config.getOptionalValue(k,
        String.class));
    String url = ApiServerUrl.from(k -> config.getOptionalValue(k, String.class));
    health.report(COMPONENT, false, detail);
    startup = executor.submit(() -> connect(url, options));
  }

  /** Waits for the apiserver, then starts the informers and the election. */
  private void connect(String url, SchedulerOptions options) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create(url + "/readyz"))
        .timeout(Duration.ofSeconds(5)).build();
    while (!stopping) {
      try {
        if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (java.io.IOException e) {
        // not serving yet: this deployment is still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    synchronized (this) {
      if (stopping) {
        return;
      }
      client = SchedulerClients.connect(url, "kubee-scheduler");
      instance = new SchedulerInstance(client, options, identity(), threads);
      instance.start();
      LOG.info("scheduler connected: apiserver={} identity={} leaderElect={}", url,
          instance.identity(), options.leaderElect());
    }
    refreshReadiness();
  }

  /** Keeps the readiness check current (leading, standing by, syncing). */
  @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
  void refreshReadiness() {
    SchedulerInstance i = instance;
    if (stopping || health == null) {
      return;
    }
    if (i == null) {
      health.report(COMPONENT, false, detail);
    } else if (!i.synced()) {
      health.report(COMPONENT, false, "syncing informers");
    } else if (i.scheduling()) {
      health.report(COMPONENT, true, i.leaderElect() ? "leading as " + i.identity()
          : "running without leader election");
    } else {
      health.report(COMPONENT, true, "standing by (another instance holds the lease)");
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
    Future<?> f = startup;
    if (f != null) {
      f.cancel(true);
    }
    synchronized (this) {
      if (instance != null) {
        instance.close();
      }
      if (client != null) {
        client.close();
      }
    }
    health.forget(COMPONENT);
  }

  /** hostname_uuid, as kube-scheduler names itself in its Lease. */
  static String identity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "_" + UUID.randomUUID();
  }
}
