package io.kubee.storage.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatchCacheTest {
  private final WatchCache cache = new WatchCache(3);

  @Test
  void holdsEverythingAfterItsStart() {
    cache.reset(10);
    cache.add(Events.created("a", null, 11));
    cache.add(Events.created("b", null, 12));

    assertThat(cache.windowStart()).isEqualTo(10);
    assertThat(cache.revision()).isEqualTo(12);
    assertThat(revisions(cache.eventsAfter(10))).containsExactly(11L, 12L);
    assertThat(revisions(cache.eventsAfter(11))).containsExactly(12L);
    assertThat(cache.eventsAfter(12)).isEmpty();
    assertThat(cache.eventsAfter(99)).isEmpty();
  }

  @Test
  void evictingMovesTheWindow() {
    cache.reset(10);
    for (long rev = 11; rev <= 15; rev++) {
      cache.add(Events.created("p" + rev, null, rev));
    }

    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.windowStart()).isEqualTo(12);
    assertThat(revisions(cache.eventsAfter(12))).containsExactly(13L, 14L, 15L);
    assertThatThrownBy(() -> cache.eventsAfter(11)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eventsOfOneRevisionStayTogether() {
    // a lease expiry deletes several keys at one revision
    cache.reset(10);
    cache.add(Events.deleted("a", null, 11));
    cache.add(Events.deleted("b", null, 11));
    cache.add(Events.deleted("c", null, 11));
    cache.add(Events.created("d", null, 12));

    assertThat(cache.windowStart()).isEqualTo(11);
    assertThat(revisions(cache.eventsAfter(11))).containsExactly(12L);
  }

  @Test
  void progressAdvancesTheRevisionOnly() {
    cache.reset(10);
    cache.advanceTo(20);
    cache.advanceTo(15);

    assertThat(cache.revision()).isEqualTo(20);
    assertThat(cache.eventsAfter(10)).isEmpty();
  }

  private static List<Long> revisions(List<CacheEvent> events) {
    return events.stream().map(CacheEvent::revision).toList();
  }
}
