package io.kubee.storage.cdi;

import io.kubee.storage.Storage;
import io.kubee.storage.etcd.EtcdStorage;
import io.kubee.storage.etcd.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Produces the application's one {@link Storage}, configured from MicroProfile Config (keys in
 * {@link StorageConfig}: {@code kubee.etcd.endpoints}, {@code kubee.etcd.request-timeout},
 * {@code kubee.watch-cache.size}, {@code kubee.watch.bookmark-interval},
 * {@code kubee.watch.queue-capacity}, {@code kubee.etcd.compaction-interval}), and closes it when
 * the application stops.
 */
@ApplicationScoped
public class StorageProducer {

  @Inject
  Config config;

  @Produces
  @ApplicationScoped
  Storage storage() {
    return new EtcdStorage(StorageConfig.from(key -> config.getOptionalValue(key, String.class)));
  }

  void close(@Disposes Storage storage) {
    storage.close();
  }
}
