package io.kubee.scheduler.framework;

import java.util.List;

/**
 * The pods nominated to nodes by preemption and not bound yet (kube-scheduler's
 * {@code framework.PodNominator}): the filters count them on their node so that others do not
 * take the room that preemption freed. Thread-safe.
 */
public interface PodNominator {
  /** Nominates {@code pod} to {@code node}, replacing any earlier nomination. */
  void addNominatedPod(PodInfo pod, String node);

  void deleteNominatedPodIfExists(String uid);

  /** The pods nominated to {@code node}, highest priority first. */
  List<PodInfo> nominatedPodsForNode(String node);

  PodNominator NONE = new PodNominator() {
    @Override
    public void addNominatedPod(PodInfo pod, String node) {}

    @Override
    public void deleteNominatedPodIfExists(String uid) {}

    @Override
    public List<PodInfo> nominatedPodsForNode(String node) {
      return List.of();
    }
  };
}
