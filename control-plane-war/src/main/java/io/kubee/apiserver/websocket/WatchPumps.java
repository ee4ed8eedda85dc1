package io.kubee.apiserver.websocket;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads of WebSocket watches: one per open watch, from the container's managed thread
 * factory (the default managed executor queues tasks beyond a few threads, and a watch holds
 * its thread for minutes), all stopped when the application is undeployed.
 */
@ApplicationScoped
public class WatchPumps {
  @Resource
  ManagedThreadFactory threads;

  private ExecutorService pumps;

  synchronized void start(WatchPump pump) {
    if (pumps == null) {
      pumps = Executors.newCachedThreadPool(threads);
    }
    pumps.execute(pump);
  }

  @PreDestroy
  synchronized void stop() {
    if (pumps != null) {
      pumps.shutdownNow();
    }
  }
}
