package io.kubee.apiserver.rest;

import io.kubee.apiserver.ControlPlane;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates default, kube-system, kube-public and kube-node-lease when the apiserver starts, and
 * keeps retrying every 2 s while etcd cannot be reached, so the deployment does not depend on
 * etcd being up first.
 */
@Singleton
@Startup
public class SystemNamespacesBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(SystemNamespacesBootstrap.class);
  private static final long RETRY_MILLIS = 2000;

  @Inject
  ControlPlane controlPlane;

  @Resource
  TimerService timers;

  private volatile boolean done;

  @PostConstruct
  void start() {
    timers.createSingleActionTimer(0, new TimerConfig(null, false));
  }

  @Timeout
  void ensure() {
    try {
      controlPlane.ensureSystemNamespaces();
      controlPlane.ensureSystemPriorityClasses();
      done = true;
      LOG.info("system namespaces present: {}", ControlPlane.SYSTEM_NAMESPACES);
    } catch (RuntimeException e) {
      LOG.warn("cannot create the system namespaces yet, retrying in {} ms: {}", RETRY_MILLIS,
          e.getMessage());
      timers.createSingleActionTimer(RETRY_MILLIS, new TimerConfig(null, false));
    }
  }

  public boolean isDone() {
    return done;
  }
}
