package io.kubee.storage.etcd;

/**
 * etcd refused a revision: compacted away, or not reached yet. Internal: callers turn it into
 * the {@link io.kubee.storage.StorageException} their operation calls for.
 */
final class RevisionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  enum Reason { COMPACTED, FUTURE }

  private final Reason reason;

  RevisionException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
