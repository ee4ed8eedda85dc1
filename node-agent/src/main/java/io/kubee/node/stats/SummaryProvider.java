package io.kubee.node.stats;

import io.fabric8.kubernetes.api.model.Pod;
import io.grpc.StatusRuntimeException;
import io.kubee.api.codec.Codec;
import io.kubee.node.cri.ImageService;
import io.kubee.node.cri.RuntimeService;
import io.kubee.node.cri.v1.ContainerStats;
import io.kubee.node.cri.v1.CpuUsage;
import io.kubee.node.cri.v1.FilesystemUsage;
import io.kubee.node.cri.v1.MemoryUsage;
import io.kubee.node.cri.v1.PodSandboxStats;
import io.kubee.node.kuberuntime.Labels;
import io.kubee.node.nodestatus.MachineInfo;
import io.kubee.node.pod.PodManager;
import io.kubee.node.util.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kubelet's stats summary ({@code /stats/summary}, API {@code stats/v1alpha1} of
 * k8s.io/kubelet): CPU, memory, filesystem and process figures for the node from /proc and the
 * filesystems, and for each pod and container from CRI ListPodSandboxStats and
 * ListContainerStats — what the metrics add-on scrapes.
 */
public final class SummaryProvider {
  private final String nodeName;
  private final Path rootDir;
  private final Path logDir;
  private final MachineInfo machine;
  private final RuntimeService runtime;
  private final ImageService images;
  private final PodManager pods;
  private final Clock clock;
  private long lastCpuNanos = -1;
  private long lastSampleNanos;
  private long usageNanoCores;

  public SummaryProvider(String nodeName, Path rootDir, Path logDir, MachineInfo machine,
      RuntimeService runtime, ImageService images, PodManager pods, Clock clock) {
    this.nodeName = nodeName;
    this.rootDir = rootDir;
    this.logDir = logDir;
    this.machine = machine;
    this.runtime = runtime;
    this.images = images;
    this.pods = pods;
    this.clock = clock;
  }

  public synchronized ObjectNode summary() {
    ObjectNode summary = Codec.INSTANCE.newObject();
    summary.set("node", node());
    summary.set("pods", pods());
    return summary;
  }

  private ObjectNode node() {
    String now = Times.format(clock.instant());
    ObjectNode node = Codec.INSTANCE.newObject();
    node.put("nodeName", nodeName);
    node.put("startTime", Times.format(bootTime()));
    ObjectNode cpu = node.putObject("cpu");
    cpu.put("time", now);
    long cpuNanos = cpuUsageNanos();
    long sample = System.nanoTime();
    if (lastCpuNanos >= 0 && sample > lastSampleNanos) {
      usageNanoCores = (cpuNanos - lastCpuNanos) * 1_000_000_000L / (sample - lastSampleNanos);
    }
    lastCpuNanos = cpuNanos;
    lastSampleNanos = sample;
    cpu.put("usageNanoCores", usageNanoCores);
    cpu.put("usageCoreNanoSeconds", cpuNanos);
    ObjectNode memory = node.putObject("memory");
    long total = machine.memoryCapacityBytes();
    long available = machine.memoryAvailableBytes();
    memory.put("time", now);
    memory.put("availableBytes", available);
    memory.put("usageBytes", total - available);
    memory.put("workingSetBytes", total - available);
    node.set("fs", fs(machine.filesystem(rootDir), now));
    ObjectNode runtimeNode = node.putObject("runtime");
    try {
      List<FilesystemUsage> fs = images.imageFsInfo();
      if (!fs.isEmpty()) {
        String mount = fs.get(0).getFsId().getMountpoint();
        ObjectNode imageFs = fs(machine.filesystem(mount.isEmpty() ? rootDir : Path.of(mount)),
            now);
        imageFs.put("usedBytes", fs.get(0).getUsedBytes().getValue());
        runtimeNode.set("imageFs", imageFs);
      }
    } catch (StatusRuntimeException e) {
      // the runtime's figures are optional
    }
    ObjectNode rlimit = node.putObject("rlimit");
    rlimit.put("time", now);
    rlimit.put("maxpid", machine.maxPids());
    rlimit.put("curproc", machine.currentProcesses());
    return node;
  }

  private ArrayNode pods() {
    ArrayNode out = Codec.INSTANCE.json().createArrayNode();
    Map<String, List<ContainerStats>> containers = new LinkedHashMap<>();
    Map<String, PodSandboxStats> sandboxes = new LinkedHashMap<>();
    try {
      for (ContainerStats c : runtime.listContainerStats(null)) {
        String uid = c.getAttributes().getLabelsMap().get(Labels.POD_UID);
        if (uid != null) {
          containers.computeIfAbsent(uid, k -> new ArrayList<>()).add(c);
        }
      }
    } catch (StatusRuntimeException e) {
      // no container figures
    }
    try {
      for (PodSandboxStats s : runtime.listPodSandboxStats(null)) {
        String uid = s.getAttributes().getLabelsMap().get(Labels.POD_UID);
        if (uid != null) {
          sandboxes.put(uid, s);
        }
      }
    } catch (StatusRuntimeException e) {
      // containerd may not serve pod figures: they are summed from the containers
    }
    for (Pod pod : pods.all()) {
      String uid = pod.getMetadata().getUid();
      ObjectNode p = out.addObject();
      ObjectNode ref = p.putObject("podRef");
      ref.put("name", pod.getMetadata().getName());
      ref.put("namespace", pod.getMetadata().getNamespace());
      ref.put("uid", uid);
      if (pod.getStatus() != null && pod.getStatus().getStartTime() != null) {
        p.put("startTime", pod.getStatus().getStartTime());
      }
      ArrayNode list = p.putArray("containers");
      long cpuNano = 0;
      long cpuTotal = 0;
      long workingSet = 0;
      long usage = 0;
      for (ContainerStats c : containers.getOrDefault(uid, List.of())) {
        ObjectNode cs = list.addObject();
        cs.put("name", c.getAttributes().getMetadata().getName());
        cs.set("cpu", cpu(c.getCpu()));
        cs.set("memory", memory(c.getMemory()));
        if (c.hasWritableLayer()) {
          ObjectNode rootfs = cs.putObject("rootfs");
          rootfs.put("usedBytes", c.getWritableLayer().getUsedBytes().getValue());
          rootfs.put("inodesUsed", c.getWritableLayer().getInodesUsed().getValue());
        }
        cpuNano += c.getCpu().getUsageNanoCores().getValue();
        cpuTotal += c.getCpu().getUsageCoreNanoSeconds().getValue();
        workingSet += c.getMemory().getWorkingSetBytes().getValue();
        usage += c.getMemory().getUsageBytes().getValue();
      }
      PodSandboxStats sandbox = sandboxes.get(uid);
      if (sandbox != null && sandbox.hasLinux() && sandbox.getLinux().hasCpu()) {
        p.set("cpu", cpu(sandbox.getLinux().getCpu()));
        p.set("memory", memory(sandbox.getLinux().getMemory()));
        if (sandbox.getLinux().hasProcess()) {
          p.putObject("process_stats").put("process_count",
              sandbox.getLinux().getProcess().getProcessCount().getValue());
        }
      } else {
        String now = Times.format(clock.instant());
        ObjectNode cpu = p.putObject("cpu");
        cpu.put("time", now);
        cpu.put("usageNanoCores", cpuNano);
        cpu.put("usageCoreNanoSeconds", cpuTotal);
        ObjectNode memory = p.putObject("memory");
        memory.put("time", now);
        memory.put("workingSetBytes", workingSet);
        memory.put("usageBytes", usage);
      }
      ObjectNode ephemeral = p.putObject("ephemeral-storage");
      ephemeral.put("usedBytes", directorySize(logDir.resolve(pod.getMetadata().getNamespace()
          + "_" + pod.getMetadata().getName() + "_" + uid))
          + directorySize(rootDir.resolve("pods").resolve(uid)));
    }
    return out;
  }

  private static ObjectNode cpu(CpuUsage usage) {
    ObjectNode cpu = Codec.INSTANCE.newObject();
    cpu.put("time", Times.format(Instant.ofEpochSecond(0, usage.getTimestamp())));
    cpu.put("usageNanoCores", usage.getUsageNanoCores().getValue());
    cpu.put("usageCoreNanoSeconds", usage.getUsageCoreNanoSeconds().getValue());
    return cpu;
  }

  private static ObjectNode memory(MemoryUsage usage) {
    ObjectNode memory = Codec.INSTANCE.newObject();
    memory.put("time", Times.format(Instant.ofEpochSecond(0, usage.getTimestamp())));
    memory.put("workingSetBytes", usage.getWorkingSetBytes().getValue());
    memory.put("usageBytes", usage.getUsageBytes().getValue());
    memory.put("rssBytes", usage.getRssBytes().getValue());
    memory.put("pageFaults", usage.getPageFaults().getValue());
    memory.put("majorPageFaults", usage.getMajorPageFaults().getValue());
    if (usage.hasAvailableBytes()) {
      memory.put("availableBytes", usage.getAvailableBytes().getValue());
    }
    return memory;
  }

  private static ObjectNode fs(MachineInfo.FsStats stats, String now) {
    ObjectNode fs = Codec.INSTANCE.newObject();
    fs.put("time", now);
    fs.put("availableBytes", stats.availableBytes());
    fs.put("capacityBytes", stats.capacityBytes());
    fs.put("usedBytes", stats.capacityBytes() - stats.availableBytes());
    fs.put("inodesFree", stats.inodesFree());
    fs.put("inodes", stats.inodes());
    fs.put("inodesUsed", stats.inodes() - stats.inodesFree());
    return fs;
  }

  /** Total CPU time of the machine from /proc/stat (jiffies of 10 ms). */
  private static long cpuUsageNanos() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle and iowait are not usage
          busy += Long.parseLong(f[i]);
        }
      }
      return busy * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static Instant bootTime() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("btime ")) {
          return Instant.ofEpochSecond(Long.parseLong(line.substring(6).trim()));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Instant.EPOCH;
    }
    return Instant.EPOCH;
  }

  private static long directorySize(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
