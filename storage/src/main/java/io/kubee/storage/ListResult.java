package io.kubee.storage;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a list.
 *
 * @param items              the objects, each with its resourceVersion
 * @param resourceVersion    the revision the whole (paged) list is consistent at
 * @param continueToken      the token for the next page, or null when this is the last
 * @param remainingItemCount how many keys follow this page before filtering, or null when not
 *                           known (a predicate filtered, or this is the last page)
 */
public record ListResult(
    List<ObjectNode> items, long resourceVersion, String continueToken, Long remainingItemCount) {}
