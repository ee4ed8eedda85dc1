package io.kubee.node.server;

import io.kubee.node.cri.RuntimeService;
import io.kubee.node.pod.PodCache;
import io.kubee.node.pod.PodManager;
import io.kubee.node.stats.SummaryProvider;
import io.kubee.node.status.StatusManager;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.ExecutorService;

/**
 * What the kubelet API serves from.
 *
 * @param blocking threads for work that blocks (following a log file)
 * @param clients  event loops for the SPDY connections to the runtime's streaming server
 */
public record KubeletApiContext(PodManager pods, StatusManager statuses, PodCache cache,
    RuntimeService runtime, SummaryProvider summary, EventLoopGroup clients,
    ExecutorService blocking) {}
