package io.kubee.node.api;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts core/v1 Events from the kubelet (component {@code kubelet}, host the node), from a
 * bounded queue on one background thread: under a flood the oldest wait and new ones are
 * dropped, as client-go's broadcaster drops when its channel is full.
 */
public final class ApiEventRecorder implements EventRecorder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiEventRecorder.class);
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  private final KubernetesClient client;
  private final String host;
  private final Clock clock;
  private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(1000);
  private volatile boolean closed;

  public ApiEventRecorder(KubernetesClient client, String host, Clock clock,
      ExecutorService executor) {
    this.client = client;
    this.host = host;
    this.clock = clock;
    executor.execute(this::run);
  }

  @Override
  public void event(ObjectReference object, String type, String reason, String message) {
    if (closed || object == null) {
      return;
    }
    Instant now = clock.instant();
    String namespace = object.getNamespace() == null || object.getNamespace().isEmpty()
        ? "default" : object.getNamespace();
    Event event = new EventBuilder()
        .withNewMetadata()
        .withName(object.getName() + "." + Long.toHexString(now.toEpochMilli())
            + UUID.randomUUID().toString().substring(0, 4))
        .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(object)
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withSource(new EventSource("kubelet", host))
        .withReportingComponent("kubelet")
        .withReportingInstance(host)
        .withFirstTimestamp(RFC3339.format(now))
        .withLastTimestamp(RFC3339.format(now))
        .withEventTime(new MicroTime(DateTimeFormatter.ISO_INSTANT.format(now)))
        .withCount(1)
        .withAction(reason)
        .build();
    if (!queue.offer(event)) {
      LOG.debug("event queue full, dropping event reason={} object={}", reason,
          object.getName());
    }
  }

  private void run() {
    while (!closed) {
      Event event;
      try {
        event = queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (event == null) {
        continue;
      }
      try {
        client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event)
            .create();
      } catch (RuntimeException e) {
        LOG.debug("cannot record event reason={}: {}", event.getReason(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
