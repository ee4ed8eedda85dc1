package io.kubee.storage.etcd;

import io.kubee.api.codec.Codec;
import io.kubee.api.meta.Meta;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** Objects and watch helpers for the integration tests. */
final class Fixtures {
  private Fixtures() {}

  static ObjectNode pod(String namespace, String name, String app) {
    ObjectNode pod = Codec.INSTANCE.newObject();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode metadata = pod.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    if (app != null) {
      metadata.putObject("labels").put("app", app);
    }
    pod.putObject("spec").put("nodeName", "");
    return pod;
  }

  static Predicate<ObjectNode> app(String app) {
    return o -> app.equals(Meta.labels(o).get("app"));
  }

  static void setApp(ObjectNode object, String app) {
    ObjectNode metadata = Meta.metadata(object);
    if (!(metadata.get("labels") instanceof ObjectNode)) {
      metadata.putObject("labels");
    }
    ((ObjectNode) metadata.get("labels")).put("app", app);
  }

  static long rv(ObjectNode object) {
    return Meta.parseResourceVersion(Meta.resourceVersion(object));
  }

  static String label(ObjectNode object) {
    return Meta.labels(object).get("app");
  }

  /** "TYPE name@rv" of an event, for comparing sequences. */
  static String describe(WatchEvent event) {
    return event.type() + " " + Meta.name(event.object()) + "@" + event.resourceVersion();
  }

  /** Reads {@code count} events, failing after {@code timeout}. */
  static List<WatchEvent> take(Watch watch, int count, Duration timeout)
      throws InterruptedException {
    List<WatchEvent> events = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("got only " + events.size() + " of " + count + " events: "
            + events.stream().map(Fixtures::describe).toList());
      }
      WatchEvent event = watch.next(Duration.ofNanos(left));
      if (event != null) {
        events.add(event);
      } else if (watch.isDone()) {
        throw new AssertionError("watch ended after " + events.size() + " of " + count
            + " events: " + events.stream().map(Fixtures::describe).toList());
      }
    }
    return events;
  }

  /** Reads {@code count} events that are not bookmarks. */
  static List<WatchEvent> takeChanges(Watch watch, int count, Duration timeout)
      throws InterruptedException {
    List<WatchEvent> changes = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (changes.size() < count) {
      long left = deadline - System.nanoTime();
      List<WatchEvent> next = take(watch, 1, Duration.ofNanos(Math.max(1, left)));
      if (next.get(0).type() != WatchEvent.Type.BOOKMARK) {
        changes.add(next.get(0));
      }
    }
    return changes;
  }

  /** Asserts nothing but bookmarks arrives within {@code quiet}. */
  static void expectNoChange(Watch watch, Duration quiet) throws InterruptedException {
    long deadline = System.nanoTime() + quiet.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      WatchEvent event = watch.next(Duration.ofNanos(left));
      if (event != null && event.type() != WatchEvent.Type.BOOKMARK) {
        throw new AssertionError("unexpected event " + describe(event));
      }
    }
  }
}
