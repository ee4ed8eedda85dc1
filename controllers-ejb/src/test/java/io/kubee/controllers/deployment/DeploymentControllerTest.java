package io.kubee.controllers.deployment;

import static io.kubee.controllers.deployment.RolloutHarness.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentControllerTest {
  private final RolloutHarness harness = new RolloutHarness();

  /** A rolling update and the bounds it must keep at every step. */
  record RollingCase(String name, int replicas, IntOrString maxSurge,
      IntOrString maxUnavailable, int surge, int unavailable) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<RollingCase> rollingUpdates() {
    return Stream.of(
        new RollingCase("25% surge and 25% unavailable of ten", 10, new IntOrString("25%"),
            new IntOrString("25%"), 3, 2),
        new RollingCase("one surge, none unavailable", 3, new IntOrString(1),
            new IntOrString(0), 1, 0),
        new RollingCase("no surge, one unavailable", 3, new IntOrString(0),
            new IntOrString(1), 0, 1),
        new RollingCase("percentages that round to zero leave one unavailable", 3,
            new IntOrString("10%"), new IntOrString("10%"), 1, 0),
        new RollingCase("two surge and two unavailable of five", 5, new IntOrString(2),
            new IntOrString(2), 2, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rollingUpdates")
  void aRollingUpdateStaysWithinMaxSurgeAndMaxUnavailable(RollingCase c) {
    harness.api.seed(RolloutHarness.deployment(c.replicas(), "RollingUpdate", c.maxSurge(),
        c.maxUnavailable(), "nginx:1"));
    harness.rollOut(sets -> { });
    harness.setImage("nginx:2");
    harness.rollOut(sets -> {
      assertThat(sets.stream().mapToInt(rs -> rs.getSpec().getReplicas()).sum())
          .as("pods asked for").isLessThanOrEqualTo(c.replicas() + c.surge());
      assertThat(sets.stream().mapToInt(rs -> rs.getStatus() == null
          || rs.getStatus().getAvailableReplicas() == null ? 0
          : rs.getStatus().getAvailableReplicas()).sum())
          .as("pods available").isGreaterThanOrEqualTo(c.replicas() - c.unavailable());
    });
    List<ReplicaSet> sets = harness.api.all(ReplicaSet.class);
    assertThat(sets).hasSize(2);
    ReplicaSet newest = sets.stream().filter(rs -> rs.getSpec().getTemplate().getSpec()
        .getContainers().get(0).getImage().equals("nginx:2")).findFirst().orElseThrow();
    assertThat(newest.getSpec().getReplicas()).isEqualTo(c.replicas());
    assertThat(newest.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");
    Deployment d = harness.deployment();
    assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(c.replicas());
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");
    assertThat(condition(d, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    assertThat(condition(d, "Available").getStatus()).isEqualTo("True");
  }

  @Test
  void aNewDeploymentGetsAReplicaSetNamedByItsTemplateHash() {
    harness.api.seed(RolloutHarness.deployment(3, "RollingUpdate", new IntOrString("25%"),
        new IntOrString("25%"), "nginx:1"));
    harness.sync();
    ReplicaSet rs = harness.api.all(ReplicaSet.class).get(0);
    String hash = rs.getMetadata().getLabels().get("pod-template-hash");
    assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
    assertThat(rs.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("app", "web", "pod-template-hash", hash));
    assertThat(rs.getSpec().getReplicas()).isEqualTo(3);
    assertThat(rs.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/desired-replicas", "3")
        .containsEntry("deployment.kubernetes.io/max-replicas", "4");
    assertThat(harness.events.lines()).contains(
        "Normal ScalingReplicaSet web: Scaled up replica set web-" + hash + " from 0 to 3");
    assertThat(condition(harness.deployment(), "Progressing").getReason())
        .isEqualTo("NewReplicaSetCreated");
  }

  @Test
  void recreateScalesEveryOldPodAwayBeforeTheNewReplicaSet() {
    harness.api.seed(RolloutHarness.deployment(3, "Recreate", null, null, "nginx:1"));
    harness.rollOut(sets -> { });
    harness.setImage("nginx:2");
    harness.sync();
    assertThat(harness.api.all(ReplicaSet.class)).singleElement()
        .satisfies(rs -> assertThat(rs.getSpec().getReplicas()).isZero());
    harness.settleReplicaSets();
    harness.rollOut(sets -> assertThat(sets.stream().filter(rs -> rs.getSpec().getReplicas() > 0)
        .count()).isLessThanOrEqualTo(1));
  }

  @Test
  void rollingBackToAnOldTemplateRevivesItsReplicaSetWithTheNextRevision() {
    harness.api.seed(RolloutHarness.deployment(2, "RollingUpdate", new IntOrString(1),
        new IntOrString(0), "nginx:1"));
    harness.rollOut(sets -> { });
    harness.setImage("nginx:2");
    harness.rollOut(sets -> { });
    harness.setImage("nginx:1"); // what kubectl rollout undo writes
    harness.rollOut(sets -> { });
    List<ReplicaSet> sets = harness.api.all(ReplicaSet.class);
    assertThat(sets).hasSize(2);
    ReplicaSet revived = sets.stream().filter(rs -> rs.getSpec().getReplicas() == 2)
        .findFirst().orElseThrow();
    assertThat(revived.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:1");
    assertThat(revived.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3")
        .containsEntry("deployment.kubernetes.io/revision-history", "1");
  }

  @Test
  void templatesDifferingOnlyByTheHashLabelAndEmptyFieldsAreEqual() {
    var template = io.kubee.controllers.testing.Fixtures.template(WEB);
    var written = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(template)
        .editMetadata().addToLabels("pod-template-hash", "abc").endMetadata().editSpec()
        .editFirstContainer().withNewResources().endResources().endContainer().endSpec().build();
    assertThat(ReplicaSets.equalIgnoreHash(template, written)).isTrue();
    assertThat(DeploymentAnnotations.podTemplateHash(template, null))
        .isEqualTo(DeploymentAnnotations.podTemplateHash(
            new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(written).editMetadata()
                .removeFromLabels("pod-template-hash").endMetadata().build(), null))
        .isNotEqualTo(DeploymentAnnotations.podTemplateHash(template, 1));
  }

  /** Kubernetes' sync_test.go TestScale cases, mid-rollout with two active replica sets. */
  record ScaleCase(String name, int from, int to, int newBefore, int oldBefore, int newAfter,
      int oldAfter) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ScaleCase> proportionalScaling() {
    return Stream.of(
        new ScaleCase("proportional scaling: 5 -> 10", 5, 10, 2, 3, 4, 6),
        new ScaleCase("proportional scaling: 5 -> 3", 5, 3, 2, 3, 1, 2),
        new ScaleCase("proportional scaling: 9 -> 4", 9, 4, 8, 1, 4, 0),
        new ScaleCase("leftovers go to the largest: 7 -> 10", 7, 10, 2, 3, 3, 7));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("proportionalScaling")
  void scalingInTheMiddleOfARolloutIsProportional(ScaleCase c) {
    Deployment d = RolloutHarness.deployment(c.to(), "RollingUpdate", new IntOrString(0),
        new IntOrString(0), "nginx:2");
    d.getSpec().getStrategy().getRollingUpdate().setMaxUnavailable(new IntOrString(1));
    harness.api.seed(d);
    ReplicaSet newRs = replicaSet("web-v2", "nginx:2", c.newBefore(), c.from(), 1);
    ReplicaSet oldRs = replicaSet("web-v1", "nginx:1", c.oldBefore(), c.from(), 0);
    harness.api.seed(newRs, oldRs);
    harness.sync();
    assertThat(harness.api.get(ReplicaSet.class, "default", "web-v2").getSpec().getReplicas())
        .isEqualTo(c.newAfter());
    assertThat(harness.api.get(ReplicaSet.class, "default", "web-v1").getSpec().getReplicas())
        .isEqualTo(c.oldAfter());
  }

  @Test
  void oldReplicaSetsBeyondTheHistoryLimitAreDeletedOnceEmpty() {
    Deployment d = RolloutHarness.deployment(1, "RollingUpdate", new IntOrString(1),
        new IntOrString(0), "nginx:9");
    d.getSpec().setRevisionHistoryLimit(1);
    harness.api.seed(d);
    for (int i = 1; i <= 3; i++) {
      harness.api.seed(replicaSet("web-v" + i, "nginx:" + i, 0, 1, i));
    }
    harness.rollOut(sets -> { });
    harness.sync(); // cleanup follows the sync that saw the rollout complete
    assertThat(harness.api.all(ReplicaSet.class).stream().map(rs -> rs.getMetadata().getName())
        .sorted().toList()).hasSize(2).contains("web-v3");
  }

  @Test
  void aPausedDeploymentDoesNotRollOutAndSaysSo() {
    harness.api.seed(RolloutHarness.deployment(2, "RollingUpdate", new IntOrString(1),
        new IntOrString(0), "nginx:1"));
    harness.rollOut(sets -> { });
    Deployment d = harness.deployment();
    d.getSpec().setPaused(true);
    harness.api.update(d);
    harness.setImage("nginx:2");
    harness.sync();
    assertThat(harness.api.all(ReplicaSet.class)).hasSize(1);
    assertThat(condition(harness.deployment(), "Progressing").getReason())
        .isEqualTo("DeploymentPaused");
    Deployment resumed = harness.deployment();
    resumed.getSpec().setPaused(false);
    harness.api.update(resumed);
    harness.rollOut(sets -> { });
    assertThat(harness.api.all(ReplicaSet.class)).hasSize(2);
  }

  @Test
  void aRolloutThatStopsMovingExceedsItsProgressDeadline() {
    Deployment d = RolloutHarness.deployment(2, "RollingUpdate", new IntOrString(1),
        new IntOrString(0), "nginx:1");
    d.getSpec().setProgressDeadlineSeconds(30);
    harness.api.seed(d);
    harness.sync();
    harness.clock.advance(Duration.ofSeconds(31)); // the pods never become available
    harness.sync();
    DeploymentCondition progressing = condition(harness.deployment(), "Progressing");
    assertThat(progressing.getStatus()).isEqualTo("False");
    assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
  }

  private static ReplicaSet replicaSet(String name, String image, int replicas,
      int maxReplicasBefore, int revision) {
    ReplicaSet rs = new ReplicaSetBuilder(io.kubee.controllers.testing.Fixtures
        .replicaSet(name, replicas, WEB)).editMetadata()
        .withOwnerReferences(io.kubee.controllers.testing.Fixtures.controllerRef("apps/v1",
            "Deployment", "web", "uid-deployment"))
        .withAnnotations(Map.of("deployment.kubernetes.io/desired-replicas",
            Integer.toString(maxReplicasBefore), "deployment.kubernetes.io/max-replicas",
            Integer.toString(maxReplicasBefore), "deployment.kubernetes.io/revision",
            Integer.toString(revision)))
        .withCreationTimestamp(io.kubee.controllers.testing.Fixtures.T0.plusSeconds(revision)
            .toString())
        .endMetadata().withNewStatus().withReplicas(replicas).withAvailableReplicas(replicas)
        .withReadyReplicas(replicas).withObservedGeneration(1L).endStatus().build();
    rs.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    return rs;
  }

  private static DeploymentCondition condition(Deployment d, String type) {
    return d.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
        .max(Comparator.comparing(DeploymentCondition::getLastUpdateTime)).orElseThrow();
  }
}
