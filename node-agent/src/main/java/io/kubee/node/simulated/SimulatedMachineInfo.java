package io.kubee.node.simulated;

import io.kubee.node.nodestatus.MachineInfo;
import java.nio.file.Path;

/**
 * The machine a hollow node pretends to be (kubemark's hollow nodes report fixed capacity):
 * 8 CPUs, 32 GiB, 100 GiB of disk, nothing under pressure.
 */
public final class SimulatedMachineInfo implements MachineInfo {
  private static final long GIB = 1L << 30;
  private final String name;

  public SimulatedMachineInfo(String name) {
    this.name = name;
  }

  @Override
  public int cpuCores() {
    return 8;
  }

  @Override
  public long memoryCapacityBytes() {
    return 32 * GIB;
  }

  @Override
  public long memoryAvailableBytes() {
    return 30 * GIB;
  }

  @Override
  public FsStats filesystem(Path path) {
    return new FsStats(100 * GIB, 90 * GIB, 6_000_000, 5_900_000);
  }

  @Override
  public long maxPids() {
    return 4_194_304;
  }

  @Override
  public long currentProcesses() {
    return 100;
  }

  @Override
  public Identity identity() {
    String id = String.format("%032x", name.hashCode() & 0xffffffffL);
    return new Identity(id, id, id, "simulated", "Kubee hollow node", "linux", "amd64");
  }
}
