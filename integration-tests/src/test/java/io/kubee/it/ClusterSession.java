package io.kubee.it;

import io.kubee.testsupport.EtcdProcess;
import io.kubee.testsupport.FreePorts;
import java.util.HashSet;
import java.util.Set;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts what the integration tests share, once per test JVM, before any test class runs: one
 * real etcd on free ports, and free ports for the managed WildFly. It publishes them as system
 * properties that the top-level {@code arquillian.xml} substitutes (Arquillian reads that file
 * only when the first Arquillian test class starts, which is after this listener ran), and stops
 * etcd when the session closes — after Arquillian has stopped WildFly.
 *
 * <p>Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 * It does nothing unless the system property {@code kubee.it.cluster} is {@code true} (failsafe
 * sets it), so a unit-test run or an IDE run of a plain test class starts nothing. Idempotent:
 * a second session in the same JVM reuses what the first started.
 *
 * <p>System properties set: {@code kubee.it.etcd.endpoints}, {@code kubee.it.http.port},
 * {@code kubee.it.https.port}, {@code kubee.it.management.port}. {@link Cluster} reads them.
 */
public final class ClusterSession implements LauncherSessionListener {
  static final String ENABLED = "kubee.it.cluster";
  static final String ETCD_ENDPOINTS = "kubee.it.etcd.endpoints";
  static final String HTTP_PORT = "kubee.it.http.port";
  static final String HTTPS_PORT = "kubee.it.https.port";
  static final String MANAGEMENT_PORT = "kubee.it.management.port";

  private static EtcdProcess etcd;
  private static int sessions;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!Boolean.getBoolean(ENABLED)) {
      return;
    }
    synchronized (ClusterSession.class) {
      sessions++;
      if (etcd != null) {
        return;
      }
      etcd = EtcdProcess.start();
      System.setProperty(ETCD_ENDPOINTS, etcd.endpoint());
      Set<Integer> taken = new HashSet<>();
      System.setProperty(HTTP_PORT, Integer.toString(freePort(taken)));
      System.setProperty(HTTPS_PORT, Integer.toString(freePort(taken)));
      System.setProperty(MANAGEMENT_PORT, Integer.toString(freePort(taken)));
      System.out.printf("[kubee-it] etcd=%s (pid %d) http=%s https=%s management=%s%n",
          etcd.endpoint(), etcd.pid(), System.getProperty(HTTP_PORT),
          System.getProperty(HTTPS_PORT), System.getProperty(MANAGEMENT_PORT));
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    synchronized (ClusterSession.class) {
      if (etcd == null || --sessions > 0) {
        return;
      }
      etcd.close();
      etcd = null;
    }
  }

  private static int freePort(Set<Integer> taken) {
    for (int i = 0; i < 20; i++) {
      int port = FreePorts.next();
      if (taken.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no distinct free port found");
  }
}
