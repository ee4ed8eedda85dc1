package io.kubee.scheduler.client;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.kubee.runtime.EventRecorder;
import io.kubee.scheduler.framework.ClusterClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's writes through fabric8.
 *
 * <p>Bindings: fabric8 8.0's typed DSL has no POST for the {@code pods/<name>/binding}
 * subresource (its {@code bindings()} posts to the namespace's legacy {@code bindings}
 * collection, which kube-scheduler does not use and Kubee does not serve), and
 * {@code client.raw(...)} is synchronous, which would hold a thread per binding in flight. So a
 * binding is sent with the client's own {@code HttpClient.sendAsync} — the same connection pool,
 * interceptors and credentials as the typed calls — and completes on its response, as
 * kube-scheduler binds in a goroutine per pod.
 *
 * <p>Status patches and preemption's deletions run in order on one writer thread; events go
 * through {@link EventRecorder} on a single thread with a bounded queue that drops when full, as
 * client-go's event broadcaster does under load. Thread-safe.
 */
public final class Fabric8ClusterClient implements ClusterClient, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fabric8ClusterClient.class);
  /** client-go's broadcaster queue length (maxQueuedEvents). */
  static final int MAX_QUEUED_EVENTS = 1000;

  private final KubernetesClient client;
  private final String base;
  private final ExecutorService writer;
  private final ThreadPoolExecutor eventSender;
  private final EventRecorder events;
  private final AtomicLong droppedEvents = new AtomicLong();

  /**
   * @param component  the events' source ("default-scheduler")
   * @param identity   this instance (reportingInstance)
   */
  public Fabric8ClusterClient(KubernetesClient client, String component, String identity,
      ThreadFactory threads) {
    this.client = client;
    String master = client.getConfiguration().getMasterUrl();
    this.base = master.endsWith("/") ? master.substring(0, master.length() - 1) : master;
    this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), threads);
    this.eventSender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(MAX_QUEUED_EVENTS), threads, (task, pool) -> {
          if (droppedEvents.incrementAndGet() % 1000 == 1) {
            LOG.info("events dropped because the queue is full: dropped={}", droppedEvents.get());
          }
        });
    this.events = new EventRecorder(client, component, identity, eventSender,
        Clock.systemUTC());
  }

  @Override
  public CompletionStage<Void> bind(Pod pod, String node) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":"
        + json(name) + ",\"namespace\":" + json(namespace) + ",\"uid\":"
        + json(pod.getMetadata().getUid()) + "},\"target\":{\"apiVersion\":\"v1\",\"kind\":"
        + "\"Node\",\"name\":" + json(node) + "}}";
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
        .uri(base + "/api/v1/namespaces/" + namespace + "/pods/" + name + "/binding")
        .post("application/json", body)
        .build();
    return client.getHttpClient().sendAsync(request, String.class).thenCompose(response -> {
      if (response.isSuccessful()) {
        return CompletableFuture.completedFuture(null);
      }
      return CompletableFuture.failedFuture(new KubernetesClientException(
          "binding " + namespace + "/" + name + " to " + node + ": HTTP " + response.code() + " "
              + response.body(), response.code(), null));
    });
  }

  @Override
  public void updatePodStatus(Pod pod, PodCondition condition, String nominatedNodeName) {
    Map<String, Object> status = new LinkedHashMap<>();
    if (condition != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("type", condition.getType());
      c.put("status", condition.getStatus());
      c.put("reason", condition.getReason());
      c.put("message", condition.getMessage());
      c.put("lastProbeTime", null);
      c.put("lastTransitionTime", condition.getLastTransitionTime());
      status.put("conditions", List.of(c));
    }
    if (nominatedNodeName != null) {
      status.put("nominatedNodeName", nominatedNodeName.isEmpty() ? null : nominatedNodeName);
    }
    String patch = client.getKubernetesSerialization().asJson(Map.of("status", status));
    writer.execute(() -> {
      try {
        client.pods().inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()).subresource("status")
            .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
      } catch (KubernetesClientException e) {
        LOG.debug("pod status not updated: pod={}/{} code={} error={}",
            pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getCode(),
            e.getMessage());
      }
    });
  }

  @Override
  public void deletePod(Pod pod) {
    writer.execute(() -> {
      try {
        client.pods().inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()).delete();
      } catch (KubernetesClientException e) {
        LOG.info("preemption victim not deleted: pod={}/{} error={}",
            pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
      }
    });
  }

  @Override
  public void event(Pod pod, String type, String reason, String message) {
    events.event(pod, type, reason, message);
  }

  /** Events not sent because the queue was full. */
  public long droppedEvents() {
    return droppedEvents.get();
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  /** Stops the writer and event threads, letting queued work finish for up to 2 s. */
  @Override
  public void close() {
    writer.shutdown();
    eventSender.shutdown();
    try {
      writer.awaitTermination(2, TimeUnit.SECONDS);
      eventSender.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.shutdownNow();
    eventSender.shutdownNow();
  }
}
