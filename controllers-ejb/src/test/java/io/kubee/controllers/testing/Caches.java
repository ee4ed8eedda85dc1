package io.kubee.controllers.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.impl.cache.CacheImpl;
import io.kubee.controllers.SharedInformers;
import io.kubee.runtime.Lister;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Informer caches without informers: fabric8's own cache implementation, filled by the test,
 * with the namespace index (and the pod node-name index) the informers keep.
 */
public final class Caches {
  private Caches() {}

  @SafeVarargs
  public static <T extends HasMetadata> CacheImpl<T> cache(T... objects) {
    CacheImpl<T> cache = new CacheImpl<>();
    for (T object : objects) {
      cache.put(object);
    }
    return cache;
  }

  @SafeVarargs
  public static <T extends HasMetadata> Lister<T> lister(T... objects) {
    return new Lister<>(cache(objects));
  }

  public static <T extends HasMetadata> Lister<T> lister(List<T> objects) {
    CacheImpl<T> cache = new CacheImpl<>();
    objects.forEach(cache::put);
    return new Lister<>(cache);
  }

  /** A pod cache with the node-name index. */
  public static Lister<Pod> pods(List<Pod> pods) {
    CacheImpl<Pod> cache = new CacheImpl<>();
    cache.addIndexers(Map.of(SharedInformers.POD_NODE_NAME_INDEX,
        SharedInformers.nodeNameIndex()));
    pods.forEach(cache::put);
    return new Lister<>(cache);
  }

  /** Adds an index to a test cache. */
  public static <T extends HasMetadata> void index(Lister<T> lister, String name,
      Function<T, List<String>> function) {
    lister.indexer().addIndexers(Map.of(name, function));
  }

  /** Puts (adds or replaces) objects into a lister's cache. */
  @SafeVarargs
  public static <T extends HasMetadata> void put(Lister<T> lister, T... objects) {
    for (T object : objects) {
      ((CacheImpl<T>) lister.indexer()).put(object);
    }
  }

  public static <T extends HasMetadata> void remove(Lister<T> lister, T object) {
    ((CacheImpl<T>) lister.indexer()).remove(object);
  }
}
