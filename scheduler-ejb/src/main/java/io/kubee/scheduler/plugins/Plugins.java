package io.kubee.scheduler.plugins;

import io.kubee.scheduler.framework.Handle;
import io.kubee.scheduler.framework.Plugin;
import java.util.List;
import java.util.Map;

/**
 * The in-tree plugin registry (pkg/scheduler/framework/plugins/registry.go) and the default
 * profile's plugins and score weights (apis/config/v1/default_plugins.go, Kubernetes 1.32).
 */
public final class Plugins {
  /** Every plugin, in the order their extension points run (filters stop at the first no). */
  public static final List<String> DEFAULT = List.of(
      NodeUnschedulable.NAME, NodeName.NAME, TaintToleration.NAME, NodeAffinity.NAME,
      NodePorts.NAME, NodeResourcesFit.NAME, PodTopologySpread.NAME, InterPodAffinity.NAME,
      DefaultPreemption.NAME, NodeResourcesBalancedAllocation.NAME, ImageLocality.NAME,
      DefaultBinder.NAME);

  /** Kubernetes' default score weights. */
  public static final Map<String, Integer> DEFAULT_WEIGHTS = Map.of(
      TaintToleration.NAME, 3,
      NodeAffinity.NAME, 2,
      NodeResourcesFit.NAME, 1,
      PodTopologySpread.NAME, 2,
      InterPodAffinity.NAME, 2,
      NodeResourcesBalancedAllocation.NAME, 1,
      ImageLocality.NAME, 1);

  private Plugins() {}

  /**
   * A new instance of plugin {@code name}.
   *
   * @param args the plugin's arguments (NodeResourcesFit: scoringStrategy)
   * @throws IllegalArgumentException for an unknown plugin or bad arguments
   */
  public static Plugin create(String name, Map<String, String> args, Handle handle) {
    return switch (name) {
      case NodeUnschedulable.NAME -> new NodeUnschedulable();
      case NodeName.NAME -> new NodeName();
      case TaintToleration.NAME -> new TaintToleration();
      case NodeAffinity.NAME -> new NodeAffinity();
      case NodePorts.NAME -> new NodePorts();
      case NodeResourcesFit.NAME -> NodeResourcesFit.fromArgs(args);
      case PodTopologySpread.NAME -> new PodTopologySpread(handle);
      case InterPodAffinity.NAME -> new InterPodAffinity(handle);
      case DefaultPreemption.NAME -> new DefaultPreemption(handle);
      case NodeResourcesBalancedAllocation.NAME -> new NodeResourcesBalancedAllocation();
      case ImageLocality.NAME -> new ImageLocality(handle);
      case DefaultBinder.NAME -> new DefaultBinder(handle);
      default -> throw new IllegalArgumentException("unknown scheduler plugin " + name
          + "; known: " + DEFAULT);
    };
  }
}
