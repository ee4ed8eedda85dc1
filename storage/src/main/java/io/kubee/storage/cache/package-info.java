/**
 * The watch cache (Kubernetes' k8s.io/apiserver/pkg/storage/cacher): per resource type a
 * {@link io.kubee.storage.cache.Cacher} keeps one store watch, a bounded history of decoded
 * events ({@link io.kubee.storage.cache.WatchCache}) and a dispatcher thread
 * ({@link io.kubee.storage.cache.CacherDispatcher}) that fans every event out to the
 * {@link io.kubee.storage.cache.CacheWatcher}s of the type. Watches older than the history get
 * a {@link io.kubee.storage.cache.FallbackWatch}. The package knows the store only through
 * {@link io.kubee.storage.cache.WatchSource} and {@link io.kubee.storage.Storage}, so it has no
 * jetcd type.
 */
package io.kubee.storage.cache;
