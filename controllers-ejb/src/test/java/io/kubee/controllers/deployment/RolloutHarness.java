package io.kubee.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.Fixtures;
import io.kubee.controllers.testing.RecordedEvents;
import io.kubee.controllers.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a deployment controller against the fake apiserver with a simulated replica set
 * controller: after each deployment sync, every replica set reports its spec replicas, and the
 * pods it had one step earlier are available now — pods take one step to become ready.
 */
final class RolloutHarness {
  static final Map<String, String> WEB = Map.of("app", "web");

  final TestClock clock = new TestClock(Fixtures.T0);
  final FakeApi api = new FakeApi(clock);
  final RecordedEvents events = new RecordedEvents();

  static Deployment deployment(int replicas, String strategy, IntOrString maxSurge,
      IntOrString maxUnavailable, String image) {
    DeploymentBuilder builder = new DeploymentBuilder().withNewMetadata().withName("web")
        .withNamespace("default").withUid("uid-deployment").withGeneration(1L).endMetadata()
        .withNewSpec().withReplicas(replicas).withRevisionHistoryLimit(10)
        .withProgressDeadlineSeconds(600)
        .withNewSelector().withMatchLabels(WEB).endSelector()
        .withTemplate(Fixtures.template(WEB))
        .withNewStrategy().withType(strategy).endStrategy().endSpec();
    Deployment d = builder.build();
    if (strategy.equals("RollingUpdate")) {
      d.getSpec().getStrategy().setRollingUpdate(
          new io.fabric8.kubernetes.api.model.apps.RollingUpdateDeploymentBuilder()
              .withMaxSurge(maxSurge).withMaxUnavailable(maxUnavailable).build());
    }
    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    return d;
  }

  /** One deployment sync on caches filled from the fake apiserver. */
  void sync() {
    DeploymentController controller = new DeploymentController(
        Caches.lister(api.all(Deployment.class)), Caches.lister(api.all(ReplicaSet.class)),
        Caches.pods(api.all(Pod.class)), api, events, clock, Thread::new);
    controller.sync("default/web");
    clock.advance(Duration.ofSeconds(1));
  }

  /** The replica set controller's part: status follows spec, availability one step late. */
  void settleReplicaSets() {
    for (ReplicaSet rs : api.all(ReplicaSet.class)) {
      int spec = rs.getSpec().getReplicas();
      int before = rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0
          : rs.getStatus().getReplicas();
      int available = Math.min(spec, before);
      ReplicaSet updated = new ReplicaSetBuilder(rs).withNewStatus().withReplicas(spec)
          .withFullyLabeledReplicas(spec).withReadyReplicas(available)
          .withAvailableReplicas(available).withObservedGeneration(rs.getMetadata()
              .getGeneration()).endStatus().build();
      api.updateStatus(updated);
    }
  }

  /** Syncs until the deployment reports completion; {@code check} sees every step. */
  int rollOut(Consumer<List<ReplicaSet>> check) {
    for (int step = 1; step <= 60; step++) {
      sync();
      check.accept(api.all(ReplicaSet.class));
      settleReplicaSets();
      check.accept(api.all(ReplicaSet.class));
      Deployment d = api.get(Deployment.class, "default", "web");
      if (d.getStatus() != null && DeploymentProgress.complete(d, d.getStatus())
          && api.all(ReplicaSet.class).stream().filter(rs -> rs.getSpec().getReplicas() > 0)
              .count() == 1) {
        return step;
      }
    }
    throw new AssertionError("the rollout did not complete in 60 steps: "
        + api.all(ReplicaSet.class));
  }

  /** Changes the template (a new generation), as kubectl set image would. */
  void setImage(String image) {
    Deployment d = api.get(Deployment.class, "default", "web");
    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    d.getMetadata().setGeneration(d.getMetadata().getGeneration() + 1);
    api.update(d);
  }

  Deployment deployment() {
    return api.get(Deployment.class, "default", "web");
  }
}
