/**
 * {@link io.kubee.storage.Storage} on etcd 3 (Kubernetes' k8s.io/apiserver/pkg/storage/etcd3):
 * {@link io.kubee.storage.etcd.EtcdStorage} with its {@link io.kubee.storage.etcd.StorageConfig}.
 * Everything else here is package-private and the only code of Kubee that uses jetcd:
 * {@code EtcdClient} (bounded calls, error translation), {@code Lister} (consistent paged
 * lists), {@code ContinueToken}, {@code LeaseManager}, {@code Compactor} and
 * {@code EtcdWatchSource} (the watch cache's view of etcd watches).
 */
package io.kubee.storage.etcd;
