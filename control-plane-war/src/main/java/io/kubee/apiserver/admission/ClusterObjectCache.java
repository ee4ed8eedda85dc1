package io.kubee.apiserver.admission;

import io.kubee.api.meta.Meta;
import io.kubee.storage.Storage;
import io.kubee.storage.StorageException;
import io.kubee.storage.Watch;
import io.kubee.storage.WatchEvent;
import io.kubee.storage.WatchOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The objects of one cluster-scoped type, kept current by a watch, so that admission does not
 * read etcd on every create (the listers of Kubernetes' admission plugins): the namespaces for
 * NamespaceLifecycle, the PriorityClasses for Priority. A name the cache does not know is looked
 * up live, since an object created a moment ago may not have reached the cache yet. The objects
 * handed out are shared and must not be modified.
 */
public final class ClusterObjectCache
    implements NamespaceLifecycle.NamespaceLookup, Priority.PriorityClassLookup, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterObjectCache.class);
  private static final Duration POLL = Duration.ofSeconds(1);

  private final Storage storage;
  private final String prefix;
  private final Function<String, Optional<ObjectNode>> liveLookup;
  private final String kind;
  private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
  private final Thread reflector;
  private volatile boolean closed;

  /**
   * @param kind       what is cached, lower case ("namespace"), for the thread name and logs
   * @param prefix     where the objects are stored ("/registry/namespaces/")
   * @param liveLookup reads one object from storage
   */
  public ClusterObjectCache(String kind, Storage storage, String prefix,
      Function<String, Optional<ObjectNode>> liveLookup) {
    this.kind = kind;
    this.storage = storage;
    this.prefix = prefix;
    this.liveLookup = liveLookup;
    this.reflector = new Thread(this::run, "kubee-" + kind + "-cache");
    reflector.setDaemon(true);
    reflector.start();
  }

  @Override
  public Optional<ObjectNode> find(String name) {
    ObjectNode cached = objects.get(name);
    return cached != null ? Optional.of(cached) : liveLookup.apply(name);
  }

  @Override
  public List<ObjectNode> all() {
    return List.copyOf(objects.values());
  }

  /** Watches from the current state; starts over (a full relist) whenever the watch ends. */
  private void run() {
    while (!closed) {
      try (Watch watch = storage.watch(prefix, prefix, WatchOptions.from(0))) {
        objects.clear();
        while (!closed) {
          WatchEvent event = watch.next(POLL);
          if (event == null) {
            if (watch.isDone()) {
              break;
            }
            continue;
          }
          switch (event.type()) {
            case ADDED, MODIFIED -> objects.put(Meta.name(event.object()), event.object());
            case DELETED -> objects.remove(Meta.name(event.object()));
            case BOOKMARK -> { }
            case ERROR -> {
              objects.clear();
              watch.close();
            }
          }
        }
      } catch (StorageException e) {
        objects.clear();
        if (!closed) {
          LOG.debug("{} cache cannot watch yet, retrying: {}", kind, e.getMessage());
          sleep();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Stops the watch. Idempotent. */
  @Override
  public void close() {
    closed = true;
    reflector.interrupt();
  }
}
