package io.kubee.storage.etcd;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the threads jetcd starts for one client apart from everyone else's, so that
 * {@link EtcdStorage#close()} can wait for them (PLATFORM.md, gotcha 4: jetcd's
 * {@code Client.close()} does not wait for Vert.x, and a {@code vert.x-*} thread still running
 * the deployment's classes makes a WildFly redeploy fail with {@code NoClassDefFoundError}).
 *
 * <p>Vert.x and Netty start their threads lazily, from whichever thread first hands them work,
 * and a new thread inherits its creator's context class loader. Every call into jetcd therefore
 * runs with a context class loader private to this client ({@link #call}): a child of the
 * storage classes' loader that adds nothing, so lookups behave as before, but that marks every
 * thread created on this client's behalf (and the threads those create in turn).
 */
final class ClientThreads {
  private static final Logger LOG = LoggerFactory.getLogger(ClientThreads.class);
  private static final long JOIN_MILLIS = 3_000;

  private final ClassLoader storageLoader = ClientThreads.class.getClassLoader();
  private final ClassLoader marker = new MarkerLoader(storageLoader);

  /** A loader that only delegates: its identity is the mark. */
  private static final class MarkerLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    MarkerLoader(ClassLoader parent) {
      super("kubee-etcd-client", parent);
    }
  }

  /**
   * Runs {@code action} with this client's context class loader, and leaves no Netty
   * thread-locals behind on a caller that is not one of Netty's own threads. Starting a gRPC
   * call on the caller's thread fills Netty's per-thread map (buffer caches, recyclers) there;
   * on a server's pooled request thread that map outlives the deployment and keeps all its
   * classes loaded, so every redeploy would leak the whole EAR.
   */
  <T> T call(Supplier<T> action) {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(marker);
    try {
      return action.get();
    } finally {
      current.setContextClassLoader(previous);
      if (!(current instanceof FastThreadLocalThread)) {
        FastThreadLocal.removeAll();
      }
    }
  }

  /**
   * Waits up to 3 s each for the client's threads to end: the {@code vert.x-*}, {@code vertx-*}
   * and {@code jetcd-*} threads marked by {@link #call}, and, inside an application server, those
   * whose context class loader is the storage classes' own loader. (On a flat class path, as in
   * tests, that loader is everyone's, so only the mark counts.)
   */
  void joinAfterClose() {
    for (Thread thread : threads()) {
      try {
        thread.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (thread.isAlive()) {
        LOG.warn("etcd client thread still running after close: thread={}", thread.getName());
      }
    }
  }

  /** The live threads of this client, as {@link #joinAfterClose} chooses them. */
  List<Thread> threads() {
    boolean inServer = storageLoader != ClassLoader.getSystemClassLoader();
    List<Thread> ours = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (thread == Thread.currentThread()
          || !(name.startsWith("vert.x-") || name.startsWith("vertx-")
          || name.startsWith("jetcd-"))) {
        continue;
      }
      ClassLoader loader = thread.getContextClassLoader();
      if (loader == marker || inServer && loader == storageLoader) {
        ours.add(thread);
      }
    }
    return ours;
  }
}
