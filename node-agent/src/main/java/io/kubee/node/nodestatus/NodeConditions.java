package io.kubee.node.nodestatus;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.kubee.node.util.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The node's conditions from real signals (kubelet's {@code pkg/kubelet/nodestatus/setters.go}):
 * MemoryPressure, DiskPressure and PIDPressure against the hard eviction thresholds,
 * NetworkUnavailable from the runtime's NetworkReady condition, and Ready from the runtime's
 * conditions and the PLEG's health. Reasons and messages are kubelet's.
 */
public final class NodeConditions {
  /** What the conditions are made from. */
  public record Signals(boolean memoryPressure, boolean diskPressure, boolean pidPressure,
      boolean runtimeReady, String runtimeMessage, boolean networkReady, String networkMessage,
      boolean plegHealthy, String plegMessage) {}

  private NodeConditions() {}

  /**
   * @param previous the conditions last reported (their transition times are kept when the
   *                 status did not change)
   */
  public static List<NodeCondition> build(Signals s, List<NodeCondition> previous, Instant now) {
    List<NodeCondition> out = new ArrayList<>();
    out.add(condition("MemoryPressure", s.memoryPressure(),
        s.memoryPressure() ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory",
        s.memoryPressure() ? "kubelet has insufficient memory available"
            : "kubelet has sufficient memory available"));
    out.add(condition("DiskPressure", s.diskPressure(),
        s.diskPressure() ? "KubeletHasDiskPressure" : "KubeletHasNoDiskPressure",
        s.diskPressure() ? "kubelet has disk pressure" : "kubelet has no disk pressure"));
    out.add(condition("PIDPressure", s.pidPressure(),
        s.pidPressure() ? "KubeletHasInsufficientPID" : "KubeletHasSufficientPID",
        s.pidPressure() ? "kubelet has insufficient PID available"
            : "kubelet has sufficient PID available"));
    out.add(condition("NetworkUnavailable", !s.networkReady(),
        s.networkReady() ? "RuntimeNetworkReady" : "RuntimeNetworkNotReady",
        s.networkReady() ? "the container runtime's network is ready"
            : "container runtime network not ready: " + s.networkMessage()));
    List<String> problems = new ArrayList<>();
    if (!s.runtimeReady()) {
      problems.add("container runtime is down: " + s.runtimeMessage());
    }
    if (!s.networkReady()) {
      problems.add("container runtime network not ready: " + s.networkMessage());
    }
    if (!s.plegHealthy()) {
      problems.add("PLEG is not healthy: " + s.plegMessage());
    }
    boolean ready = problems.isEmpty();
    out.add(condition("Ready", ready, ready ? "KubeletReady" : "KubeletNotReady",
        ready ? "kubelet is posting ready status" : String.join(", ", problems)));
    String stamp = Times.format(now);
    for (NodeCondition c : out) {
      c.setLastHeartbeatTime(stamp);
      NodeCondition before = previous == null ? null : previous.stream()
          .filter(p -> p.getType().equals(c.getType())).findFirst().orElse(null);
      c.setLastTransitionTime(before != null && Objects.equals(before.getStatus(), c.getStatus())
          && before.getLastTransitionTime() != null ? before.getLastTransitionTime() : stamp);
    }
    return out;
  }

  /** Whether two condition lists differ in anything but heartbeat times. */
  public static boolean changed(List<NodeCondition> a, List<NodeCondition> b) {
    if (a == null || b == null || a.size() != b.size()) {
      return true;
    }
    for (NodeCondition x : a) {
      NodeCondition y = b.stream().filter(c -> c.getType().equals(x.getType())).findFirst()
          .orElse(null);
      if (y == null || !Objects.equals(x.getStatus(), y.getStatus())
          || !Objects.equals(x.getReason(), y.getReason())
          || !Objects.equals(x.getMessage(), y.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static NodeCondition condition(String type, boolean status, String reason,
      String message) {
    NodeCondition c = new NodeCondition();
    c.setType(type);
    c.setStatus(status ? "True" : "False");
    c.setReason(reason);
    c.setMessage(message);
    return c;
  }
}
