package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pods: NAME READY STATUS RESTARTS AGE [IP NODE NOMINATED NODE READINESS GATES], as
 * {@code printPod} in Kubernetes' {@code pkg/printers/internalversion/printers.go} (1.32).
 *
 * <p>STATUS is the pod's phase (or {@code status.reason}) refined by its containers: the first
 * unfinished init container gives {@code Init:N/M}, {@code Init:<waiting reason>} or
 * {@code Init:<terminated reason>|ExitCode:N|Signal:N}; otherwise the last container with a
 * waiting or terminated reason wins ({@code CrashLoopBackOff}, {@code Completed},
 * {@code ExitCode:1}...), "Completed" turning back into "Running"/"NotReady" while another
 * container still runs; a deletion timestamp makes it {@code Terminating} (or {@code Unknown} for
 * a pod on a lost node). RESTARTS adds "(5m ago)" for the most recent termination.
 */
final class PodPrinter implements TablePrinter {
  private static final String NODE_UNREACHABLE_POD_REASON = "NodeLost";
  private static final String SCHEDULING_GATED = "SchedulingGated";

  static final TableRow.Condition SUCCEEDED = new TableRow.Condition("Completed", "True",
      "Succeeded", "The pod has completed successfully.");
  static final TableRow.Condition FAILED = new TableRow.Condition("Completed", "True", "Failed",
      "The pod failed.");

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Ready", "The aggregate readiness state of this pod for accepting"
          + " traffic."),
      TableColumn.string("Status", "The aggregate status of the containers in this pod."),
      TableColumn.string("Restarts", "The number of times the containers in this pod have been"
          + " restarted and when the last container in this pod has restarted."),
      TableColumn.ageColumn(),
      TableColumn.string("IP", "podIP address allocated to the pod. Routable at least within the"
          + " cluster. Empty if not yet allocated.").wide(),
      TableColumn.string("Node", "NodeName indicates in which node this pod is scheduled. If"
          + " empty, this pod is a candidate for scheduling by the scheduler defined in"
          + " schedulerName. Once this field is set, the kubelet for this node becomes"
          + " responsible for the lifecycle of this pod. This field should not be used to"
          + " express a desire for the pod to be scheduled on a specific node."
          + " https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename")
          .wide(),
      TableColumn.string("Nominated Node", "nominatedNodeName is set only when this pod preempts"
          + " other pods on the node, but it cannot be scheduled right away as preemption"
          + " victims receive their graceful termination periods. This field does not guarantee"
          + " that the pod will be scheduled on this node. Scheduler may decide to place the pod"
          + " elsewhere if other nodes become available sooner. Scheduler may also decide to"
          + " give the resources on this node to a higher priority pod that is created after"
          + " preemption. As a result, this field may be different than PodSpec.nodeName when"
          + " the pod is scheduled.").wide(),
      TableColumn.string("Readiness Gates", "If specified, all readiness gates will be evaluated"
          + " for pod readiness. A pod is ready when all its containers are ready AND all"
          + " conditions specified in the readiness gates have status equal to \"True\" More"
          + " info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates")
          .wide());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode pod, Instant now) {
    JsonNode spec = Fields.object(pod, "spec");
    JsonNode status = Fields.object(pod, "status");
    List<JsonNode> conditions = Fields.list(status, "conditions");

    long restarts = 0;
    long restartableInitContainerRestarts = 0;
    long totalContainers = Fields.list(spec, "containers").size();
    long readyContainers = 0;
    Instant lastRestartDate = null;
    Instant lastRestartableInitContainerRestartDate = null;

    String podPhase = Fields.text(status, "phase");
    String reason = podPhase;
    if (!Fields.text(status, "reason").isEmpty()) {
      reason = Fields.text(status, "reason");
    }
    for (JsonNode condition : conditions) {
      if (Fields.text(condition, "type").equals("PodScheduled")
          && Fields.text(condition, "reason").equals(SCHEDULING_GATED)) {
        reason = SCHEDULING_GATED;
      }
    }

    List<TableRow.Condition> rowConditions = switch (podPhase) {
      case "Succeeded" -> List.of(SUCCEEDED);
      case "Failed" -> List.of(FAILED);
      default -> List.of();
    };

    List<JsonNode> initContainerSpecs = Fields.list(spec, "initContainers");
    Map<String, JsonNode> initContainers = new HashMap<>();
    for (JsonNode container : initContainerSpecs) {
      initContainers.put(Fields.text(container, "name"), container);
      if (isRestartableInitContainer(container)) {
        totalContainers++;
      }
    }

    boolean initializing = false;
    List<JsonNode> initStatuses = Fields.list(status, "initContainerStatuses");
    for (int i = 0; i < initStatuses.size(); i++) {
      JsonNode container = initStatuses.get(i);
      boolean restartable =
          isRestartableInitContainer(initContainers.get(Fields.text(container, "name")));
      restarts += Fields.integer(container, "restartCount");
      Instant finished = lastTerminationFinishedAt(container);
      lastRestartDate = later(lastRestartDate, finished);
      if (restartable) {
        restartableInitContainerRestarts += Fields.integer(container, "restartCount");
        lastRestartableInitContainerRestartDate =
            later(lastRestartableInitContainerRestartDate, finished);
      }
      JsonNode terminated = Fields.object(container, "state", "terminated");
      JsonNode waiting = Fields.object(container, "state", "waiting");
      if (terminated != null && Fields.integer(terminated, "exitCode") == 0) {
        continue;
      } else if (restartable && Fields.bool(container, "started")) {
        if (Fields.bool(container, "ready")) {
          readyContainers++;
        }
        continue;
      } else if (terminated != null) {
        // initialization failed
        String terminatedReason = Fields.text(terminated, "reason");
        if (terminatedReason.isEmpty()) {
          reason = Fields.integer(terminated, "signal") != 0
              ? "Init:Signal:" + Fields.integer(terminated, "signal")
              : "Init:ExitCode:" + Fields.integer(terminated, "exitCode");
        } else {
          reason = "Init:" + terminatedReason;
        }
        initializing = true;
      } else if (waiting != null && !Fields.text(waiting, "reason").isEmpty()
          && !Fields.text(waiting, "reason").equals("PodInitializing")) {
        reason = "Init:" + Fields.text(waiting, "reason");
        initializing = true;
      } else {
        reason = "Init:" + i + "/" + initContainerSpecs.size();
        initializing = true;
      }
      break;
    }

    if (!initializing || isPodInitializedConditionTrue(conditions)) {
      restarts = restartableInitContainerRestarts;
      lastRestartDate = lastRestartableInitContainerRestartDate;
      boolean hasRunning = false;
      List<JsonNode> statuses = Fields.list(status, "containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode container = statuses.get(i);
        restarts += Fields.integer(container, "restartCount");
        lastRestartDate = later(lastRestartDate, lastTerminationFinishedAt(container));
        JsonNode waiting = Fields.object(container, "state", "waiting");
        JsonNode terminated = Fields.object(container, "state", "terminated");
        JsonNode running = Fields.object(container, "state", "running");
        if (waiting != null && !Fields.text(waiting, "reason").isEmpty()) {
          reason = Fields.text(waiting, "reason");
        } else if (terminated != null && !Fields.text(terminated, "reason").isEmpty()) {
          reason = Fields.text(terminated, "reason");
        } else if (terminated != null) {
          reason = Fields.integer(terminated, "signal") != 0
              ? "Signal:" + Fields.integer(terminated, "signal")
              : "ExitCode:" + Fields.integer(terminated, "exitCode");
        } else if (Fields.bool(container, "ready") && running != null) {
          hasRunning = true;
          readyContainers++;
        }
      }
      // a pod whose last container completed while another still runs is not "Completed"
      if (reason.equals("Completed") && hasRunning) {
        reason = hasPodReadyCondition(conditions) ? "Running" : "NotReady";
      }
    }

    boolean deleting = !Meta.deletionTimestamp(pod).isEmpty();
    if (deleting && Fields.text(status, "reason").equals(NODE_UNREACHABLE_POD_REASON)) {
      reason = "Unknown";
    } else if (deleting && !podPhase.equals("Succeeded") && !podPhase.equals("Failed")) {
      reason = "Terminating";
    }

    String restartsText = Long.toString(restarts);
    if (restarts != 0 && lastRestartDate != null) {
      restartsText = restarts + " ("
          + HumanDuration.format(Duration.between(lastRestartDate, now)) + " ago)";
    }

    return new TableRow(List.of(
        Meta.name(pod),
        readyContainers + "/" + totalContainers,
        reason,
        restartsText,
        HumanDuration.since(Meta.creationTimestamp(pod), now),
        orNone(podIP(status)),
        orNone(Fields.text(spec, "nodeName")),
        orNone(Fields.text(status, "nominatedNodeName")),
        readinessGates(spec, conditions)), rowConditions);
  }

  /** A sidecar: an init container with {@code restartPolicy: Always}. */
  private static boolean isRestartableInitContainer(JsonNode container) {
    return container != null && Fields.text(container, "restartPolicy").equals("Always");
  }

  private static Instant lastTerminationFinishedAt(JsonNode containerStatus) {
    JsonNode terminated = Fields.object(containerStatus, "lastState", "terminated");
    return terminated == null ? null : HumanDuration.parse(Fields.text(terminated, "finishedAt"));
  }

  private static Instant later(Instant current, Instant candidate) {
    return candidate != null && (current == null || current.isBefore(candidate))
        ? candidate : current;
  }

  private static boolean isPodInitializedConditionTrue(List<JsonNode> conditions) {
    for (JsonNode condition : conditions) {
      if (Fields.text(condition, "type").equals("Initialized")) {
        return Fields.text(condition, "status").equals("True");
      }
    }
    return false;
  }

  private static boolean hasPodReadyCondition(List<JsonNode> conditions) {
    for (JsonNode condition : conditions) {
      if (Fields.text(condition, "type").equals("Ready")
          && Fields.text(condition, "status").equals("True")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first of {@code status.podIPs}, else {@code status.podIP} (Kubernetes' conversion fills
   * podIPs from podIP before printing).
   */
  private static String podIP(JsonNode status) {
    List<JsonNode> podIPs = Fields.list(status, "podIPs");
    if (!podIPs.isEmpty()) {
      return Fields.text(podIPs.get(0), "ip");
    }
    return Fields.text(status, "podIP");
  }

  /** "&lt;none&gt;" without readiness gates, else how many of them hold: "1/2". */
  private static String readinessGates(JsonNode spec, List<JsonNode> conditions) {
    List<JsonNode> gates = Fields.list(spec, "readinessGates");
    if (gates.isEmpty()) {
      return "<none>";
    }
    int trueConditions = 0;
    for (JsonNode gate : gates) {
      String conditionType = Fields.text(gate, "conditionType");
      for (JsonNode condition : conditions) {
        if (Fields.text(condition, "type").equals(conditionType)) {
          if (Fields.text(condition, "status").equals("True")) {
            trueConditions++;
          }
          break;
        }
      }
    }
    return trueConditions + "/" + gates.size();
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "<none>" : value;
  }
}
