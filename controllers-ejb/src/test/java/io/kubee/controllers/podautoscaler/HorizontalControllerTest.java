package io.kubee.controllers.podautoscaler;

import static io.kubee.controllers.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.kubee.controllers.api.ApiResource;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.RecordedEvents;
import io.kubee.controllers.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HorizontalControllerTest {
  private static final String SCALE = "/apis/apps/v1/namespaces/default/deployments/web/scale";
  private final TestClock clock = new TestClock(T0.plus(Duration.ofHours(1)));
  private final FakeApi api = new FakeApi(clock);
  private final RecordedEvents events = new RecordedEvents();
  private final HorizontalPodAutoscaler hpa = new HorizontalPodAutoscalerBuilder()
      .withNewMetadata().withName("web").withNamespace("default").withGeneration(1L)
      .endMetadata().withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1")
      .withKind("Deployment").withName("web").endScaleTargetRef().withMinReplicas(1)
      .withMaxReplicas(10).addNewMetric().withType("Resource").withNewResource().withName("cpu")
      .withNewTarget().withType("Utilization").withAverageUtilization(50).endTarget()
      .endResource().endMetric().endSpec().build();

  HorizontalControllerTest() {
    api.serve(new ApiResource("apps", "v1", "Deployment", "deployments", true,
        Set.of("get", "list")));
    api.seed(hpa);
    api.raw(SCALE, "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":"
        + "{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":3},"
        + "\"status\":{\"replicas\":3,\"selector\":\"app=web\"}}");
  }

  @Test
  void withoutTheMetricsApiScalingIsInactiveAndReplicasStay() {
    controller(List.of(), (resource, namespace, selector) -> {
      throw new MetricsClient.MetricsUnavailable("unable to get metrics for resource cpu: "
          + "no metrics returned from resource metrics API");
    }).sync("default/web");
    HorizontalPodAutoscaler updated = api.get(HorizontalPodAutoscaler.class, "default", "web");
    assertThat(condition(updated, "AbleToScale").getReason()).isEqualTo("SucceededGetScale");
    HorizontalPodAutoscalerCondition active = condition(updated, "ScalingActive");
    assertThat(active.getStatus()).isEqualTo("False");
    assertThat(active.getReason()).isEqualTo("FailedGetResourceMetric");
    assertThat(active.getMessage()).isEqualTo("the HPA was unable to compute the replica count: "
        + "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics "
        + "returned from resource metrics API");
    assertThat(updated.getStatus().getCurrentReplicas()).isEqualTo(3);
    assertThat(api.actions()).containsExactly("updateStatus horizontalpodautoscalers default/web");
    assertThat(events.lines()).anyMatch(l -> l.startsWith("Warning FailedGetResourceMetric"));
  }

  @Test
  void highCpuScalesTheTargetUp() {
    List<Pod> pods = List.of(ReplicaCalculatorTest.pod("p0", "1", true),
        ReplicaCalculatorTest.pod("p1", "1", true), ReplicaCalculatorTest.pod("p2", "1", true));
    controller(pods, (resource, namespace, selector) -> Map.of(
        "p0", metric(900), "p1", metric(900), "p2", metric(900))).sync("default/web");
    assertThat(api.actions()).containsExactly("put " + SCALE,
        "updateStatus horizontalpodautoscalers default/web");
    assertThat(api.get(SCALE)).contains("\"replicas\":6");
    assertThat(events.lines()).contains("Normal SuccessfulRescale web: New size: 6; reason: cpu"
        + " resource utilization (percentage of request) above target");
    HorizontalPodAutoscaler updated = api.get(HorizontalPodAutoscaler.class, "default", "web");
    assertThat(updated.getStatus().getDesiredReplicas()).isEqualTo(6);
    assertThat(updated.getStatus().getCurrentMetrics().get(0).getResource().getCurrent()
        .getAverageUtilization()).isEqualTo(90);
    assertThat(condition(updated, "ScalingActive").getReason()).isEqualTo("ValidMetricFound");
  }

  @Test
  void aMissingTargetCannotBeScaled() {
    api.raw(SCALE, null);
    controller(List.of(), (r, n, s) -> Map.of()).sync("default/web");
    HorizontalPodAutoscaler updated = api.get(HorizontalPodAutoscaler.class, "default", "web");
    assertThat(condition(updated, "AbleToScale").getReason()).isEqualTo("FailedGetScale");
  }

  private HorizontalController controller(List<Pod> pods, MetricsClient metrics) {
    return new HorizontalController(Caches.lister(hpa), Caches.pods(pods), api, api, metrics,
        events, clock, new HorizontalController.Settings(Duration.ofSeconds(15), 0.1,
            Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(30)), Thread::new);
  }

  private MetricsClient.PodMetric metric(long milli) {
    return new MetricsClient.PodMetric(milli, clock.instant().minusSeconds(5),
        Duration.ofSeconds(30));
  }

  private static HorizontalPodAutoscalerCondition condition(HorizontalPodAutoscaler hpa,
      String type) {
    return hpa.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
        .findFirst().orElseThrow();
  }
}
