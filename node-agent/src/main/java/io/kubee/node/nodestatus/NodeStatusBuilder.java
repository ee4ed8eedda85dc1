package io.kubee.node.nodestatus;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeDaemonEndpoints;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubee.node.KubeletConfig;
import io.kubee.node.cri.v1.Image;
import io.kubee.node.util.Quantities;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Node's status (kubelet's {@code nodestatus} setters): addresses, capacity read from the
 * machine, allocatable after kube-reserved, system-reserved and the hard eviction thresholds,
 * nodeInfo, the images on the node (the 50 largest, as kubelet), the kubelet endpoint and the
 * conditions.
 */
public final class NodeStatusBuilder {
  static final int MAX_IMAGES = 50;

  /** The runtime's side of node status. */
  public record RuntimeFacts(String runtimeVersion, boolean runtimeReady, String runtimeMessage,
      boolean networkReady, String networkMessage, Path imageFs, List<Image> images) {}

  private final KubeletConfig config;
  private final MachineInfo machine;

  public NodeStatusBuilder(KubeletConfig config, MachineInfo machine) {
    this.config = config;
    this.machine = machine;
  }

  public Map<String, Quantity> capacity() {
    Map<String, Quantity> capacity = new LinkedHashMap<>();
    capacity.put("cpu", new Quantity(Integer.toString(machine.cpuCores())));
    capacity.put("ephemeral-storage",
        Quantities.kibibytes(machine.filesystem(config.rootDir()).capacityBytes()));
    capacity.put("memory", Quantities.kibibytes(machine.memoryCapacityBytes()));
    capacity.put("pods", new Quantity(Integer.toString(config.maxPods())));
    return capacity;
  }

  /** Capacity less what is reserved for the system and Kubernetes, and the eviction margin. */
  public Map<String, Quantity> allocatable() {
    long cpu = machine.cpuCores() * 1000L - milli("cpu");
    long memory = machine.memoryCapacityBytes() - bytes("memory")
        - threshold("memory.available", machine.memoryCapacityBytes());
    long storageCapacity = machine.filesystem(config.rootDir()).capacityBytes();
    long storage = storageCapacity - bytes("ephemeral-storage")
        - threshold("nodefs.available", storageCapacity);
    Map<String, Quantity> allocatable = new LinkedHashMap<>();
    allocatable.put("cpu", Quantities.cores(Math.max(0, cpu)));
    allocatable.put("ephemeral-storage", new Quantity(Long.toString(Math.max(0, storage))));
    allocatable.put("memory", Quantities.kibibytes(Math.max(0, memory) / 1024 * 1024));
    allocatable.put("pods", new Quantity(Integer.toString(config.maxPods())));
    return allocatable;
  }

  private long milli(String resource) {
    return Quantities.milliCpu(Quantities.get(config.kubeReserved(), resource))
        + Quantities.milliCpu(Quantities.get(config.systemReserved(), resource));
  }

  private long bytes(String resource) {
    return Quantities.bytes(Quantities.get(config.kubeReserved(), resource))
        + Quantities.bytes(Quantities.get(config.systemReserved(), resource));
  }

  private long threshold(String signal, long capacity) {
    EvictionThresholds.Threshold t = config.evictionHard().get(signal);
    return t == null ? 0 : t.value(capacity);
  }

  /** The pressure signals now. */
  public NodeConditions.Signals signals(RuntimeFacts runtime, boolean plegHealthy,
      String plegMessage) {
    EvictionThresholds eviction = config.evictionHard();
    boolean memory = eviction.crossed("memory.available", machine.memoryAvailableBytes(),
        machine.memoryCapacityBytes());
    MachineInfo.FsStats nodefs = machine.filesystem(config.rootDir());
    MachineInfo.FsStats imagefs = runtime.imageFs() == null ? nodefs
        : machine.filesystem(runtime.imageFs());
    boolean disk = eviction.crossed("nodefs.available", nodefs.availableBytes(),
        nodefs.capacityBytes())
        || eviction.crossed("nodefs.inodesFree", nodefs.inodesFree(), nodefs.inodes())
        || eviction.crossed("imagefs.available", imagefs.availableBytes(), imagefs.capacityBytes())
        || eviction.crossed("imagefs.inodesFree", imagefs.inodesFree(), imagefs.inodes());
    long maxPids = machine.maxPids();
    boolean pid = eviction.crossed("pid.available", maxPids - machine.currentProcesses(), maxPids);
    return new NodeConditions.Signals(memory, disk, pid, runtime.runtimeReady(),
        runtime.runtimeMessage(), runtime.networkReady(), runtime.networkMessage(), plegHealthy,
        plegMessage);
  }

  public NodeStatus build(RuntimeFacts runtime, NodeConditions.Signals signals,
      List<NodeCondition> previous, Instant now) {
    NodeStatus status = new NodeStatus();
    List<NodeAddress> addresses = new ArrayList<>();
    for (String ip : config.nodeIps()) {
      addresses.add(new NodeAddress(ip, "InternalIP"));
    }
    addresses.add(new NodeAddress(config.hostname(), "Hostname"));
    status.setAddresses(addresses);
    status.setCapacity(capacity());
    status.setAllocatable(allocatable());
    status.setConditions(NodeConditions.build(signals, previous, now));
    NodeDaemonEndpoints endpoints = new NodeDaemonEndpoints();
    endpoints.setKubeletEndpoint(new io.fabric8.kubernetes.api.model.DaemonEndpoint(
        config.port()));
    status.setDaemonEndpoints(endpoints);
    MachineInfo.Identity id = machine.identity();
    NodeSystemInfo info = new NodeSystemInfo();
    info.setMachineID(id.machineId());
    info.setSystemUUID(id.systemUuid());
    info.setBootID(id.bootId());
    info.setKernelVersion(id.kernelVersion());
    info.setOsImage(id.osImage());
    info.setOperatingSystem(id.operatingSystem());
    info.setArchitecture(id.architecture());
    info.setContainerRuntimeVersion(runtime.runtimeVersion());
    info.setKubeletVersion(KubeletConfig.KUBELET_VERSION);
    info.setKubeProxyVersion("");
    status.setNodeInfo(info);
    status.setImages(images(runtime.images()));
    return status;
  }

  static List<ContainerImage> images(List<Image> images) {
    return images.stream().sorted(Comparator.comparingLong(Image::getSize).reversed())
        .limit(MAX_IMAGES)
        .map(i -> {
          List<String> names = new ArrayList<>(i.getRepoDigestsList());
          names.addAll(i.getRepoTagsList());
          return new ContainerImage(names, i.getSize());
        })
        .filter(i -> !i.getNames().isEmpty())
        .toList();
  }
}
