package io.kubee.apiserver.registry;

/**
 * A parsed {@code DeleteOptions} (body and query parameters).
 *
 * @param uid                precondition, "" for none
 * @param resourceVersion    precondition, "" for none
 * @param propagationPolicy  Orphan, Background or Foreground; "" when not given
 * @param gracePeriodSeconds null when not given
 * @param dryRun             whether nothing is to be stored
 */
public record DeleteRequest(
    String uid, String resourceVersion, String propagationPolicy, Long gracePeriodSeconds,
    boolean dryRun) {

  public static final DeleteRequest DEFAULT = new DeleteRequest("", "", "", null, false);
}
