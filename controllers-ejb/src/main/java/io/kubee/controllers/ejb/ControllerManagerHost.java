package io.kubee.controllers.ejb;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubee.controllers.ControllerManager;
import io.kubee.controllers.ControllerManagerOptions;
import io.kubee.runtime.ApiServerUrl;
import io.kubee.runtime.ComponentHealth;
import io.kubee.runtime.KubeClients;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the {@link ControllerManager} in the EAR: a thin singleton that never blocks the
 * deployment. The apiserver of the same EAR serves only once the deployment is done, so the
 * manager is started on the managed executor, after {@code /readyz} answers. Its controllers'
 * workers run on threads of the managed thread factory (they block on their queues for the
 * life of the deployment, which a pooled executor task must not); periodic work (node monitor,
 * pod GC, autoscaler, resync) runs on non-persistent interval timers created here.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ControllerManagerHost {
  static final String COMPONENT = "controller-manager";
  private static final Logger LOG = LoggerFactory.getLogger(ControllerManagerHost.class);

  @Resource
  ManagedExecutorService executor;

  @Resource
  ManagedThreadFactory threads;

  @Resource
  TimerService timers;

  @Inject
  ComponentHealth health;

  private volatile boolean stopping;
  private volatile ControllerManager manager;
  private volatile KubernetesClient client;
  private Future<?> starting;

  @PostConstruct
  void start() {
    Config config = ConfigProvider.getConfig();
    ControllerManagerOptions options = ControllerManagerOptions.from(
        key -> config.getOptionalValue(key, String.class));
    if (!options.managerEnabled()) {
      LOG.info("controller manager disabled: {}enabled=false", ControllerManagerOptions.PREFIX);
      return;
    }
    String url = ApiServerUrl.from(key -> config.getOptionalValue(key, String.class));
    health.report(COMPONENT, false, "waiting for the apiserver at " + url);
    // the schedules are known before the manager exists: its ticks wait for it
    Map<String, Duration> schedules = io.kubee.controllers.ControllerDescriptor.schedules(options);
    schedules.forEach((job, period) -> timers.createIntervalTimer(period.toMillis(),
        period.toMillis(), new TimerConfig(job, false)));
    starting = executor.submit(() -> connect(url, options));
  }

  private void connect(String url, ControllerManagerOptions options) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long backoff = 250;
    while (!stopping && !ready(http, url)) {
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff = Math.min(backoff * 2, 5_000);
    }
    synchronized (this) {
      if (stopping) {
        return;
      }
      client = KubeClients.connect(url, "kube-controller-manager/v1.32.0 (kubee)");
      manager = new ControllerManager(client, identity(), options, threads, Clock.systemUTC(),
          health);
      manager.start();
    }
    health.forget(COMPONENT);
    LOG.info("controller manager started: apiserver={} identity={}", url, manager.identity());
  }

  private static boolean ready(HttpClient http, String url) {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url + "/readyz"))
          .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Kubernetes' leader identity: host name and a unique suffix. */
  private static String identity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "_" + UUID.randomUUID();
  }

  @Timeout
  void tick(Timer timer) {
    ControllerManager running = manager;
    if (running != null && !stopping) {
      running.tick((String) timer.getInfo());
    }
  }

  @PreDestroy
  void stop() {
    synchronized (this) {
      stopping = true;
    }
    for (Timer timer : timers.getTimers()) {
      try {
        timer.cancel();
      } catch (RuntimeException alreadyGone) {
        // the timer expired or was cancelled meanwhile
      }
    }
    if (starting != null) {
      starting.cancel(true);
    }
    ControllerManager running = manager;
    if (running != null) {
      running.close();
    }
    if (client != null) {
      client.close();
    }
    health.forget(COMPONENT);
  }
}
