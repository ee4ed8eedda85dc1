package io.kubee.controllers.podautoscaler;

import static io.kubee.controllers.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.kubee.controllers.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScaleNormalizerTest {
  private final TestClock clock = new TestClock(T0);
  private final ScaleNormalizer normalizer = new ScaleNormalizer(clock);

  static final HPAScalingRules UP = new HPAScalingRulesBuilder().withStabilizationWindowSeconds(0)
      .withSelectPolicy("Max").withPolicies(
          new HPAScalingPolicyBuilder().withType("Pods").withValue(4).withPeriodSeconds(15).build(),
          new HPAScalingPolicyBuilder().withType("Percent").withValue(100).withPeriodSeconds(15)
              .build()).build();
  static final HPAScalingRules DOWN = new HPAScalingRulesBuilder()
      .withStabilizationWindowSeconds(300).withSelectPolicy("Max").withPolicies(
          new HPAScalingPolicyBuilder().withType("Percent").withValue(100).withPeriodSeconds(15)
              .build()).build();

  @Test
  void aScaleDownWaitsForTheStabilizationWindow() {
    assertThat(normalizer.normalize("ns/web", UP, DOWN, 5, 5, 1, 10).replicas()).isEqualTo(5);
    clock.advance(Duration.ofSeconds(60));
    ScaleNormalizer.Result held = normalizer.normalize("ns/web", UP, DOWN, 5, 2, 1, 10);
    assertThat(held.replicas()).isEqualTo(5);
    assertThat(held.stabilizedReason()).isEqualTo("ScaleDownStabilized");
    clock.advance(Duration.ofSeconds(301));
    assertThat(normalizer.normalize("ns/web", UP, DOWN, 5, 2, 1, 10).replicas()).isEqualTo(2);
  }

  @Test
  void aScaleUpIsLimitedByTheFasterPolicyPerPeriod() {
    ScaleNormalizer.Result limited = normalizer.normalize("ns/web", UP, DOWN, 2, 20, 1, 50);
    assertThat(limited.replicas()).isEqualTo(6); // max(2 + 4 pods, 2 + 100%)
    assertThat(limited.limited()).isTrue();
    assertThat(limited.limitReason()).isEqualTo("ScaleUpLimit");
    normalizer.recordScale("ns/web", 2, 6);
    clock.advance(Duration.ofSeconds(5));
    assertThat(normalizer.normalize("ns/web", UP, DOWN, 6, 20, 1, 50).replicas())
        .as("the 15 s period still counts the first step").isEqualTo(6);
  }

  @Test
  void minAndMaxReplicasBoundEveryRecommendation() {
    ScaleNormalizer.Result capped = normalizer.normalize("ns/web", UP, DOWN, 4, 7, 1, 5);
    assertThat(capped.replicas()).isEqualTo(5);
    assertThat(capped.limitReason()).isEqualTo("TooManyReplicas");
  }
}
