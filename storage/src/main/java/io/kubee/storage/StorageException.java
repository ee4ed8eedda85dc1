package io.kubee.storage;

/**
 * A storage failure. The apiserver turns each code into the Kubernetes error for the resource
 * concerned (NOT_FOUND → 404, KEY_EXISTS → 409 AlreadyExists, RESOURCE_VERSION_TOO_OLD → 410,
 * INVALID_CONTINUE → 400, TOO_LARGE_RESOURCE_VERSION → 504, UNAVAILABLE → 503).
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Code {
    NOT_FOUND,
    KEY_EXISTS,
    /** The requested revision is compacted or older than the watch cache and etcd still hold. */
    RESOURCE_VERSION_TOO_OLD,
    /** The requested revision is newer than the store has reached (after waiting briefly). */
    TOO_LARGE_RESOURCE_VERSION,
    /** A continue token that was not produced by {@link Storage#list}. */
    INVALID_CONTINUE,
    /**
     * etcd did not answer in time or refused (any etcd failure that is none of the above), the
     * storage is closed, or an update kept conflicting.
     */
    UNAVAILABLE
  }

  private final Code code;
  private final String key;

  public StorageException(Code code, String key, String message) {
    this(code, key, message, null);
  }

  public StorageException(Code code, String key, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.key = key;
  }

  public Code code() {
    return code;
  }

  /** The key concerned, or the prefix for lists and watches. */
  public String key() {
    return key;
  }
}
