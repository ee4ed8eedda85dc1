package io.kubee.node;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads kubelets run on, shared by every kubelet of the process (one, or hundreds of
 * hollow nodes): timers, pod workers, probes, blocking work, and Netty's event loops.
 */
public final class KubeletResources implements AutoCloseable {
  final ScheduledExecutorService scheduler;
  final ScheduledExecutorService probes;
  final ExecutorService podWorkers;
  final ExecutorService blocking;
  final EventLoopGroup boss;
  final EventLoopGroup io;

  /** @param podWorkerThreads how many pods sync at once */
  public KubeletResources(int podWorkerThreads) {
    this.scheduler = scheduled("kubelet-timer", 2);
    this.probes = scheduled("kubelet-probe", 4);
    this.podWorkers = Executors.newFixedThreadPool(podWorkerThreads, daemon("pod-worker"));
    this.blocking = Executors.newCachedThreadPool(daemon("kubelet-blocking"));
    this.boss = new NioEventLoopGroup(1, daemon("kubelet-accept"));
    this.io = new NioEventLoopGroup(2, daemon("kubelet-io"));
  }

  private static ScheduledExecutorService scheduled(String name, int threads) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, daemon(name));
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    probes.shutdownNow();
    podWorkers.shutdownNow();
    blocking.shutdownNow();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
