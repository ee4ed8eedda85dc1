package io.kubee.scheduler.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubee.scheduler.framework.ClusterClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** Records what the scheduler writes; bindings answer as {@link #binder} says (default: ok). */
public final class FakeClusterClient implements ClusterClient {
  public record Binding(String pod, String node) {}

  public record StatusUpdate(String pod, PodCondition condition, String nominatedNode) {}

  public record Event(String pod, String type, String reason, String message) {}

  public final List<Binding> bindings = new CopyOnWriteArrayList<>();
  public final List<StatusUpdate> statusUpdates = new CopyOnWriteArrayList<>();
  public final List<String> deleted = new CopyOnWriteArrayList<>();
  public final List<Event> events = new CopyOnWriteArrayList<>();
  /** Answers a binding; null for success, else the failure. */
  public volatile BiFunction<Pod, String, RuntimeException> binder = (pod, node) -> null;

  @Override
  public CompletionStage<Void> bind(Pod pod, String node) {
    RuntimeException failure = binder.apply(pod, node);
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    bindings.add(new Binding(pod.getMetadata().getName(), node));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void updatePodStatus(Pod pod, PodCondition condition, String nominatedNodeName) {
    statusUpdates.add(new StatusUpdate(pod.getMetadata().getName(), condition,
        nominatedNodeName));
  }

  @Override
  public void deletePod(Pod pod) {
    deleted.add(pod.getMetadata().getName());
  }

  @Override
  public void event(Pod pod, String type, String reason, String message) {
    events.add(new Event(pod.getMetadata().getName(), type, reason, message));
  }
}
