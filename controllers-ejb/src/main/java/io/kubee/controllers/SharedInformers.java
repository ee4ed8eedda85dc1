package io.kubee.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubee.controllers.api.ApiResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The informers of one term of leadership, one per kind and shared by every controller that
 * watches it (client-go's {@code SharedInformerFactory}): the pod informer feeds the replicaset,
 * endpoints, node lifecycle and garbage collector controllers alike. Controllers ask for theirs
 * while they are built, adding handlers and indexers; {@link #start} then lists and watches.
 */
public final class SharedInformers implements AutoCloseable {
  /** The index of pods by {@code spec.nodeName}. */
  public static final String POD_NODE_NAME_INDEX = "spec.nodeName";

  private final KubernetesClient client;
  private final Set<String> indexes = new HashSet<>();
  private final Map<String, SharedIndexInformer<? extends HasMetadata>> informers =
      new LinkedHashMap<>();
  private boolean started;

  public SharedInformers(KubernetesClient client) {
    this.client = client;
  }

  /** The informer of {@code type} in every namespace; created on first use. */
  @SuppressWarnings("unchecked")
  public synchronized <T extends HasMetadata> SharedIndexInformer<T> forType(Class<T> type) {
    String key = HasMetadata.getApiVersion(type) + "/" + HasMetadata.getKind(type);
    return (SharedIndexInformer<T>) informers.computeIfAbsent(key, k -> {
      requireNotStarted(k);
      return retrying(client.resources(type).inAnyNamespace().runnableInformer(0));
    });
  }

  /**
   * The informer of a discovered resource: the typed one when a controller already asked for
   * that kind, otherwise one of generic objects.
   */
  public synchronized SharedIndexInformer<? extends HasMetadata> forResource(
      ApiResource resource) {
    String key = resource.apiVersion() + "/" + resource.kind();
    return informers.computeIfAbsent(key, k -> {
      requireNotStarted(k);
      SharedIndexInformer<GenericKubernetesResource> informer =
          client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
              .withGroup(resource.group()).withVersion(resource.version())
              .withKind(resource.kind()).withPlural(resource.plural())
              .withNamespaced(resource.namespaced()).build())
              .inAnyNamespace().runnableInformer(0);
      return retrying(informer);
    });
  }

  /** Indexes the pod informer by node name, once, whoever asks first. */
  public synchronized void podsByNode(SharedIndexInformer<Pod> informer) {
    index(informer, POD_NODE_NAME_INDEX, nodeNameIndex());
  }

  /** Adds the index {@code name} to {@code informer} unless it has it; before {@link #start}. */
  public synchronized <T extends HasMetadata> void index(SharedIndexInformer<T> informer,
      String name, Function<T, List<String>> function) {
    String key = informer.getApiTypeClass().getName() + "#" + name + "#"
        + System.identityHashCode(informer);
    if (indexes.add(key)) {
      requireNotStarted(key);
      informer.addIndexers(Map.of(name, function));
    }
  }

  /** The node-name index function (tests give it to their caches). */
  public static Function<Pod, List<String>> nodeNameIndex() {
    return pod -> pod.getSpec() == null || pod.getSpec().getNodeName() == null
        || pod.getSpec().getNodeName().isEmpty() ? List.of() : List.of(pod.getSpec().getNodeName());
  }

  /**
   * Keeps the informer listing and watching through any failure (an apiserver restarting
   * answers 404 or refuses connections for a while), as client-go's reflectors retry forever;
   * fabric8 would otherwise stop it for good.
   */
  private static <T> SharedIndexInformer<T> retrying(SharedIndexInformer<T> informer) {
    informer.exceptionHandler((started, failure) -> true);
    return informer;
  }

  /** Starts every informer; the future completes when all have listed once. */
  public synchronized CompletableFuture<Void> start() {
    started = true;
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (SharedIndexInformer<? extends HasMetadata> informer : informers.values()) {
      CompletionStage<Void> stage = informer.start();
      all.add(stage.toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  public synchronized boolean hasSynced() {
    return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  public synchronized int size() {
    return informers.size();
  }

  private void requireNotStarted(String key) {
    if (started) {
      throw new IllegalStateException("informer for " + key + " asked for after start");
    }
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::stop);
  }
}
