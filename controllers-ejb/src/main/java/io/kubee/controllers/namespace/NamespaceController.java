package io.kubee.controllers.namespace;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.ControllerContext;
import io.kubee.controllers.QueueController;
import io.kubee.controllers.api.ApiResource;
import io.kubee.controllers.api.Deletion;
import io.kubee.controllers.api.DynamicApi;
import io.kubee.controllers.api.KubeApi;
import io.kubee.controllers.util.Json;
import io.kubee.runtime.Lister;
import io.kubee.runtime.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Empties terminating namespaces (pkg/controller/namespace/namespace_controller.go and
 * deletion/namespaced_resources_deleter.go): for a namespace with a deletionTimestamp it
 * deletes every namespaced resource found through discovery (deletecollection where served,
 * in the background), reports what remains in the namespace's conditions, waits (requeued
 * after half the longest pod grace period, or 15 s for finalizers), and once nothing is left
 * removes the {@code kubernetes} finalizer through {@code namespaces/finalize}; the apiserver
 * then deletes the namespace.
 */
public final class NamespaceController extends QueueController {
  public static final String NAME = "namespace";
  static final String FINALIZER = "kubernetes";
  /** Kubernetes' {@code finalizerEstimateSeconds}: a wait for other finalizers. */
  static final long FINALIZER_ESTIMATE_SECONDS = 15;

  private final Lister<Namespace> namespaces;
  private final KubeApi api;
  private final DynamicApi dynamic;
  private final Clock clock;

  public NamespaceController(Lister<Namespace> namespaces, KubeApi api, DynamicApi dynamic,
      Clock clock, ThreadFactory threads) {
    super(NAME, threads);
    this.namespaces = namespaces;
    this.api = api;
    this.dynamic = dynamic;
    this.clock = clock;
  }

  public static NamespaceController create(ControllerContext context) {
    SharedIndexInformer<Namespace> informer = context.informers().forType(Namespace.class);
    NamespaceController controller = new NamespaceController(new Lister<>(informer.getIndexer()),
        context.api(), context.dynamic(), context.clock(), context.threads());
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Namespace namespace) {
        controller.enqueueIfTerminating(namespace);
      }

      @Override
      public void onUpdate(Namespace old, Namespace namespace) {
        controller.enqueueIfTerminating(namespace);
      }

      @Override
      public void onDelete(Namespace namespace, boolean finalStateUnknown) {}
    });
    return controller;
  }

  void enqueueIfTerminating(Namespace namespace) {
    if (namespace.getMetadata().getDeletionTimestamp() != null) {
      enqueue(namespace.getMetadata().getName());
    }
  }

  @Override
  public void resync() {
    namespaces.list().forEach(this::enqueueIfTerminating);
  }

  @Override
  public void sync(String name) {
    if (namespaces.get("", name) == null) {
      return;
    }
    Namespace namespace = api.get(Namespace.class, "", name);
    if (namespace == null || namespace.getMetadata().getDeletionTimestamp() == null) {
      return;
    }
    if (namespace.getStatus() == null
        || !"Terminating".equals(namespace.getStatus().getPhase())) {
      Namespace copy = Json.copy(namespace);
      if (copy.getStatus() == null) {
        copy.setStatus(new NamespaceStatus());
      }
      copy.getStatus().setPhase("Terminating");
      namespace = api.updateStatus(copy);
    }
    List<String> finalizers = namespace.getSpec() == null
        || namespace.getSpec().getFinalizers() == null ? List.of()
        : namespace.getSpec().getFinalizers();
    if (!finalizers.contains(FINALIZER)) {
      return;
    }
    long estimate = deleteAllContent(namespace);
    if (estimate > 0) {
      enqueueAfter(name, Duration.ofSeconds(estimate / 2 + 1));
      return;
    }
    Namespace finalized = Json.copy(namespace);
    List<String> rest = new ArrayList<>(finalizers);
    rest.remove(FINALIZER);
    finalized.getSpec().setFinalizers(rest);
    try {
      dynamic.put("/api/v1/namespaces/" + name + "/finalize", Json.write(finalized));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** {@code deleteAllContent}: returns how long to wait before checking again, 0 when empty. */
  private long deleteAllContent(Namespace namespace) {
    String name = namespace.getMetadata().getName();
    Instant deletedAt = Pods.time(namespace.getMetadata().getDeletionTimestamp());
    List<ApiResource> resources;
    String discoveryError = null;
    try {
      resources = dynamic.discover().stream()
          .filter(r -> r.namespaced() && r.verbs().contains("delete")
              && r.verbs().contains("list"))
          .toList();
    } catch (KubernetesClientException e) {
      resources = List.of();
      discoveryError = e.getMessage();
    }
    long estimate = 0;
    List<String> errors = new ArrayList<>();
    Map<String, Integer> remaining = new HashMap<>();
    Map<String, Integer> finalizers = new HashMap<>();
    for (ApiResource resource : resources) {
      try {
        long gracePeriod = resource.group().isEmpty() && resource.plural().equals("pods")
            ? podGraceEstimate(resource, name, deletedAt) : 0;
        Deletion background = new Deletion("", "Background", null);
        if (resource.verbs().contains("deletecollection")) {
          dynamic.deleteCollection(resource, name, background);
        } else {
          for (GenericKubernetesResource item : dynamic.list(resource, name)) {
            dynamic.delete(resource, name, item.getMetadata().getName(), background);
          }
        }
        List<GenericKubernetesResource> left = dynamic.list(resource, name);
        if (left.isEmpty()) {
          continue;
        }
        remaining.put(resource.groupResource(), left.size());
        boolean anyFinalizer = false;
        for (GenericKubernetesResource item : left) {
          if (item.getMetadata().getFinalizers() != null) {
            for (String finalizer : item.getMetadata().getFinalizers()) {
              finalizers.merge(finalizer, 1, Integer::sum);
              anyFinalizer = true;
            }
          }
        }
        if (gracePeriod > 0) {
          estimate = Math.max(estimate, gracePeriod);
        } else if (anyFinalizer) {
          estimate = Math.max(estimate, FINALIZER_ESTIMATE_SECONDS);
        } else {
          errors.add("unexpected items still remain in namespace: " + name + " for gvr: "
              + resource.groupResource());
        }
      } catch (KubernetesClientException e) {
        errors.add(resource.groupResource() + ": " + e.getMessage());
      }
    }
    updateConditions(namespace, NamespaceConditions.compute(discoveryError, errors, remaining,
        finalizers, clock.instant()));
    if (!errors.isEmpty()) {
      throw new IllegalStateException(String.join("; ", errors));
    }
    return estimate;
  }

  /** {@code estimateGracefulTerminationForPods}: the longest grace period still running. */
  private long podGraceEstimate(ApiResource pods, String namespace, Instant deletedAt) {
    long estimate = 0;
    for (GenericKubernetesResource pod : dynamic.list(pods, namespace)) {
      Object phase = pod.getAdditionalProperties().get("status") instanceof Map<?, ?> status
          ? status.get("phase") : null;
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
        continue;
      }
      Object spec = pod.getAdditionalProperties().get("spec");
      Object grace = spec instanceof Map<?, ?> map ? map.get("terminationGracePeriodSeconds")
          : null;
      if (grace instanceof Number number) {
        estimate = Math.max(estimate, number.longValue());
      }
    }
    long elapsed = deletedAt == null ? 0
        : Duration.between(deletedAt, clock.instant()).getSeconds();
    return Math.max(0, estimate - elapsed);
  }

  private void updateConditions(Namespace namespace, List<NamespaceCondition> computed) {
    List<NamespaceCondition> old = namespace.getStatus() == null ? null
        : namespace.getStatus().getConditions();
    List<NamespaceCondition> merged = NamespaceConditions.merge(old, computed);
    if (Objects.equals(old, merged)) {
      return;
    }
    Namespace copy = Json.copy(namespace);
    copy.getStatus().setConditions(merged);
    try {
      Namespace updated = api.updateStatus(copy);
      namespace.getMetadata().setResourceVersion(updated.getMetadata().getResourceVersion());
      namespace.setStatus(updated.getStatus());
    } catch (KubernetesClientException e) {
      // the conditions only inform; the next pass writes them again
    }
  }
}
