package io.kubee.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: kubelet's flags, durations and lists. */
class NodeAgentOptionsTest {
  @Test
  void go_durations() {
    assertThat(NodeAgentOptions.duration("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(NodeAgentOptions.duration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(NodeAgentOptions.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(NodeAgentOptions.duration("2h")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> NodeAgentOptions.duration("10x")).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void taints_and_labels() {
    var taints = NodeAgentOptions.parseTaints(List.of("dedicated=gpu:NoSchedule",
        "maintenance:NoExecute"));
    assertThat(taints.get(0).getKey()).isEqualTo("dedicated");
    assertThat(taints.get(0).getValue()).isEqualTo("gpu");
    assertThat(taints.get(0).getEffect()).isEqualTo("NoSchedule");
    assertThat(taints.get(1).getValue()).isNull();
    assertThat(NodeAgentOptions.keyValues(List.of("a=1", "b=")))
        .containsEntry("a", "1").containsEntry("b", "");
  }

  @Test
  void flags_make_the_configuration() throws Exception {
    NodeAgent agent = new NodeAgent();
    new CommandLine(agent).parseArgs("--kubeconfig", "/tmp/k", "--hostname-override", "Node-1",
        "--node-ip", "10.1.2.3", "--max-pods", "20", "--node-labels", "zone=a,tier=b",
        "--kube-reserved", "cpu=100m,memory=100Mi", "--sync-frequency", "5s");
    KubeletConfig config = agent.options.toConfig();
    assertThat(config.nodeName()).isEqualTo("node-1");
    assertThat(config.nodeIps()).containsExactly("10.1.2.3");
    assertThat(config.maxPods()).isEqualTo(20);
    assertThat(config.nodeLabels()).containsEntry("zone", "a").containsEntry("tier", "b");
    assertThat(config.kubeReserved()).containsKeys("cpu", "memory");
    assertThat(config.syncFrequency()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.port()).isEqualTo(10250);
    assertThat(agent.runtime).isEqualTo("remote");
  }
}
