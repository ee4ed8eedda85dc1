package io.kubee.storage.cache;

import java.util.List;

/**
 * A stream of changes under a key prefix, as etcd's watch API gives it (implemented on jetcd in
 * {@code io.kubee.storage.etcd}). The watch cache depends on this interface only, so it never
 * sees a jetcd type.
 */
public interface WatchSource {

  /**
   * Starts delivering every change under {@code keyPrefix} (or, if it does not end with "/", of
   * that one key) with a revision greater than {@code afterRevision}, in revision order, to
   * {@code listener}. Never blocks; failures arrive
   * through the listener. Exactly one of {@link Listener#onCompacted} or
   * {@link Listener#onBroken} ends a subscription that the caller did not close.
   */
  Subscription watch(String keyPrefix, long afterRevision, Listener listener);

  /** One open watch. */
  interface Subscription extends AutoCloseable {
    /**
     * Asks the store to report its current revision ({@link Listener#onProgress}). Ignored
     * while the stream is broken.
     */
    void requestProgress();

    /** Stops the watch; the listener hears nothing more. Idempotent. */
    @Override
    void close();
  }

  /**
   * Receives a subscription's output. Called from the store client's I/O threads: every method
   * must return quickly and never block.
   */
  interface Listener {
    /**
     * Changes of one store response, in revision order. All changes of one revision arrive in
     * one call.
     */
    void onEvents(List<RawEvent> events);

    /**
     * The store's revision at the time of a progress report. Older store versions (etcd 3.4)
     * may send it ahead of events with smaller revisions that were already queued, so callers
     * treat it as a hint.
     */
    void onProgress(long revision);

    /** The requested revision has been compacted away: the subscription has ended. */
    void onCompacted(long compactRevision);

    /** The stream broke (store restarted, connection lost): the subscription has ended. */
    void onBroken(Throwable cause);
  }
}
