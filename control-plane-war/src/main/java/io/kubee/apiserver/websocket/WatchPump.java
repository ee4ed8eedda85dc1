package io.kubee.apiserver.websocket;

import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends one watch's events to one WebSocket, on a thread of its own (a watch waits most of its
 * life; the thread is parked meanwhile, like the request thread of an HTTP watch).
 */
final class WatchPump implements Runnable {
  private final Session session;
  private final Watch watch;
  private final long deadline;

  WatchPump(Session session, Watch watch, Duration timeout) {
    this.session = session;
    this.watch = watch;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  void stop() {
    watch.close();
  }

  @Override
  public void run() {
    try (watch) {
      while (session.isOpen() && System.nanoTime() < deadline) {
        WatchEvent event = watch.next(WatchEndpoint.POLL);
        if (event == null) {
          if (watch.isDone()) {
            break;
          }
          continue;
        }
        session.getBasicRemote().sendText(line(event));
        if (event.type() == WatchEvent.Type.ERROR) {
          break;
        }
      }
      if (session.isOpen()) {
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "watch ended"));
      }
    } catch (IOException | IllegalStateException clientGone) {
      // the socket closed under us: the watch closes with the try
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code {"type":"ADDED","object":{...}}}, built around the event's shared JSON. */
  static String line(WatchEvent event) {
    return "{\"type\":\"" + event.type().name() + "\",\"object\":"
        + new String(event.objectJson(), StandardCharsets.UTF_8) + "}";
  }
}
