package io.kubee.node.nodestatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The machine the node agent runs on, from /proc, /sys, /etc and statfs(2). */
public final class SystemMachineInfo implements MachineInfo {
  @Override
  public int cpuCores() {
    try {
      long n = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("processor")).count();
      return n > 0 ? (int) n : Runtime.getRuntime().availableProcessors();
    } catch (IOException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  @Override
  public long memoryCapacityBytes() {
    return meminfo("MemTotal:");
  }

  @Override
  public long memoryAvailableBytes() {
    return meminfo("MemAvailable:");
  }

  private static long meminfo(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith(key)) {
          String[] f = line.split("\\s+");
          return Long.parseLong(f[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  @Override
  public FsStats filesystem(Path path) {
    Path existing = path.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return new FsStats(0, 0, 0, 0);
    }
    long capacity = 0;
    long available = 0;
    try {
      FileStore store = Files.getFileStore(existing);
      capacity = store.getTotalSpace();
      available = store.getUsableSpace();
    } catch (IOException e) {
      return new FsStats(0, 0, 0, 0);
    }
    long[] inodes = inodes(existing);
    return new FsStats(capacity, available, inodes[0], inodes[1]);
  }

  /** Total and free inodes through stat(1): the JDK does not expose them. */
  private static long[] inodes(Path path) {
    try {
      Process p = new ProcessBuilder("stat", "-f", "-c", "%c %d", path.toString())
          .redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new long[] {0, 0};
      }
      String[] f = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()
          .split("\\s+");
      return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new long[] {0, 0};
    }
  }

  @Override
  public long maxPids() {
    return readLong("/proc/sys/kernel/pid_max", 32768);
  }

  @Override
  public long currentProcesses() {
    try {
      // the fourth field of loadavg is running/total scheduling entities
      String[] f = read("/proc/loadavg").split("\\s+");
      return Long.parseLong(f[3].split("/")[1]);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  @Override
  public Identity identity() {
    String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
    arch = switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
    return new Identity(
        read("/etc/machine-id"),
        read("/sys/class/dmi/id/product_uuid"),
        read("/proc/sys/kernel/random/boot_id"),
        read("/proc/sys/kernel/osrelease"),
        osImage(),
        "linux",
        arch);
  }

  private static String osImage() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/etc/os-release"));
      for (String line : lines) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      return "Linux";
    }
    return "Linux";
  }

  /**
   * A small /proc or /sys file. Read line by line: Files.readString returns only the first
   * byte of some sysctl files (it reads at an offset once the first read came back short).
   */
  private static String read(String file) {
    try {
      return String.join("\n", Files.readAllLines(Path.of(file))).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static long readLong(String file, long fallback) {
    try {
      return Long.parseLong(read(file));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
