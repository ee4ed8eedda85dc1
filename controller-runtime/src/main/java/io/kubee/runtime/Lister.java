package io.kubee.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads of an informer's cache as controllers make them (client-go's generated listers): by
 * key, by namespace through the informer's namespace index, by any other index. The objects are
 * the cache's own: callers copy before changing them. Thread-safe as the indexer is.
 */
public final class Lister<T extends HasMetadata> {
  /** The index fabric8's informers keep by default ({@code Cache.NAMESPACE_INDEX}). */
  public static final String NAMESPACE_INDEX = "namespace";

  private final Indexer<T> indexer;

  public Lister(Indexer<T> indexer) {
    this.indexer = indexer;
  }

  /** The object {@code namespace/name} ("" namespace for cluster-scoped kinds), or null. */
  public T get(String namespace, String name) {
    return indexer.getByKey(Keys.of(namespace, name));
  }

  /** The object with this queue key, or null. */
  public T get(String key) {
    return indexer.getByKey(key);
  }

  public List<T> list() {
    return indexer.list();
  }

  /** Every object of {@code namespace}. */
  public List<T> list(String namespace) {
    return indexer.byIndex(NAMESPACE_INDEX, namespace);
  }

  /** The objects of {@code namespace} that {@code filter} accepts. */
  public List<T> list(String namespace, Predicate<? super T> filter) {
    List<T> result = new ArrayList<>();
    for (T object : list(namespace)) {
      if (filter.test(object)) {
        result.add(object);
      }
    }
    return result;
  }

  /** The objects whose index {@code indexName} holds {@code value}. */
  public List<T> byIndex(String indexName, String value) {
    return indexer.byIndex(indexName, value);
  }

  public Indexer<T> indexer() {
    return indexer;
  }
}
