package io.kubee.storage;

import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * How to list.
 *
 * @param limit           at most this many items per page; 0 for no paging
 * @param continueToken   the token of the previous page, or null for the first page
 * @param resourceVersion 0 for the latest state; otherwise with {@code exact} the state at that
 *                        revision (410 if compacted), without it a state at least that new
 * @param exact           Kubernetes' {@code resourceVersionMatch=Exact}
 * @param predicate       which objects to return (null: all); paging counts returned objects
 */
public record ListOptions(
    long limit, String continueToken, long resourceVersion, boolean exact,
    Predicate<ObjectNode> predicate) {

  public static ListOptions all() {
    return new ListOptions(0, null, 0, false, o -> true);
  }

  public static ListOptions filtered(Predicate<ObjectNode> predicate) {
    return new ListOptions(0, null, 0, false, predicate);
  }
}
