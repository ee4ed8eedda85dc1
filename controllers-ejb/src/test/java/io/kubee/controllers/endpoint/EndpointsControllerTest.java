package io.kubee.controllers.endpoint;

import static io.kubee.controllers.testing.Fixtures.T0;
import static io.kubee.controllers.testing.Fixtures.deleting;
import static io.kubee.controllers.testing.Fixtures.pod;
import static io.kubee.controllers.testing.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.RecordedEvents;
import io.kubee.controllers.testing.TestClock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointsControllerTest {
  static final Map<String, String> WEB = Map.of("app", "web");
  private final TestClock clock = new TestClock(T0);
  private final FakeApi api = new FakeApi(clock);

  static Service service(IntOrString targetPort, boolean publishNotReady) {
    return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default")
        .withUid("uid-svc").withLabels(Map.of("tier", "front")).endMetadata()
        .withNewSpec().withSelector(WEB).withClusterIP("10.96.0.10")
        .withPublishNotReadyAddresses(publishNotReady)
        .addNewPort().withName("http").withPort(80).withProtocol("TCP")
        .withTargetPort(targetPort).endPort().endSpec().build();
  }

  /** The pods a service selects and the Endpoints subsets wanted, as "ip:port" lists. */
  record Case(String name, Service service, List<Pod> pods, List<String> ready,
      List<String> notReady) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Pod a = running(pod("a", WEB), "n1", "10.0.0.1", true, T0);
    Pod b = running(pod("b", WEB), "n2", "10.0.0.2", false, T0);
    return Stream.of(
        new Case("ready pods are addresses, others not-ready addresses",
            service(new IntOrString(8080), false), List.of(a, b),
            List.of("10.0.0.1:8080"), List.of("10.0.0.2:8080")),
        new Case("a named target port resolves to the container port",
            service(new IntOrString("http"), false), List.of(a), List.of("10.0.0.1:8080"),
            List.of()),
        new Case("pods without an IP or being deleted are left out",
            service(new IntOrString(8080), false),
            List.of(pod("pending", WEB), deleting(a, T0)), List.of(), List.of()),
        new Case("publishNotReadyAddresses makes every pod an address",
            service(new IntOrString(8080), true), List.of(a, b),
            List.of("10.0.0.1:8080", "10.0.0.2:8080"), List.of()),
        new Case("pods the selector does not match are left out",
            service(new IntOrString(8080), false),
            List.of(running(pod("other", Map.of("app", "db")), "n1", "10.0.0.9", true, T0)),
            List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void endpointsFollowTheSelectedPods(Case c) {
    controller(c.service(), c.pods(), List.of()).sync("default/web");
    Endpoints endpoints = api.get(Endpoints.class, "default", "web");
    assertThat(addresses(endpoints, true)).containsExactlyInAnyOrderElementsOf(c.ready());
    assertThat(addresses(endpoints, false)).containsExactlyInAnyOrderElementsOf(c.notReady());
    assertThat(endpoints.getMetadata().getLabels()).isEqualTo(Map.of("tier", "front"));
  }

  @Test
  void addressesNameTheirPodAndNode() {
    Pod a = running(pod("a", WEB), "n1", "10.0.0.1", true, T0);
    controller(service(new IntOrString(8080), false), List.of(a), List.of()).sync("default/web");
    var address = api.get(Endpoints.class, "default", "web").getSubsets().get(0)
        .getAddresses().get(0);
    assertThat(address.getNodeName()).isEqualTo("n1");
    assertThat(address.getTargetRef().getKind()).isEqualTo("Pod");
    assertThat(address.getTargetRef().getName()).isEqualTo("a");
    assertThat(address.getTargetRef().getUid()).isEqualTo(a.getMetadata().getUid());
  }

  @Test
  void unchangedEndpointsAreNotWrittenAgain() {
    Pod a = running(pod("a", WEB), "n1", "10.0.0.1", true, T0);
    Service service = service(new IntOrString(8080), false);
    controller(service, List.of(a), List.of()).sync("default/web");
    Endpoints written = api.get(Endpoints.class, "default", "web");
    api.clearActions();
    controller(service, List.of(a), List.of(written)).sync("default/web");
    assertThat(api.actions()).isEmpty();
  }

  @Test
  void aServiceWithoutSelectorIsLeftToItsOwner() {
    Service manual = new ServiceBuilder(service(new IntOrString(80), false)).editSpec()
        .withSelector(null).endSpec().build();
    controller(manual, List.of(), List.of()).sync("default/web");
    assertThat(api.actions()).isEmpty();
  }

  @Test
  void theEndpointsOfADeletedServiceGo() {
    api.seed(new io.fabric8.kubernetes.api.model.EndpointsBuilder().withNewMetadata()
        .withName("web").withNamespace("default").endMetadata().build());
    new EndpointsController(Caches.lister(List.<Service>of()), Caches.pods(List.of()),
        Caches.lister(List.<Endpoints>of()), api, new RecordedEvents(), Thread::new)
        .sync("default/web");
    assertThat(api.actions()).containsExactly("delete endpoints default/web");
  }

  private EndpointsController controller(Service service, List<Pod> pods,
      List<Endpoints> endpoints) {
    return new EndpointsController(Caches.lister(service), Caches.pods(pods),
        Caches.lister(endpoints), api, new RecordedEvents(), Thread::new);
  }

  private static List<String> addresses(Endpoints endpoints, boolean ready) {
    if (endpoints.getSubsets() == null) {
      return List.of();
    }
    return endpoints.getSubsets().stream().flatMap(subset ->
        (ready ? subset.getAddresses() : subset.getNotReadyAddresses()) == null ? Stream.empty()
            : (ready ? subset.getAddresses() : subset.getNotReadyAddresses()).stream()
                .flatMap(address -> subset.getPorts().stream()
                    .map(port -> address.getIp() + ":" + port.getPort()))).toList();
  }
}
