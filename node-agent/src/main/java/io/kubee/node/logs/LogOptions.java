package io.kubee.node.logs;

import java.time.Instant;

/**
 * What part of a container log to read (kubelet's {@code PodLogOptions} as the containerLogs
 * endpoint takes them).
 *
 * @param follow     keep streaming while the container runs
 * @param tailLines  only the last N lines (null: all)
 * @param since      only lines at or after this time (null: all)
 * @param timestamps prefix each line with its RFC 3339 timestamp
 * @param limitBytes stop after this many bytes (null: no limit)
 */
public record LogOptions(boolean follow, Long tailLines, Instant since, boolean timestamps,
    Long limitBytes) {
  public static final LogOptions ALL = new LogOptions(false, null, null, false, null);
}
