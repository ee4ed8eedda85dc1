package io.kubee.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code clients} threads, each sending its next request when the previous
 * one has answered, until the phase's request budget is used up. A warm-up phase (not recorded)
 * runs first with the same clients; then the measured phase, whose wall time gives the
 * throughput. Latency is taken around the whole call (request sent to response body read).
 */
final class ClosedLoop {
  private ClosedLoop() {}

  /** One request; returns whether it succeeded. Must be thread-safe. */
  @FunctionalInterface
  interface Op {
    boolean call(int client, ThreadLocalRandom random) throws Exception;
  }

  /** What one (scenario, target, concurrency) run measured. */
  record Result(String scenario, String target, int clients, long requests, long errors,
      double seconds, Histogram histogram, String firstError, CpuMeter.Usage cpu) {
    double throughput() {
      return requests / seconds;
    }

    Stats stats() {
      return Stats.of(histogram);
    }
  }

  static Result run(String scenario, String target, int clients, int warmup, int requests,
      CpuMeter meter, Op op) throws InterruptedException {
    AtomicReference<String> firstError = new AtomicReference<>();
    AtomicLong errors = new AtomicLong();
    if (warmup > 0) {
      phase(clients, warmup, op, null, errors, firstError);
    }
    errors.set(0);
    firstError.set(null);
    Histogram[] histograms = new Histogram[clients];
    for (int i = 0; i < clients; i++) {
      histograms[i] = Stats.newHistogram();
    }
    CpuMeter.Snapshot before = meter.take();
    long nanos = phase(clients, requests, op, histograms, errors, firstError);
    CpuMeter.Usage cpu = meter.between(before, meter.take());
    Histogram all = Stats.newHistogram();
    for (Histogram h : histograms) {
      all.add(h);
    }
    return new Result(scenario, target, clients, all.getTotalCount(), errors.get(),
        nanos / 1e9, all, firstError.get(), cpu);
  }

  /** Runs {@code total} requests over {@code clients} threads; returns the wall time in ns. */
  private static long phase(int clients, int total, Op op, Histogram[] histograms,
      AtomicLong errors, AtomicReference<String> firstError) throws InterruptedException {
    AtomicLong tickets = new AtomicLong();
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[clients];
    for (int c = 0; c < clients; c++) {
      int client = c;
      threads[c] = new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Histogram h = histograms == null ? null : histograms[client];
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        while (tickets.getAndIncrement() < total) {
          long start = System.nanoTime();
          boolean ok;
          try {
            ok = op.call(client, random);
          } catch (Exception e) {
            ok = false;
            firstError.compareAndSet(null, e.toString());
          }
          long elapsed = System.nanoTime() - start;
          if (ok) {
            if (h != null) {
              h.recordValue(Math.min(elapsed, h.getHighestTrackableValue()));
            }
          } else {
            errors.incrementAndGet();
          }
        }
      }, "bench-client-" + c);
      threads[c].setDaemon(true);
      threads[c].start();
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return System.nanoTime() - start;
  }
}
