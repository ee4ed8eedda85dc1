package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.handlers.ApiResponse;
import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Watches through the pipeline: order, selectors, resume, initial state, expiry. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WatchIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  @Test
  void deliversCreateUpdateDeleteInOrderAfterTheListedVersion() throws Exception {
    String rv = api.get("/api/v1/namespaces/default/configmaps").text("/metadata/resourceVersion");
    try (Watch watch = open("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion="
        + rv)) {
      Reply created = api.post("/api/v1/namespaces/default/configmaps",
          "{'metadata':{'name':'w1'}}");
      Reply updated = api.put("/api/v1/namespaces/default/configmaps/w1",
          "{'metadata':{'name':'w1'},'data':{'a':'b'}}");
      api.delete("/api/v1/namespaces/default/configmaps/w1");

      List<WatchEvent> events = take(watch, 3);
      assertThat(events).extracting(WatchEvent::type).containsExactly(
          WatchEvent.Type.ADDED, WatchEvent.Type.MODIFIED, WatchEvent.Type.DELETED);
      assertThat(rv(events.get(0))).isEqualTo(created.text("/metadata/resourceVersion"));
      assertThat(rv(events.get(1))).isEqualTo(updated.text("/metadata/resourceVersion"));
      assertThat(events.get(1).object().at("/data/a").asString()).isEqualTo("b");
      assertThat(Long.parseLong(rv(events.get(2))))
          .isGreaterThan(Long.parseLong(rv(events.get(1))));
    }
  }

  @Test
  void noResourceVersionStartsWithTheCurrentStateAsAdded() throws Exception {
    api.post("/api/v1/namespaces", "{'metadata':{'name':'initial'}}");
    api.post("/api/v1/namespaces/initial/configmaps", "{'metadata':{'name':'a'}}");
    api.post("/api/v1/namespaces/initial/configmaps", "{'metadata':{'name':'b'}}");
    try (Watch watch = open("/api/v1/namespaces/initial/configmaps?watch=1")) {
      List<WatchEvent> events = take(watch, 2);
      assertThat(events).extracting(WatchEvent::type)
          .containsOnly(WatchEvent.Type.ADDED);
      assertThat(events).extracting(e -> e.object().at("/metadata/name").asString())
          .containsExactlyInAnyOrder("a", "b");
      api.post("/api/v1/namespaces/initial/configmaps", "{'metadata':{'name':'c'}}");
      assertThat(take(watch, 1).get(0).object().at("/metadata/name").asString()).isEqualTo("c");
    }
  }

  @Test
  void labelSelectorTurnsEntryAndExitIntoAddedAndDeleted() throws Exception {
    String rv = api.get("/api/v1/namespaces/default/secrets").text("/metadata/resourceVersion");
    try (Watch watch = open("/api/v1/namespaces/default/secrets?watch=true&labelSelector="
        + "role%3Dhot&resourceVersion=" + rv)) {
      api.post("/api/v1/namespaces/default/secrets", "{'metadata':{'name':'s1'}}");
      api.put("/api/v1/namespaces/default/secrets/s1",
          "{'metadata':{'name':'s1','labels':{'role':'hot'}}}");
      api.put("/api/v1/namespaces/default/secrets/s1",
          "{'metadata':{'name':'s1','labels':{'role':'cold'}}}");
      List<WatchEvent> events = take(watch, 2);
      assertThat(events).extracting(WatchEvent::type)
          .containsExactly(WatchEvent.Type.ADDED, WatchEvent.Type.DELETED);
      // as Kubernetes: the last state the watcher matched, at the version of the change
      assertThat(events.get(1).object().at("/metadata/labels/role").asString()).isEqualTo("hot");
      assertThat(Long.parseLong(rv(events.get(1)))).isGreaterThan(Long.parseLong(rv(events.get(0))));
    }
  }

  @Test
  void resumingFromAnyEventLosesAndRepeatsNothing() throws Exception {
    String rv = api.get("/api/v1/namespaces/default/endpoints").text("/metadata/resourceVersion");
    for (int i = 0; i < 6; i++) {
      api.post("/api/v1/namespaces/default/endpoints", "{'metadata':{'name':'e" + i + "'}}");
    }
    List<String> all;
    try (Watch watch = open("/api/v1/namespaces/default/endpoints?watch=true&resourceVersion="
        + rv)) {
      all = take(watch, 6).stream().map(WatchIT::rv).toList();
    }
    for (int cut = 0; cut < all.size(); cut++) {
      try (Watch resumed = open("/api/v1/namespaces/default/endpoints?watch=true&resourceVersion="
          + all.get(cut))) {
        List<String> rest = take(resumed, all.size() - cut - 1).stream().map(WatchIT::rv).toList();
        assertThat(rest).containsExactlyElementsOf(all.subList(cut + 1, all.size()));
        assertThat(resumed.next(Duration.ofMillis(200))).isNull();
      }
    }
  }

  @Test
  void lastEventIdResumesAnEventStream() throws Exception {
    String rv = api.get("/api/v1/namespaces/default/serviceaccounts")
        .text("/metadata/resourceVersion");
    Reply first = api.post("/api/v1/namespaces/default/serviceaccounts",
        "{'metadata':{'name':'sa1'}}");
    api.post("/api/v1/namespaces/default/serviceaccounts", "{'metadata':{'name':'sa2'}}");
    ApiResponse.WatchStream stream = api.watch(
        "/api/v1/namespaces/default/serviceaccounts?resourceVersion=" + rv,
        "text/event-stream", first.text("/metadata/resourceVersion"));
    assertThat(stream.encoding()).isEqualTo(ApiResponse.WatchEncoding.SSE);
    try (Watch watch = stream.watch()) {
      List<WatchEvent> events = take(watch, 1);
      assertThat(events.get(0).object().at("/metadata/name").asString()).isEqualTo("sa2");
    }
  }

  @Test
  void aCompactedResourceVersionEndsWithAnExpiredError() throws Exception {
    String old = api.get("/api/v1/namespaces/default/configmaps").text("/metadata/resourceVersion");
    api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'compacted-1'}}");
    api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'compacted-2'}}");
    api.storage().compact(api.storage().currentRevision());
    // a type no other test watched: its watch cache starts after the compaction, so the old
    // version can only come from etcd, which no longer has it
    try (Watch watch = open("/apis/apps/v1/namespaces/default/replicasets?watch=true"
        + "&resourceVersion=" + (Long.parseLong(old) - 1))) {
      WatchEvent event = take(watch, 1).get(0);
      assertThat(event.type()).isEqualTo(WatchEvent.Type.ERROR);
      assertThat(event.object().at("/code").asInt()).isEqualTo(410);
      assertThat(event.object().at("/reason").asString()).isEqualTo("Expired");
    }
  }

  private static Watch open(String path) {
    return api.watch(path, null, null).watch();
  }

  private static List<WatchEvent> take(Watch watch, int count) throws InterruptedException {
    List<WatchEvent> events = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (events.size() < count && System.nanoTime() < deadline) {
      WatchEvent event = watch.next(Duration.ofMillis(200));
      if (event != null && event.type() != WatchEvent.Type.BOOKMARK) {
        events.add(event);
      }
    }
    assertThat(events).as("events received").hasSize(count);
    return events;
  }

  private static String rv(WatchEvent event) {
    return event.object().at("/metadata/resourceVersion").asString();
  }
}
