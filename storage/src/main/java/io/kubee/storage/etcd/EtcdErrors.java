package io.kubee.storage.etcd;

import io.etcd.jetcd.common.exception.ClosedClientException;
import io.kubee.storage.StorageException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns jetcd failures into storage failures. */
final class EtcdErrors {
  /** etcd's messages (server/mvcc/kvstore.go: ErrCompacted, ErrFutureRev). */
  private static final String COMPACTED = "required revision has been compacted";
  private static final String FUTURE = "required revision is a future revision";

  private EtcdErrors() {}

  /**
   * @return a {@link RevisionException} for a compacted or future revision, the exception itself
   *     if it is already a storage failure, otherwise {@code UNAVAILABLE}
   */
  static RuntimeException translate(Throwable failure, String key, String what) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof StorageException storage) {
      return storage;
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    // jetcd reports these as EtcdException or, for retried calls, as the raw gRPC status
    if (message.contains(COMPACTED)) {
      return new RevisionException(RevisionException.Reason.COMPACTED, message, cause);
    }
    if (message.contains(FUTURE)) {
      return new RevisionException(RevisionException.Reason.FUTURE, message, cause);
    }
    if (cause instanceof ClosedClientException) {
      return new StorageException(StorageException.Code.UNAVAILABLE, key,
          "the storage is closed (" + what + ")", cause);
    }
    return new StorageException(StorageException.Code.UNAVAILABLE, key,
        "etcd failed (" + what + "): " + message, cause);
  }
}
