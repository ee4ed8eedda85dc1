package io.kubee.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchedulerOptionsTest {
  @Test
  void defaultsAreKubernetes() {
    SchedulerOptions o = SchedulerOptions.defaults();
    assertThat(o.profiles()).extracting(SchedulerOptions.Profile::schedulerName)
        .containsExactly("default-scheduler");
    assertThat(o.profiles().get(0).weights()).containsEntry("TaintToleration", 3)
        .containsEntry("NodeAffinity", 2).containsEntry("PodTopologySpread", 2)
        .containsEntry("InterPodAffinity", 2).containsEntry("NodeResourcesFit", 1);
    assertThat(o.percentageOfNodesToScore()).isZero();
    assertThat(o.parallelism()).isEqualTo(16);
    assertThat(o.podInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.podMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.leaderElect()).isTrue();
    assertThat(o.leaseName()).isEqualTo("kube-scheduler");
  }

  @Test
  void profilesWeightsAndPluginsComeFromConfig() {
    Map<String, String> config = Map.of(
        "kubee.scheduler.profiles", "default-scheduler, packer",
        "kubee.scheduler.profile.packer.scoring-strategy", "MostAllocated",
        "kubee.scheduler.profile.packer.disabled-plugins", "ImageLocality,PodTopologySpread",
        "kubee.scheduler.profile.packer.score-weights", "NodeResourcesFit=5",
        "kubee.scheduler.percentage-of-nodes-to-score", "30",
        "kubee.scheduler.parallelism", "4",
        "kubee.scheduler.leader-elect", "false");
    SchedulerOptions o = SchedulerOptions.from(k -> Optional.ofNullable(config.get(k)));
    SchedulerOptions.Profile packer = o.profiles().get(1);
    assertThat(packer.schedulerName()).isEqualTo("packer");
    assertThat(packer.enabledPlugins()).doesNotContain("ImageLocality", "PodTopologySpread")
        .contains("NodeResourcesFit", "DefaultBinder");
    assertThat(packer.weights()).containsEntry("NodeResourcesFit", 5);
    assertThat(packer.pluginArgs()).containsEntry("NodeResourcesFit",
        Map.of("scoringStrategy", "MostAllocated"));
    assertThat(o.percentageOfNodesToScore()).isEqualTo(30);
    assertThat(o.parallelism()).isEqualTo(4);
    assertThat(o.leaderElect()).isFalse();
  }

  @Test
  void mistakesAreReported() {
    assertThatThrownBy(() -> SchedulerOptions.from(k -> Optional.ofNullable(Map.of(
        "kubee.scheduler.profile.default-scheduler.disabled-plugins", "Nope").get(k))))
        .hasMessageContaining("unknown plugin Nope");
    assertThatThrownBy(() -> SchedulerOptions.from(k -> Optional.ofNullable(Map.of(
        "kubee.scheduler.percentage-of-nodes-to-score", "150").get(k))))
        .hasMessageContaining("[0, 100]");
    assertThatThrownBy(() -> SchedulerOptions.from(k -> Optional.ofNullable(Map.of(
        "kubee.scheduler.profile.default-scheduler.score-weights", "NodeName=3").get(k))))
        .hasMessageContaining("ScorePlugin=weight");
  }
}
