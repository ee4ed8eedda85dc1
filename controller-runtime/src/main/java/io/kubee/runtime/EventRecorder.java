package io.kubee.runtime;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events about objects, as client-go's {@code record.EventRecorder}: in the
 * background (a controller never waits for its events), named {@code <object>.<hex time>}, and
 * aggregated — the same reason and message about the same object again raises the count of the
 * existing event instead of creating another.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final int REMEMBERED = 4096;

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  private final KubernetesClient client;
  private final String component;
  private final String instance;
  private final Executor executor;
  private final Clock clock;
  private final Map<String, String> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > REMEMBERED;
    }
  };

  /**
   * @param component the source component ("default-scheduler", "replicaset-controller")
   * @param instance  this instance's identity (reportingInstance)
   * @param executor  where events are sent from
   */
  public EventRecorder(KubernetesClient client, String component, String instance,
      Executor executor, Clock clock) {
    this.client = client;
    this.component = component;
    this.instance = instance;
    this.executor = executor;
    this.clock = clock;
  }

  /** Records an event about {@code object}; returns at once. */
  public void event(HasMetadata object, String type, String reason, String message) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    executor.execute(() -> send(object, type, reason, message, now));
  }

  private void send(HasMetadata object, String type, String reason, String message,
      Instant now) {
    String namespace = object.getMetadata().getNamespace() == null
        || object.getMetadata().getNamespace().isEmpty()
        ? "default" : object.getMetadata().getNamespace();
    String key = object.getMetadata().getUid() + "|" + type + "|" + reason + "|" + message;
    try {
      String existing;
      synchronized (recent) {
        existing = recent.get(key);
      }
      if (existing != null) {
        Event updated = client.v1().events().inNamespace(namespace).withName(existing)
            .edit(event -> new EventBuilder(event)
                .withCount(event.getCount() == null ? 2 : event.getCount() + 1)
                .withLastTimestamp(now.toString())
                .build());
        if (updated != null) {
          return;
        }
      }
      String name = object.getMetadata().getName() + "."
          + Long.toHexString(System.nanoTime() ^ now.toEpochMilli() << 20);
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(object.getApiVersion())
              .withKind(object.getKind())
              .withNamespace(object.getMetadata().getNamespace())
              .withName(object.getMetadata().getName())
              .withUid(object.getMetadata().getUid())
              .withResourceVersion(object.getMetadata().getResourceVersion())
              .build())
          .withType(type)
          .withReason(reason)
          .withMessage(message)
          .withCount(1)
          .withFirstTimestamp(now.toString())
          .withLastTimestamp(now.toString())
          .withNewSource().withComponent(component).endSource()
          .withReportingComponent(component)
          .withReportingInstance(instance)
          .build()).create();
      synchronized (recent) {
        recent.put(key, name);
      }
    } catch (KubernetesClientException e) {
      LOG.debug("event not recorded: object={} reason={} error={}",
          object.getMetadata().getName(), reason, e.getMessage());
    }
  }
}
