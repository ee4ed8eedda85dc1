package io.kubee.apiserver.registry;

import io.kubee.api.selector.FieldSelector;
import io.kubee.api.selector.LabelSelector;

/**
 * The options of a list or watch, parsed (Kubernetes' {@code metav1.ListOptions}).
 *
 * @param resourceVersion  0 when not given ("latest"); see {@code resourceVersionGiven}
 * @param resourceVersionGiven whether the request named a resourceVersion (even "0")
 * @param exact            resourceVersionMatch=Exact
 * @param limit            0 for no paging
 * @param continueToken    null on the first page
 * @param timeoutSeconds   watch duration, 0 for the server's choice
 * @param bookmarks        allowWatchBookmarks
 */
public record ListQuery(
    LabelSelector labelSelector,
    FieldSelector fieldSelector,
    long resourceVersion,
    boolean resourceVersionGiven,
    boolean exact,
    long limit,
    String continueToken,
    long timeoutSeconds,
    boolean bookmarks) {}
