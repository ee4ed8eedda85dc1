package io.kubee.storage.cache;

/**
 * One change of one key as the store reports it, before decoding: the bytes of the new value
 * and of the previous one. Produced by a {@link WatchSource}, decoded once by the dispatcher.
 *
 * @param kind           a write or a deletion
 * @param key            the key
 * @param revision       the revision of the change (for a deletion: the revision of the delete)
 * @param createRevision the revision that created the key (equal to {@code revision} for a
 *                       creation); 0 for deletions
 * @param value          the new value; null for deletions
 * @param prevValue      the value before the change, or null when there was none (creation) or
 *                       the store could not tell (its revision was compacted)
 * @param prevRevision   the revision of {@code prevValue}; 0 when it is null
 */
public record RawEvent(
    Kind kind, String key, long revision, long createRevision, byte[] value, byte[] prevValue,
    long prevRevision) {

  public enum Kind { PUT, DELETE }

  public static RawEvent put(String key, long revision, long createRevision, byte[] value,
      byte[] prevValue, long prevRevision) {
    return new RawEvent(Kind.PUT, key, revision, createRevision, value, prevValue, prevRevision);
  }

  public static RawEvent delete(String key, long revision, byte[] prevValue, long prevRevision) {
    return new RawEvent(Kind.DELETE, key, revision, 0, null, prevValue, prevRevision);
  }

  @Override
  public String toString() {
    return kind + " " + key + "@" + revision;
  }
}
