package io.kubee.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.meta.Meta;
import io.kubee.storage.WatchEvent;
import io.kubee.storage.WatchOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CacheWatcherTest {
  private static final Duration NO_WAIT = Duration.ZERO;

  private static CacheWatcher watcher(long since, int capacity) {
    return new CacheWatcher("/registry/pods/default/", WatchOptions.from(since), since, capacity);
  }

  @Test
  void deliversInitialEventsBeforeLiveOnes() throws Exception {
    CacheWatcher w = watcher(10, 10);
    w.addInitial(new WatchEvent(WatchEvent.Type.ADDED, Events.pod("x", null), 7));
    w.addReplayed(Events.created("a", null, 11));
    w.dispatch(Events.created("b", null, 12));

    assertThat(drain(w)).containsExactly("ADDED@7", "ADDED@11", "ADDED@12");
  }

  @Test
  void skipsChangesTheClientHasAndKeysOutsideItsPrefix() throws Exception {
    CacheWatcher w = watcher(10, 10);
    w.dispatch(Events.created("old", null, 10));
    w.dispatch(new CacheEvent(RawEvent.Kind.PUT, "/registry/pods/other/a", 11,
        Events.pod("a", null), null));
    w.dispatch(Events.created("new", null, 12));

    assertThat(drain(w)).containsExactly("ADDED@12");
  }

  @Test
  void endsASlowWatcherWithoutAnError() throws Exception {
    CacheWatcher w = watcher(0, 2);

    assertThat(w.dispatch(Events.created("a", null, 1))).isTrue();
    assertThat(w.dispatch(Events.created("b", null, 2))).isTrue();
    assertThat(w.dispatch(Events.created("c", null, 3))).isFalse();

    assertThat(w.isDone()).isTrue();
    assertThat(w.endedAsSlow()).isTrue();
    assertThat(w.next(NO_WAIT)).isNull();
  }

  @Test
  void anErrorIsTheLastEvent() throws Exception {
    CacheWatcher w = watcher(0, 10);
    w.dispatch(Events.created("a", null, 1));

    w.end(WatchEvents.tooOld(1, 5));

    assertThat(w.isDone()).isFalse();
    assertThat(w.next(NO_WAIT).type()).isEqualTo(WatchEvent.Type.ERROR);
    assertThat(w.isDone()).isTrue();
    assertThat(w.dispatch(Events.created("b", null, 6))).isFalse();
    assertThat(w.next(NO_WAIT)).isNull();
  }

  @Test
  void closeRunsTheHookOnceAndWakesTheConsumer() throws Exception {
    CacheWatcher w = watcher(0, 10);
    AtomicInteger hooks = new AtomicInteger();
    w.onClose(hooks::incrementAndGet);
    CompletableFuture<WatchEvent> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return w.next(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);

    w.close();
    w.close();

    assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
    assertThat(hooks).hasValue(1);
    assertThat(w.isDone()).isTrue();
  }

  @Test
  void nextWaitsForALiveEvent() throws Exception {
    CacheWatcher w = watcher(0, 10);
    CompletableFuture<WatchEvent> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return w.next(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);

    w.dispatch(Events.created("a", null, 1));

    assertThat(waiting.get(5, TimeUnit.SECONDS).resourceVersion()).isEqualTo(1);
  }

  @Test
  void aFailingPredicateHidesTheObjectInsteadOfFailingTheProducer() throws Exception {
    CacheWatcher w = new CacheWatcher("/registry/pods/", new WatchOptions(0, o -> {
      throw new IllegalStateException("broken selector");
    }, false), 0, 10);

    assertThat(w.dispatch(Events.created("a", null, 1))).isTrue();

    assertThat(w.next(NO_WAIT)).isNull();
    assertThat(w.isDone()).isFalse();
  }

  @Test
  void bookmarksNeverGoBack() throws Exception {
    CacheWatcher w = new CacheWatcher("/registry/pods/", new WatchOptions(10, null, true), 10, 10);

    w.offerBookmark(5, "v1", "Pod"); // the cache is behind the client's list
    w.dispatch(Events.created("a", null, 12));
    w.offerBookmark(11, "v1", "Pod"); // an older progress report
    w.offerBookmark(20, "v1", "Pod");

    assertThat(drain(w)).containsExactly("BOOKMARK@10", "ADDED@12", "BOOKMARK@12",
        "BOOKMARK@20");
  }

  @Test
  void bookmarksUseTheTypeOfTheOptionsFirst() throws Exception {
    CacheWatcher w = new CacheWatcher("/registry/pods/",
        new WatchOptions(1, null, true).withType("v1", "Pod"), 1, 10);

    w.offerBookmark(3, "apps/v1", "Deployment");

    WatchEvent bookmark = w.next(NO_WAIT);
    assertThat(Meta.apiVersion(bookmark.object())).isEqualTo("v1");
    assertThat(Meta.kind(bookmark.object())).isEqualTo("Pod");
  }

  @Test
  void bookmarksAreSkippedWhenTheBufferIsFull() throws Exception {
    CacheWatcher w = new CacheWatcher("/registry/pods/", new WatchOptions(0, null, true), 0, 1);
    w.dispatch(Events.created("a", null, 1));

    w.offerBookmark(5, "v1", "Pod");

    assertThat(w.isDone()).isFalse();
    assertThat(drain(w)).containsExactly("ADDED@1");
  }

  @Test
  void bookmarksAreDueEveryInterval() {
    CacheWatcher w = new CacheWatcher("/registry/pods/", new WatchOptions(0, null, true), 0, 1);
    long second = TimeUnit.SECONDS.toNanos(1);

    assertThat(w.bookmarkDue(0, second)).isFalse(); // schedules the first one
    assertThat(w.bookmarkDue(second / 2, second)).isFalse();
    assertThat(w.bookmarkDue(second, second)).isTrue();
    assertThat(w.bookmarkDue(second + 1, second)).isFalse();
    assertThat(watcher(0, 1).bookmarkDue(10 * second, second)).isFalse();
  }

  private static List<String> drain(CacheWatcher w) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    for (WatchEvent e = w.next(NO_WAIT); e != null; e = w.next(NO_WAIT)) {
      seen.add(e.toString());
    }
    return seen;
  }
}
