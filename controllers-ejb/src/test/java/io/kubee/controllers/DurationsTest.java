package io.kubee.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {

  record Case(String name, String text, Duration want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("seconds", "40s", Duration.ofSeconds(40)),
        new Case("minutes and seconds", "1m30s", Duration.ofSeconds(90)),
        new Case("hours", "12h", Duration.ofHours(12)),
        new Case("milliseconds", "500ms", Duration.ofMillis(500)),
        new Case("fractions", "1.5s", Duration.ofMillis(1500)),
        new Case("zero", "0", Duration.ZERO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesGoDurations(Case c) {
    assertThat(Durations.parse(c.text())).isEqualTo(c.want());
  }

  @Test
  void refusesWhatGoRefuses() {
    assertThatThrownBy(() -> Durations.parse("40")).hasMessageContaining("invalid duration");
    assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageContaining("invalid");
  }

  @Test
  void optionsTakeKubernetesDefaultsUnlessConfigured() {
    ControllerManagerOptions defaults = ControllerManagerOptions.defaults();
    assertThat(defaults.enabled("garbagecollector")).isTrue();
    assertThat(defaults.workers("garbagecollector", 20)).isEqualTo(20);
    ControllerManagerOptions configured = ControllerManagerOptions.of(Map.of(
        "garbagecollector.enabled", "false", "replicaset.workers", "2",
        "nodelifecycle.node-monitor-grace-period", "4s"));
    assertThat(configured.enabled("garbagecollector")).isFalse();
    assertThat(configured.workers("replicaset", 5)).isEqualTo(2);
    assertThat(ControllerDescriptor.schedules(configured))
        .containsEntry("nodelifecycle/monitor", Duration.ofSeconds(5))
        .containsEntry("resync", Duration.ofHours(12));
    assertThat(io.kubee.controllers.nodelifecycle.NodeLifecycleController.Settings
        .from(configured).gracePeriod()).isEqualTo(Duration.ofSeconds(4));
  }
}
