package io.kubee.controllers.podgc;

import static io.kubee.controllers.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.Fixtures;
import io.kubee.controllers.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodGcControllerTest {
  private final TestClock clock = new TestClock(T0);
  private final FakeApi api = new FakeApi(clock);

  @Test
  void terminatedPodsBeyondTheThresholdGoOldestAndEvictedFirst() {
    Pod oldest = terminated("oldest", "Succeeded", null, 1);
    Pod evicted = terminated("evicted", "Failed", "Evicted", 3);
    Pod newest = terminated("newest", "Failed", null, 4);
    Pod middle = terminated("middle", "Succeeded", null, 2);
    gc(List.of(oldest, evicted, newest, middle), List.of(), 2).gc();
    assertThat(api.actions()).containsExactly("delete pods default/evicted",
        "delete pods default/oldest");
  }

  @Test
  void podsOfANodeGoneForTheQuarantineTimeAreFailedAndDeleted() {
    Pod orphan = Fixtures.running(Fixtures.pod("orphan", Map.of("app", "web")), "vanished",
        "10.0.0.1", true, T0);
    Pod kept = Fixtures.running(Fixtures.pod("kept", Map.of("app", "web")), "present",
        "10.0.0.2", true, T0);
    api.seed(orphan, kept);
    PodGcController controller = gc(List.of(orphan, kept), List.of(Fixtures.node("present")),
        12500);
    controller.gc();
    assertThat(api.actions()).as("quarantined first").isEmpty();
    clock.advance(Duration.ofSeconds(41));
    controller.gc();
    assertThat(api.actions()).containsExactly("updateStatus pods default/orphan",
        "delete pods default/orphan");
  }

  @Test
  void unscheduledPodsBeingDeletedAreDeletedAtOnce() {
    Pod pod = Fixtures.deleting(Fixtures.pod("stuck", Map.of()), T0);
    api.seed(pod);
    gc(List.of(pod), List.of(), 12500).gc();
    assertThat(api.actions()).containsExactly("updateStatus pods default/stuck",
        "delete pods default/stuck");
  }

  private PodGcController gc(List<Pod> pods, List<Node> nodes, int threshold) {
    return new PodGcController(Caches.pods(pods), Caches.lister(nodes), api, clock,
        new PodGcController.Settings(threshold, Duration.ofSeconds(20), Duration.ofSeconds(40)));
  }

  private Pod terminated(String name, String phase, String reason, int minutes) {
    Pod pod = new PodBuilder(Fixtures.created(Fixtures.pod(name, Map.of()),
        T0.plus(Duration.ofMinutes(minutes)))).editStatus().withPhase(phase).withReason(reason)
        .endStatus().build();
    api.seed(pod);
    return pod;
  }
}
