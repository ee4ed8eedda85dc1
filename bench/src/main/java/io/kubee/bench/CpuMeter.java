package io.kubee.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU time of this JVM, the apiserver's JVM and etcd (from {@code /proc/<pid>/stat}), and of the
 * whole machine (from {@code /proc/stat}), so that each run shows what a request costs in CPU
 * and how much of the machine something else used meanwhile (the machines are shared). Linux
 * only; elsewhere, or without the PIDs, the figures are absent. Resolution: one clock tick
 * (10 ms), summed over thousands of requests.
 */
final class CpuMeter {
  /** Linux's USER_HZ: /proc counts CPU time in these ticks. */
  private static final double TICKS_PER_SECOND = 100.0;

  /** CPU seconds consumed at one instant (negative: unknown). */
  record Snapshot(long nanos, double bench, double server, double etcd, double machineBusy,
      double interrupts) {}

  /** CPU used between two snapshots. */
  record Usage(double wallSeconds, double bench, double server, double etcd, double machineBusy,
      double interrupts, int cores) {
    /**
     * Busy CPU of every other process (other engineers' builds, kernel threads): the machine's
     * busy time less ours and less interrupt time (irq, softirq — on loopback, mostly the
     * receive side of our own TCP traffic, which no process is charged for).
     */
    double other() {
      if (machineBusy < 0 || bench < 0) {
        return -1;
      }
      return Math.max(0, machineBusy - Math.max(0, interrupts) - bench - Math.max(0, server)
          - Math.max(0, etcd));
    }

    /** Share of the machine's CPU capacity in use, 0..1. */
    double busyShare() {
      return machineBusy < 0 ? -1 : machineBusy / (wallSeconds * cores);
    }

    /** "bench · wildfly · etcd · softirq · other" CPU milliseconds per operation. */
    String perOp(long ops) {
      if (ops <= 0 || bench < 0) {
        return "–";
      }
      return String.format(Locale.ROOT, "%s · %s · %s · %s · %s", ms(bench, ops),
          ms(server, ops), ms(etcd, ops), ms(interrupts, ops), ms(other(), ops));
    }

    private static String ms(double seconds, long ops) {
      return seconds < 0 ? "?" : String.format(Locale.ROOT, "%.2f", seconds * 1000 / ops);
    }

    String json(long ops) {
      return String.format(Locale.ROOT, "{\"wallSeconds\":%.3f,\"benchCpuSeconds\":%s,"
              + "\"serverCpuSeconds\":%s,\"etcdCpuSeconds\":%s,\"machineBusyCpuSeconds\":%s,"
              + "\"interruptCpuSeconds\":%s,\"otherCpuSeconds\":%s,\"machineBusyShare\":%s,"
              + "\"ops\":%d}", wallSeconds, num(bench), num(server), num(etcd), num(machineBusy),
          num(interrupts), num(other()), num(busyShare()), ops);
    }

    private static String num(double v) {
      return v < 0 ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }
  }

  private final long serverPid;
  private final long etcdPid;
  private final int cores = Runtime.getRuntime().availableProcessors();

  /** PIDs of 0 are not measured. */
  CpuMeter(long serverPid, long etcdPid) {
    this.serverPid = serverPid;
    this.etcdPid = etcdPid;
  }

  Snapshot take() {
    return new Snapshot(System.nanoTime(), process("self"),
        serverPid > 0 ? process(Long.toString(serverPid)) : -1,
        etcdPid > 0 ? process(Long.toString(etcdPid)) : -1, machine(false), machine(true));
  }

  Usage between(Snapshot a, Snapshot b) {
    return new Usage((b.nanos() - a.nanos()) / 1e9, diff(a.bench(), b.bench()),
        diff(a.server(), b.server()), diff(a.etcd(), b.etcd()),
        diff(a.machineBusy(), b.machineBusy()), diff(a.interrupts(), b.interrupts()), cores);
  }

  private static double diff(double a, double b) {
    return a < 0 || b < 0 ? -1 : b - a;
  }

  /** utime + stime of a process (all its threads), in seconds; -1 if unknown. */
  private static double process(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      // the command name (field 2) may contain spaces: count fields after its ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // f[0] is field 3 (state); utime and stime are fields 14 and 15
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * CPU seconds of the whole machine since boot: busy (all but idle, iowait and steal), or only
   * interrupts (irq and softirq).
   */
  private static double machine(boolean interruptsOnly) {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 7; i++) { // not steal (8), guest (in user)
        if (interruptsOnly ? i == 6 || i == 7 : i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (Exception e) {
      return -1;
    }
  }
}
