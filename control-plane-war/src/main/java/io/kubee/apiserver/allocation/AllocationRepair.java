package io.kubee.apiserver.allocation;

import io.kubee.storage.ListOptions;
import io.kubee.storage.Storage;
import io.kubee.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Releases the cluster IPs and node ports no service holds any more (deleted services, changed
 * ports, creates that failed after allocating), as Kubernetes' repair controllers for service
 * IPs and node ports do. Allocations younger than a grace period are left alone: their service
 * may still be on its way to storage.
 */
public final class AllocationRepair implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AllocationRepair.class);

  private final Storage storage;
  private final String servicesPrefix;
  private final Allocator ips;
  private final Allocator nodePorts;
  private final Duration grace;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  public AllocationRepair(Storage storage, String servicesPrefix, Allocator ips,
      Allocator nodePorts, Duration interval, Duration grace, Clock clock) {
    this.storage = storage;
    this.servicesPrefix = servicesPrefix;
    this.ips = ips;
    this.nodePorts = nodePorts;
    this.grace = grace;
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "kubee-allocation-repair");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::repairQuietly, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** One pass: returns how many allocations were released. */
  public int repair() {
    Set<String> heldIps = new HashSet<>();
    Set<String> heldPorts = new HashSet<>();
    for (ObjectNode service : storage.list(servicesPrefix, ListOptions.all()).items()) {
      String owner = ServiceAllocation.ownerOf(service);
      ServiceAllocation.clusterIPsOf(service).forEach(ip -> heldIps.add(owner + "|" + ip));
      ServiceAllocation.nodePortsOf(service).forEach(port -> heldPorts.add(owner + "|" + port));
    }
    return release(ips, heldIps) + release(nodePorts, heldPorts);
  }

  private int release(Allocator allocator, Set<String> held) {
    Instant cutoff = clock.instant().minus(grace);
    int released = 0;
    List<Allocator.Allocation> allocations = allocator.allocations();
    for (Allocator.Allocation allocation : allocations) {
      if (held.contains(allocation.owner() + "|" + allocation.value())) {
        continue;
      }
      if (!allocation.allocatedAt().isEmpty()
          && Instant.parse(allocation.allocatedAt()).isAfter(cutoff)) {
        continue;
      }
      allocator.release(allocation.value());
      released++;
    }
    return released;
  }

  private void repairQuietly() {
    try {
      int released = repair();
      if (released > 0) {
        LOG.info("released {} service IP and node port allocations no service holds", released);
      }
    } catch (StorageException | IllegalArgumentException e) {
      LOG.debug("allocation repair skipped: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
