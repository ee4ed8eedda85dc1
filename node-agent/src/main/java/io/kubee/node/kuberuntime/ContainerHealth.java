package io.kubee.node.kuberuntime;

/**
 * What the probes say about running containers, as the sync needs it: a container whose
 * liveness or startup probe failed is killed and restarted (the ProbeManager's results
 * managers in kubelet).
 */
public interface ContainerHealth {
  ContainerHealth NONE = new ContainerHealth() {
    @Override
    public boolean livenessFailed(String containerId) {
      return false;
    }

    @Override
    public boolean startupFailed(String containerId) {
      return false;
    }
  };

  boolean livenessFailed(String containerId);

  boolean startupFailed(String containerId);
}
