package io.kubee.node.nodestatus;

import java.nio.file.Path;

/**
 * What the node is made of and how much of it is free (what kubelet gets from cAdvisor):
 * {@link SystemMachineInfo} reads /proc and the filesystems; hollow nodes report fixed figures.
 */
public interface MachineInfo {
  /** Usage of a filesystem: bytes and inodes (inodes 0 when unknown). */
  record FsStats(long capacityBytes, long availableBytes, long inodes, long inodesFree) {}

  /** Identity of the machine and its software. */
  record Identity(String machineId, String systemUuid, String bootId, String kernelVersion,
      String osImage, String operatingSystem, String architecture) {}

  int cpuCores();

  long memoryCapacityBytes();

  long memoryAvailableBytes();

  FsStats filesystem(Path path);

  /** The kernel's pid limit. */
  long maxPids();

  /** Processes and threads that exist now. */
  long currentProcesses();

  Identity identity();
}
