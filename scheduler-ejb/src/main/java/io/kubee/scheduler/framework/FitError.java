package io.kubee.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * No node fits the pod (kube-scheduler's {@code framework.FitError}); its message is what
 * FailedScheduling events and the PodScheduled condition say:
 * {@code 0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {a: b}.
 * preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.}
 */
public final class FitError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient PodInfo pod;
  private final int numAllNodes;
  private final transient Map<String, Status> statuses;
  private final String preFilterMessage;
  private final String postFilterMessage;

  /**
   * @param statuses          why each node was rejected
   * @param preFilterMessage  the PreFilter rejection that applied to every node, or ""
   * @param postFilterMessage what preemption said, or ""
   */
  public FitError(PodInfo pod, int numAllNodes, Map<String, Status> statuses,
      String preFilterMessage, String postFilterMessage) {
    super(null, null, false, false);
    this.pod = pod;
    this.numAllNodes = numAllNodes;
    this.statuses = statuses;
    this.preFilterMessage = preFilterMessage;
    this.postFilterMessage = postFilterMessage;
  }

  public FitError withPostFilterMessage(String message) {
    return new FitError(pod, numAllNodes, statuses, preFilterMessage, message);
  }

  public PodInfo pod() {
    return pod;
  }

  public Map<String, Status> statuses() {
    return statuses;
  }

  public int numAllNodes() {
    return numAllNodes;
  }

  /** The plugins that rejected the pod somewhere: the queue retries it on their events. */
  public Set<String> unschedulablePlugins() {
    Set<String> plugins = new TreeSet<>();
    statuses.values().forEach(s -> {
      if (!s.plugin().isEmpty()) {
        plugins.add(s.plugin());
      }
    });
    return plugins;
  }

  @Override
  public String getMessage() {
    StringBuilder message = new StringBuilder("0/").append(numAllNodes)
        .append(" nodes are available:");
    if (!preFilterMessage.isEmpty()) {
      message.append(' ').append(preFilterMessage).append('.');
    } else {
      Map<String, Integer> reasons = new HashMap<>();
      for (Status s : statuses.values()) {
        for (String reason : s.reasons()) {
          reasons.merge(reason, 1, Integer::sum);
        }
      }
      List<String> histogram = new ArrayList<>();
      reasons.forEach((reason, count) -> histogram.add(count + " " + reason));
      histogram.sort(null);
      if (!histogram.isEmpty()) {
        message.append(' ').append(String.join(", ", histogram)).append('.');
      }
    }
    if (!postFilterMessage.isEmpty()) {
      message.append(' ').append(postFilterMessage).append('.');
    }
    return message.toString();
  }
}
