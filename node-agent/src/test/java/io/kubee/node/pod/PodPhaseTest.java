package io.kubee.node.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** kubelet's getPhase, case by case. */
class PodPhaseTest {
  record Case(String name, String policy, List<ContainerStatus> inits,
      List<ContainerStatus> containers, boolean terminal, String phase) {
    @Override
    public String toString() {
      return name;
    }
  }

  static ContainerStatus running() {
    return new ContainerStatusBuilder().withName("c").withNewState().withNewRunning()
        .endRunning().endState().build();
  }

  static ContainerStatus exited(int code) {
    return new ContainerStatusBuilder().withName("c").withNewState().withNewTerminated()
        .withExitCode(code).endTerminated().endState().build();
  }

  static ContainerStatus waiting() {
    return new ContainerStatusBuilder().withName("c").withNewState().withNewWaiting()
        .withReason("ContainerCreating").endWaiting().endState().build();
  }

  static ContainerStatus backingOff(int code) {
    return new ContainerStatusBuilder().withName("c").withNewState().withNewWaiting()
        .withReason("CrashLoopBackOff").endWaiting().endState().withNewLastState()
        .withNewTerminated().withExitCode(code).endTerminated().endLastState().build();
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a container being created is pending", "Always", List.of(),
            List.of(waiting()), false, "Pending"),
        new Case("a running container is running", "Always", List.of(), List.of(running()),
            false, "Running"),
        new Case("a container in crash loop back-off is still running", "Always", List.of(),
            List.of(backingOff(1)), false, "Running"),
        new Case("all succeeded under never is succeeded", "Never", List.of(),
            List.of(exited(0), exited(0)), false, "Succeeded"),
        new Case("a failure under never is failed", "Never", List.of(),
            List.of(exited(0), exited(1)), false, "Failed"),
        new Case("a failure under on-failure runs again", "OnFailure", List.of(),
            List.of(exited(1)), false, "Running"),
        new Case("an init container not done keeps the pod pending", "Always",
            List.of(running()), List.of(waiting()), false, "Pending"),
        new Case("a failed init container under never fails the pod", "Never",
            List.of(exited(1)), List.of(waiting()), false, "Failed"),
        new Case("a deleted always pod whose container was killed is failed", "Always",
            List.of(), List.of(exited(143)), true, "Failed"),
        new Case("a deleted always pod whose container exited 0 is succeeded", "Always",
            List.of(), List.of(exited(0)), true, "Succeeded"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void phase(Case c) {
    Pod pod = new PodBuilder().withNewSpec().withRestartPolicy(c.policy()).endSpec().build();
    assertThat(PodStatusGenerator.phase(pod, c.inits(), c.containers(), c.terminal()))
        .isEqualTo(c.phase());
  }
}
