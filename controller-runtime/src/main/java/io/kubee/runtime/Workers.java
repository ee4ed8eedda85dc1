package io.kubee.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code count} workers that take keys from a {@link WorkQueue} and sync them
 * (client-go's {@code processNextWorkItem} loop): success forgets the key's failures, an
 * exception puts it back with backoff. The sync function must be idempotent; it is never
 * called for one key from two workers at once.
 */
public final class Workers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

  private final List<Thread> threads = new ArrayList<>();
  private final WorkQueue<String> queue;

  private Workers(WorkQueue<String> queue) {
    this.queue = queue;
  }

  /**
   * @param name names the threads and the log lines ("replicaset")
   * @param sync called with each key; throws to retry later
   */
  public static Workers start(String name, int count, WorkQueue<String> queue,
      Consumer<String> sync, ThreadFactory threadFactory) {
    Workers workers = new Workers(queue);
    for (int i = 0; i < count; i++) {
      Thread thread = threadFactory.newThread(() -> workers.loop(name, sync));
      thread.setName("kubee-" + name + "-worker-" + i);
      workers.threads.add(thread);
      thread.start();
    }
    return workers;
  }

  private void loop(String name, Consumer<String> sync) {
    while (true) {
      String key;
      try {
        key = queue.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (key == null) {
        return;
      }
      try {
        sync.accept(key);
        queue.forget(key);
      } catch (RuntimeException e) {
        int failures = queue.failures(key);
        if (failures < 5) {
          LOG.debug("{}: sync failed, retrying: key={} error={}", name, key, e.toString());
        } else {
          LOG.warn("{}: sync keeps failing: key={} failures={} error={}", name, key, failures,
              e.toString());
        }
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  }

  /** Shuts the queue down and waits for the workers to finish their current key. */
  @Override
  public void close() {
    queue.close();
    for (Thread thread : threads) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
