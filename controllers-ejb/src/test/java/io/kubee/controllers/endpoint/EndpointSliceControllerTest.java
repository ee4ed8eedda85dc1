package io.kubee.controllers.endpoint;

import static io.kubee.controllers.testing.Fixtures.T0;
import static io.kubee.controllers.testing.Fixtures.deleting;
import static io.kubee.controllers.testing.Fixtures.pod;
import static io.kubee.controllers.testing.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.TestClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSliceControllerTest {
  private final TestClock clock = new TestClock(T0);
  private final FakeApi api = new FakeApi(clock);

  @Test
  void podsBecomeEndpointsWithReadyServingAndTerminatingConditions() {
    Pod ready = running(pod("a", EndpointsControllerTest.WEB), "n1", "10.0.0.1", true, T0);
    Pod notReady = running(pod("b", EndpointsControllerTest.WEB), "n1", "10.0.0.2", false, T0);
    Pod going = deleting(running(pod("c", EndpointsControllerTest.WEB), "n2", "10.0.0.3", true,
        T0), T0);
    sync(List.of(ready, notReady, going), List.of());
    EndpointSlice slice = api.all(EndpointSlice.class).get(0);
    assertThat(slice.getMetadata().getGenerateName()).isEqualTo("web-");
    assertThat(slice.getMetadata().getLabels())
        .containsEntry("kubernetes.io/service-name", "web")
        .containsEntry("endpointslice.kubernetes.io/managed-by",
            "endpointslice-controller.k8s.io");
    assertThat(slice.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Service");
    assertThat(slice.getAddressType()).isEqualTo("IPv4");
    assertThat(slice.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http");
      assertThat(port.getPort()).isEqualTo(8080);
    });
    assertThat(conditions(slice)).containsExactlyInAnyOrder(
        "a ready=true serving=true terminating=false node=n1",
        "b ready=false serving=false terminating=false node=n1",
        "c ready=false serving=true terminating=true node=n2");
  }

  @Test
  void moreThanAHundredEndpointsSpreadOverSlices() {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      pods.add(running(pod("p" + i, EndpointsControllerTest.WEB), "n1",
          "10.1." + (i / 200) + "." + (i % 200 + 1), true, T0));
    }
    sync(pods, List.of());
    assertThat(api.all(EndpointSlice.class)).hasSize(2)
        .extracting(s -> s.getEndpoints().size()).containsExactlyInAnyOrder(100, 50);
  }

  @Test
  void existingSlicesAreUpdatedInPlaceAndSurplusOnesDeleted() {
    Pod a = running(pod("a", EndpointsControllerTest.WEB), "n1", "10.0.0.1", true, T0);
    sync(List.of(a), List.of());
    List<EndpointSlice> first = api.all(EndpointSlice.class);
    api.clearActions();
    sync(List.of(a), first);
    assertThat(api.actions()).as("nothing changed").isEmpty();
    Pod b = running(pod("b", EndpointsControllerTest.WEB), "n1", "10.0.0.2", true, T0);
    sync(List.of(a, b), first);
    assertThat(api.actions()).containsExactly("update endpointslices default/"
        + first.get(0).getMetadata().getName());
  }

  private void sync(List<Pod> pods, List<EndpointSlice> slices) {
    new EndpointSliceController(
        Caches.lister(EndpointsControllerTest.service(new IntOrString("http"), false)),
        Caches.pods(pods), Caches.lister(List.<Node>of()), Caches.lister(slices), api,
        Thread::new).sync("default/web");
  }

  private static List<String> conditions(EndpointSlice slice) {
    List<String> lines = new ArrayList<>();
    for (Endpoint e : slice.getEndpoints()) {
      lines.add(e.getTargetRef().getName() + " ready=" + e.getConditions().getReady()
          + " serving=" + e.getConditions().getServing() + " terminating="
          + e.getConditions().getTerminating() + " node=" + e.getNodeName());
    }
    return lines;
  }
}
