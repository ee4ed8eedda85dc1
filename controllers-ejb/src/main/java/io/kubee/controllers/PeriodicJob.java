package io.kubee.controllers;

import java.time.Duration;

/**
 * Work a controller does on a period rather than on events (the node monitor every
 * node-monitor-period, pod garbage collection, autoscaler resyncs). The EJB host runs it on an
 * interval timer; a run that is still going when the next is due is skipped.
 *
 * @param name   unique in the manager ("nodelifecycle/monitor")
 * @param action quick, or at least bounded; exceptions are logged
 */
public record PeriodicJob(String name, Duration period, Runnable action) {}
