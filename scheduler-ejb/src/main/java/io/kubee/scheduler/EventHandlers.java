package io.kubee.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubee.scheduler.cache.SchedulerCache;
import io.kubee.scheduler.framework.ClusterEvent;
import io.kubee.scheduler.framework.PodInfo;
import io.kubee.scheduler.queue.SchedulingQueue;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Routes informer events to the cache and the queue (kube-scheduler's
 * {@code addAllEventHandlers}, pkg/scheduler/eventhandlers.go): assigned pods to the cache,
 * pending pods of this scheduler's profiles to the queue; node changes and assigned pods going
 * away move the unschedulable pods that may now fit. Called by informer threads; thread-safe.
 */
public final class EventHandlers {
  private final SchedulerCache cache;
  private final SchedulingQueue queue;
  private final Set<String> schedulerNames;

  EventHandlers(SchedulerCache cache, SchedulingQueue queue, Set<String> schedulerNames) {
    this.cache = cache;
    this.queue = queue;
    this.schedulerNames = Set.copyOf(schedulerNames);
  }

  public void onPodAdd(Pod pod) {
    if (finished(pod)) {
      return;
    }
    if (assigned(pod)) {
      cache.addPod(new PodInfo(pod));
      queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_ADD);
    } else if (responsibleFor(pod)) {
      queue.add(new PodInfo(pod));
    }
  }

  public void onPodUpdate(Pod old, Pod pod) {
    if (finished(pod)) {
      onPodDelete(pod);
      return;
    }
    if (assigned(pod)) {
      boolean wasAssigned = assigned(old);
      if (!wasAssigned) {
        queue.delete(pod.getMetadata().getUid());
      }
      cache.updatePod(new PodInfo(pod));
      queue.moveAllToActiveOrBackoffQueue(wasAssigned ? ClusterEvent.ASSIGNED_POD_UPDATE
          : ClusterEvent.ASSIGNED_POD_ADD);
    } else if (responsibleFor(pod)) {
      if (!Objects.equals(old.getMetadata().getResourceVersion(),
          pod.getMetadata().getResourceVersion())) {
        queue.update(new PodInfo(pod));
      }
    }
  }

  public void onPodDelete(Pod pod) {
    if (assigned(pod)) {
      cache.removePod(pod.getMetadata().getUid());
      queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE);
    } else {
      queue.delete(pod.getMetadata().getUid());
    }
  }

  public void onNodeAdd(Node node) {
    cache.addNode(node);
    queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD);
  }

  public void onNodeUpdate(Node old, Node node) {
    cache.updateNode(node);
    for (ClusterEvent event : changes(old, node)) {
      queue.moveAllToActiveOrBackoffQueue(event);
    }
  }

  public void onNodeDelete(Node node) {
    cache.removeNode(node.getMetadata().getName());
  }

  /** What changed about a node, as far as rejected pods care (nodeSchedulingPropertiesChange). */
  static Set<ClusterEvent> changes(Node old, Node node) {
    Set<ClusterEvent> events = EnumSet.noneOf(ClusterEvent.class);
    if (!Objects.equals(old.getMetadata().getLabels(), node.getMetadata().getLabels())) {
      events.add(ClusterEvent.NODE_LABEL_CHANGE);
    }
    if (!Objects.equals(old.getSpec() == null ? null : old.getSpec().getTaints(),
        node.getSpec() == null ? null : node.getSpec().getTaints())
        || !Objects.equals(old.getSpec() == null ? null : old.getSpec().getUnschedulable(),
            node.getSpec() == null ? null : node.getSpec().getUnschedulable())) {
      events.add(ClusterEvent.NODE_TAINT_CHANGE);
    }
    if (!Objects.equals(old.getStatus() == null ? null : old.getStatus().getAllocatable(),
        node.getStatus() == null ? null : node.getStatus().getAllocatable())) {
      events.add(ClusterEvent.NODE_ALLOCATABLE_CHANGE);
    }
    if (!Objects.equals(old.getStatus() == null ? null : old.getStatus().getConditions(),
        node.getStatus() == null ? null : node.getStatus().getConditions())) {
      events.add(ClusterEvent.NODE_CONDITION_CHANGE);
    }
    return events;
  }

  private boolean responsibleFor(Pod pod) {
    return schedulerNames.contains(pod.getSpec().getSchedulerName());
  }

  static boolean assigned(Pod pod) {
    return pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
  }

  /** Succeeded and Failed pods hold no resources (the informer's field selector in Kubernetes). */
  private static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }
}
