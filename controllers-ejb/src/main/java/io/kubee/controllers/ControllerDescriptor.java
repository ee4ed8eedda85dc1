package io.kubee.controllers;

import io.kubee.controllers.deployment.DeploymentController;
import io.kubee.controllers.endpoint.EndpointSliceController;
import io.kubee.controllers.endpoint.EndpointsController;
import io.kubee.controllers.garbagecollector.GarbageCollector;
import io.kubee.controllers.namespace.NamespaceController;
import io.kubee.controllers.nodelifecycle.NodeLifecycleController;
import io.kubee.controllers.nodelifecycle.TaintEvictionController;
import io.kubee.controllers.podautoscaler.HorizontalController;
import io.kubee.controllers.podgc.PodGcController;
import io.kubee.controllers.replicaset.ReplicaSetController;
import io.kubee.controllers.replicaset.ReplicaSetKind;
import io.kubee.controllers.serviceaccount.ServiceAccountsController;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One controller the manager can run (kube-controller-manager's {@code NewControllerDescriptors}):
 * its name (the key of its settings), its default worker count ({@code --concurrent-*-syncs})
 * and how it is built. {@link #ALL} is in start order: the garbage collector last, so that it
 * monitors through the typed informers the others already asked for.
 */
public record ControllerDescriptor(String name, int defaultWorkers,
    Function<ControllerContext, Controller> factory) {

  public static final List<ControllerDescriptor> ALL = List.of(
      new ControllerDescriptor(ServiceAccountsController.NAME, 1,
          ServiceAccountsController::create),
      new ControllerDescriptor("replicaset", 5,
          c -> ReplicaSetController.create(ReplicaSetKind.REPLICA_SETS, c)),
      new ControllerDescriptor("replicationcontroller", 5,
          c -> ReplicaSetController.create(ReplicaSetKind.REPLICATION_CONTROLLERS, c)),
      new ControllerDescriptor(DeploymentController.NAME, 5, DeploymentController::create),
      new ControllerDescriptor(EndpointsController.NAME, 5, EndpointsController::create),
      new ControllerDescriptor(EndpointSliceController.NAME, 5, EndpointSliceController::create),
      new ControllerDescriptor(NodeLifecycleController.NAME, 8, NodeLifecycleController::create),
      new ControllerDescriptor(TaintEvictionController.NAME, 8, TaintEvictionController::create),
      new ControllerDescriptor(PodGcController.NAME, 1, PodGcController::create),
      new ControllerDescriptor(NamespaceController.NAME, 10, NamespaceController::create),
      new ControllerDescriptor(HorizontalController.NAME, 5, HorizontalController::create),
      new ControllerDescriptor(GarbageCollector.NAME, 20, GarbageCollector::create));

  /** The periodic jobs of the enabled controllers and their periods, known before they run. */
  public static Map<String, Duration> schedules(ControllerManagerOptions options) {
    Map<String, Duration> jobs = new java.util.LinkedHashMap<>();
    jobs.put(ControllerManager.RESYNC_JOB,
        options.duration("min-resync-period", Duration.ofHours(12)));
    if (options.enabled(NodeLifecycleController.NAME)) {
      jobs.put(NodeLifecycleController.MONITOR_JOB,
          NodeLifecycleController.Settings.from(options).monitorPeriod());
    }
    if (options.enabled(PodGcController.NAME)) {
      jobs.put(PodGcController.JOB, PodGcController.Settings.from(options).checkPeriod());
    }
    if (options.enabled(HorizontalController.NAME)) {
      jobs.put(HorizontalController.JOB, HorizontalController.Settings.from(options).syncPeriod());
    }
    return jobs;
  }
}
