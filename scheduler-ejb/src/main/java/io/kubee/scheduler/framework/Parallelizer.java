package io.kubee.scheduler.framework;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs work over many pieces (nodes) on up to {@code parallelism} threads, the caller's included,
 * in chunks of about sqrt(n) (kube-scheduler's {@code parallelize.Parallelizer.Until}).
 * Thread-safe; a {@link Stop} ends a run early (enough feasible nodes found).
 */
public final class Parallelizer {
  /** Ends a run early: pieces not started yet are skipped. */
  public static final class Stop {
    private final AtomicBoolean stopped = new AtomicBoolean();

    public void stop() {
      stopped.set(true);
    }

    public boolean stopped() {
      return stopped.get();
    }
  }

  private final int parallelism;
  private final Executor executor;

  /** @param executor runs the helper workers; it must not queue them behind long tasks */
  public Parallelizer(int parallelism, Executor executor) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
    this.executor = executor;
  }

  /** A parallelizer that runs everything on the caller's thread (tests). */
  public static Parallelizer direct() {
    return new Parallelizer(1, Runnable::run);
  }

  public int parallelism() {
    return parallelism;
  }

  /** Calls {@code work} for each index in [0, pieces); returns when all ran or were skipped. */
  public void until(int pieces, IntConsumer work, Stop stop) {
    if (pieces <= 0) {
      return;
    }
    int chunk = chunkSize(pieces, parallelism);
    int chunks = (pieces + chunk - 1) / chunk;
    int workers = Math.min(parallelism, chunks);
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Runnable worker = () -> {
      try {
        int start;
        while ((start = next.getAndAdd(chunk)) < pieces) {
          int end = Math.min(pieces, start + chunk);
          for (int i = start; i < end; i++) {
            if (stop != null && stop.stopped()) {
              return;
            }
            work.accept(i);
          }
        }
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        next.set(pieces);
      }
    };
    CountDownLatch done = new CountDownLatch(workers - 1);
    for (int w = 1; w < workers; w++) {
      executor.execute(() -> {
        try {
          worker.run();
        } finally {
          done.countDown();
        }
      });
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for parallel work", e);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** sqrt(n), at most n / parallelism + 1, at least 1 (Kubernetes' chunkSizeFor). */
  static int chunkSize(int pieces, int parallelism) {
    int size = (int) Math.sqrt(pieces);
    int max = pieces / parallelism + 1;
    return Math.max(1, Math.min(size, max));
  }
}
