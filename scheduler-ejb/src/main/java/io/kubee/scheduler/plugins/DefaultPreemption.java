package io.kubee.scheduler.plugins;

import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.kubee.scheduler.framework.Code;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.FitError;
import io.kubee.scheduler.framework.Handle;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.PostFilterPlugin;
import io.kubee.scheduler.framework.PostFilterResult;
import io.kubee.scheduler.framework.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Priority-based preemption (plugins/defaultpreemption, framework/preemption/preemption.go): when
 * no node fits, find nodes where evicting lower-priority pods would make room, pick the one that
 * hurts least ({@link PreemptionVictims#best}), evict its victims (DisruptionTarget condition,
 * delete, "Preempted" event) and nominate the node, so that the freed room waits for this pod.
 */
public final class DefaultPreemption implements PostFilterPlugin {
  public static final String NAME = "DefaultPreemption";
  static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
  /** Kubernetes' defaults: at least 10 % of the nodes, at least 100 of them, as candidates. */
  static final int MIN_CANDIDATE_NODES_PERCENTAGE = 10;
  static final int MIN_CANDIDATE_NODES_ABSOLUTE = 100;

  private final Handle handle;

  public DefaultPreemption(Handle handle) {
    this.handle = handle;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PostFilterResult postFilter(CycleState state, PodInfo pod, Map<String, Status> statuses) {
    PostFilterResult result = preempt(state, pod, statuses);
    Status s = result.status();
    if (!s.message().isEmpty()) {
      return new PostFilterResult(result.nominatedNode(),
          Status.of(s.code(), "preemption: " + s.message()));
    }
    return result;
  }

  private PostFilterResult preempt(CycleState state, PodInfo pod, Map<String, Status> statuses) {
    if ("Never".equals(pod.pod().getSpec().getPreemptionPolicy())) {
      return new PostFilterResult(null,
          Status.unschedulable("not eligible due to preemptionPolicy=Never."));
    }
    String nominated = pod.pod().getStatus() == null ? null
        : pod.pod().getStatus().getNominatedNodeName();
    if (nominated != null && !nominated.isEmpty()) {
      Status onNominated = statuses.get(nominated);
      NodeInfo node = handle.snapshot().get(nominated);
      if (node != null && (onNominated == null
          || onNominated.code() != Code.UNSCHEDULABLE_AND_UNRESOLVABLE)) {
        for (PodInfo p : node.pods()) {
          if (p.terminating() && p.priority() < pod.priority()) {
            return new PostFilterResult(null, Status.unschedulable(
                "not eligible due to a terminating pod on the nominated node."));
          }
        }
      }
    }
    List<NodeInfo> all = handle.snapshot().list();
    Map<String, Status> outcome = new LinkedHashMap<>();
    List<NodeInfo> potential = new ArrayList<>();
    for (NodeInfo node : all) {
      Status s = statuses.get(node.name());
      if (s == null || s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
        outcome.put(node.name(), Status.unresolvable(NOT_HELPFUL));
      } else {
        potential.add(node);
      }
    }
    List<PreemptionVictims.Candidate> candidates = dryRun(state, pod, potential, outcome);
    if (candidates.isEmpty()) {
      FitError error = new FitError(pod, all.size(), outcome, "", "");
      return new PostFilterResult("", Status.unschedulable(error.getMessage()));
    }
    PreemptionVictims.Candidate best = PreemptionVictims.best(candidates);
    evict(pod, best);
    return new PostFilterResult(best.node(), Status.SUCCESS);
  }

  /** Victims on up to max(10 %, 100) of the potential nodes, from a random offset. */
  private List<PreemptionVictims.Candidate> dryRun(CycleState state, PodInfo pod,
      List<NodeInfo> potential, Map<String, Status> outcome) {
    int n = potential.size();
    if (n == 0) {
      return List.of();
    }
    int wanted = Math.min(n, Math.max(n * MIN_CANDIDATE_NODES_PERCENTAGE / 100,
        MIN_CANDIDATE_NODES_ABSOLUTE));
    int offset = ThreadLocalRandom.current().nextInt(n);
    var pdbs = handle.listers().podDisruptionBudgets(null);
    List<PreemptionVictims.Candidate> candidates = Collections.synchronizedList(new ArrayList<>());
    Map<String, Status> failed = Collections.synchronizedMap(new LinkedHashMap<>());
    var stop = new io.kubee.scheduler.framework.Parallelizer.Stop();
    handle.parallelizer().until(n, i -> {
      NodeInfo node = potential.get((offset + i) % n);
      PreemptionVictims.Outcome o = PreemptionVictims.select(handle.framework(), state, pod, node,
          pdbs);
      if (o.candidate() != null) {
        candidates.add(o.candidate());
        if (candidates.size() >= wanted) {
          stop.stop();
        }
      } else {
        failed.put(node.name(), o.status());
      }
    }, stop);
    outcome.putAll(failed);
    return List.copyOf(candidates);
  }

  /** Evicts the victims and clears lower-priority nominations to the node. */
  private void evict(PodInfo pod, PreemptionVictims.Candidate candidate) {
    String scheduler = pod.pod().getSpec().getSchedulerName();
    for (PodInfo victim : candidate.victims()) {
      handle.client().updatePodStatus(victim.pod(), new PodConditionBuilder()
          .withType("DisruptionTarget").withStatus("True").withReason("PreemptionByScheduler")
          .withMessage(scheduler + ": preempting to accommodate a higher priority pod")
          .withLastTransitionTime(Instant.now().toString()).build(), null);
      handle.client().deletePod(victim.pod());
      handle.client().event(victim.pod(), "Normal", "Preempted",
          "Preempted by pod " + pod.uid() + " on node " + candidate.node());
    }
    for (PodInfo nominated : handle.nominator().nominatedPodsForNode(candidate.node())) {
      if (nominated.priority() < pod.priority()) {
        handle.nominator().deleteNominatedPodIfExists(nominated.uid());
        handle.client().updatePodStatus(nominated.pod(), null, "");
      }
    }
  }
}
