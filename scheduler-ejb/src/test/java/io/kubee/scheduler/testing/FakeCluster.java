package io.kubee.scheduler.testing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubee.scheduler.EventHandlers;
import io.kubee.scheduler.PodLookup;
import io.kubee.scheduler.framework.ClusterClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A tiny in-memory apiserver for the scheduler: it stores pods, answers bindings (refusing a pod
 * bound already, as pods/binding does) and tells the scheduler's event handlers, as the informers
 * would. Thread-safe.
 */
public final class FakeCluster implements ClusterClient, PodLookup {
  public record Event(String pod, String type, String reason, String message) {}

  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  public final List<Event> events = new CopyOnWriteArrayList<>();
  public final List<String> statusUpdates = new CopyOnWriteArrayList<>();
  public final List<String> deleted = new CopyOnWriteArrayList<>();
  /** Answers a binding before it is stored; null lets it through. */
  public volatile BiFunction<Pod, String, RuntimeException> binder = (p, n) -> null;
  private volatile EventHandlers handlers;

  public void connect(EventHandlers handlers) {
    this.handlers = handlers;
  }

  public void addNode(Node node) {
    handlers.onNodeAdd(node);
  }

  public void addPod(Pod pod) {
    pods.put(key(pod), pod);
    handlers.onPodAdd(pod);
  }

  public Pod pod(String name) {
    return pods.get("default/" + name);
  }

  public String nodeOf(String name) {
    Pod p = pod(name);
    return p == null ? null : p.getSpec().getNodeName();
  }

  @Override
  public synchronized CompletionStage<Void> bind(Pod pod, String node) {
    RuntimeException refused = binder.apply(pod, node);
    Pod current = pods.get(key(pod));
    if (refused == null && current == null) {
      refused = new IllegalStateException("pods \"" + pod.getMetadata().getName()
          + "\" not found");
    }
    if (refused == null && current.getSpec().getNodeName() != null) {
      refused = new IllegalStateException("pod " + pod.getMetadata().getName()
          + " is already assigned to node \"" + current.getSpec().getNodeName() + "\"");
    }
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    Pod bound = new PodBuilder(current).editSpec().withNodeName(node).endSpec().build();
    pods.put(key(bound), bound);
    handlers.onPodUpdate(current, bound);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void updatePodStatus(Pod pod, PodCondition condition, String nominatedNodeName) {
    statusUpdates.add(pod.getMetadata().getName() + " "
        + (condition == null ? "" : condition.getType() + "=" + condition.getStatus() + " "
            + condition.getReason()) + (nominatedNodeName == null ? ""
            : " nominated=" + nominatedNodeName));
  }

  @Override
  public void deletePod(Pod pod) {
    deleted.add(pod.getMetadata().getName());
    Pod removed = pods.remove(key(pod));
    if (removed != null) {
      handlers.onPodDelete(removed);
    }
  }

  @Override
  public void event(Pod pod, String type, String reason, String message) {
    events.add(new Event(pod.getMetadata().getName(), type, reason, message));
  }

  @Override
  public Pod get(String namespace, String name) {
    return pods.get(namespace + "/" + name);
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
