package io.kubee.scheduler.plugins;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kubee.scheduler.framework.CycleState;
import io.kubee.scheduler.framework.Framework;
import io.kubee.scheduler.framework.LabelSelectors;
import io.kubee.scheduler.framework.NodeInfo;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which pods to evict from one node so that a pod fits (kube-scheduler's
 * {@code SelectVictimsOnNode}, plugins/defaultpreemption/default_preemption.go): remove every
 * lower-priority pod; if the pod then fits, give back as many as possible, the most important
 * first and the ones a PodDisruptionBudget protects before the others.
 */
final class PreemptionVictims {
  static final String NO_VICTIMS = "No preemption victims found for incoming pod";

  /** Victims on a node, most important first, and how many of them violate a budget. */
  record Candidate(String node, List<PodInfo> victims, int pdbViolations) {}

  /** A candidate, or (candidate null) the status saying why the node has none. */
  record Outcome(Candidate candidate, Status status) {}

  /** Higher priority first, then the pod that started earlier (Kubernetes' MoreImportantPod). */
  static final Comparator<PodInfo> MORE_IMPORTANT = Comparator
      .comparingInt(PodInfo::priority).reversed()
      .thenComparing(p -> startTime(p));

  private PreemptionVictims() {}

  /** The candidate on {@code original}, or the status saying why there is none. */
  static Outcome select(Framework framework, CycleState original, PodInfo pod,
      NodeInfo originalNode, List<PodDisruptionBudget> pdbs) {
    NodeInfo node = originalNode.snapshotCopy();
    CycleState state = original.copy();
    List<PodInfo> potential = new ArrayList<>();
    for (PodInfo p : List.copyOf(node.pods())) {
      if (p.priority() < pod.priority()) {
        potential.add(p);
        node.removePod(p.uid());
        framework.runPreFilterExtensionRemovePod(state, pod, p, node);
      }
    }
    if (potential.isEmpty()) {
      return new Outcome(null, Status.unresolvable(NO_VICTIMS));
    }
    Status fits = framework.runFilterPluginsWithNominatedPods(state, pod, node);
    if (!fits.isSuccess()) {
      return new Outcome(null, fits);
    }
    potential.sort(MORE_IMPORTANT);
    List<List<PodInfo>> split = splitByBudgets(potential, pdbs);
    List<PodInfo> victims = new ArrayList<>();
    int violations = 0;
    for (PodInfo p : split.get(0)) {
      if (!reprieve(framework, state, pod, p, node)) {
        victims.add(p);
        violations++;
      }
    }
    for (PodInfo p : split.get(1)) {
      if (!reprieve(framework, state, pod, p, node)) {
        victims.add(p);
      }
    }
    victims.sort(MORE_IMPORTANT);
    return new Outcome(new Candidate(node.name(), victims, violations), Status.SUCCESS);
  }

  /** Puts {@code p} back; true when the pod still fits (p is spared). */
  private static boolean reprieve(Framework framework, CycleState state, PodInfo pod, PodInfo p,
      NodeInfo node) {
    node.addPod(p);
    framework.runPreFilterExtensionAddPod(state, pod, p, node);
    if (framework.runFilterPluginsWithNominatedPods(state, pod, node).isSuccess()) {
      return true;
    }
    node.removePod(p.uid());
    framework.runPreFilterExtensionRemovePod(state, pod, p, node);
    return false;
  }

  /**
   * [violating, non-violating]: a pod violates when a budget selecting it has no disruptions
   * left after the pods before it (Kubernetes' filterPodsWithPDBViolation).
   */
  static List<List<PodInfo>> splitByBudgets(List<PodInfo> pods, List<PodDisruptionBudget> pdbs) {
    int[] allowed = new int[pdbs.size()];
    for (int i = 0; i < pdbs.size(); i++) {
      var status = pdbs.get(i).getStatus();
      allowed[i] = status == null || status.getDisruptionsAllowed() == null ? 0
          : status.getDisruptionsAllowed();
    }
    List<PodInfo> violating = new ArrayList<>();
    List<PodInfo> fine = new ArrayList<>();
    for (PodInfo p : pods) {
      boolean violated = false;
      if (!p.labels().isEmpty()) {
        for (int i = 0; i < pdbs.size(); i++) {
          PodDisruptionBudget pdb = pdbs.get(i);
          if (!pdb.getMetadata().getNamespace().equals(p.namespace()) || pdb.getSpec() == null
              || pdb.getSpec().getSelector() == null
              || LabelSelectors.isEmpty(pdb.getSpec().getSelector())
              || !LabelSelectors.compile(pdb.getSpec().getSelector()).test(p.labels())) {
            continue;
          }
          Map<String, String> disrupted = pdb.getStatus() == null ? null
              : pdb.getStatus().getDisruptedPods();
          if (disrupted != null && disrupted.containsKey(p.name())) {
            continue;
          }
          if (--allowed[i] < 0) {
            violated = true;
          }
        }
      }
      (violated ? violating : fine).add(p);
    }
    return List.of(violating, fine);
  }

  /**
   * The best candidate (Kubernetes' pickOneNodeForPreemption): fewest budget violations, then
   * the lowest highest-priority victim, the lowest sum of priorities, the fewest victims, the
   * latest start among the most important victims.
   */
  static Candidate best(List<Candidate> candidates) {
    Comparator<Candidate> order = Comparator
        .comparingInt(Candidate::pdbViolations)
        .thenComparingInt(c -> c.victims().isEmpty() ? Integer.MIN_VALUE
            : c.victims().get(0).priority())
        .thenComparingLong(c -> c.victims().stream()
            .mapToLong(v -> (long) v.priority() + Integer.MAX_VALUE + 1).sum())
        .thenComparingInt(c -> c.victims().size())
        .thenComparing(c -> c.victims().isEmpty() ? "" : startTime(c.victims().get(0)),
            Comparator.reverseOrder());
    return candidates.stream().min(order).orElse(null);
  }

  /** status.startTime, else creationTimestamp (RFC 3339, so strings sort by time). */
  private static String startTime(PodInfo p) {
    var status = p.pod().getStatus();
    if (status != null && status.getStartTime() != null) {
      return status.getStartTime();
    }
    String created = p.pod().getMetadata().getCreationTimestamp();
    return created == null ? "" : created;
  }
}
