package io.kubee.scheduler.framework;

/**
 * What a PostFilter plugin achieved: the node it nominated ("" for none, which also clears a
 * stale nomination) and its status (whose message joins the FailedScheduling event).
 */
public record PostFilterResult(String nominatedNode, Status status) {}
