package io.kubee.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scheduler benchmark (issue 4, item 7): scheduler_perf's SchedulingBasic against a running
 * cluster whose scheduler is up; {@code bench/scheduler-perf.sh} starts one as the published
 * results were measured (no node agent, controllers off) and runs this. By hand:
 * {@code java -cp bench/target/kubee-bench.jar io.kubee.bench.SchedulerPerf --nodes 5000
 * --init-pods 1000 --pods 10000}. Everything it creates (a namespace, nodes labelled with the
 * run) is deleted at the end unless {@code --keep}.
 */
@Command(name = "scheduler-perf", mixinStandardHelpOptions = true, sortOptions = false,
    description = "scheduler_perf SchedulingBasic: N nodes, then pods; pods/s and latency.")
public final class SchedulerPerf implements Callable<Integer> {
  @Option(names = "--api", defaultValue = "http://127.0.0.1:8080",
      description = "apiserver base URL over plain HTTP (default: ${DEFAULT-VALUE})")
  URI api;

  @Option(names = "--nodes", defaultValue = "500", description = "nodes (default: ${DEFAULT-VALUE})")
  int nodes;

  @Option(names = "--init-pods", defaultValue = "500",
      description = "pods scheduled before measuring (default: ${DEFAULT-VALUE})")
  int initPods;

  @Option(names = "--pods", defaultValue = "1000",
      description = "measured pods (default: ${DEFAULT-VALUE})")
  int pods;

  @Option(names = "--clients", defaultValue = "32",
      description = "concurrent create requests (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--timeout", defaultValue = "PT10M",
      description = "how long scheduling may take (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(names = "--out", defaultValue = "bench/results",
      description = "directory for the result files (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--label", defaultValue = "", description = "a note stored with the results")
  String label;

  @Option(names = "--server-pid", defaultValue = "0", description = "PID of WildFly's JVM")
  long serverPid;

  @Option(names = "--etcd-pid", defaultValue = "0", description = "PID of etcd")
  long etcdPid;

  @Option(names = "--keep", description = "keep the nodes and pods")
  boolean keep;

  private static String[] commandLine = new String[0];
  private final PrintStream log = System.err;

  public static void main(String[] args) {
    commandLine = args.clone();
    System.exit(new CommandLine(new SchedulerPerf()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    HttpClient http = Api.newClient();
    Api client = new Api(api, http);
    if (client.get("/readyz").status() != 200) {
      log.println("scheduler-perf: " + api + "/readyz does not answer 200: run bin/kubee up");
      return 2;
    }
    String lease = client.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/"
        + "kube-scheduler").text();
    if (!lease.contains("holderIdentity")) {
      log.println("scheduler-perf: no scheduler holds the kube-scheduler Lease yet");
      return 2;
    }
    String run = "sp" + Long.toString(System.currentTimeMillis() / 1000 % 100_000_000, 36);
    String ns = "bench-" + run;
    client.createNamespace(ns, run);
    SchedulingBasic workload = new SchedulingBasic(client, http, log, clients);
    Instant started = Instant.now();
    double load = loadAverage();
    SchedulingBasic.Result r;
    try {
      r = workload.run(ns, run, nodes, initPods, pods, new CpuMeter(serverPid, etcdPid),
          timeout);
    } finally {
      if (!keep) {
        log.println("scheduler_perf: cleaning up");
        workload.cleanUp(ns, run);
      }
    }
    String report = report(r, started, load);
    System.out.println(report);
    Files.createDirectories(out);
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
        .format(started);
    Files.writeString(out.resolve("scheduler-perf-" + stamp + ".md"), report,
        StandardCharsets.UTF_8);
    return 0;
  }

  private String report(SchedulingBasic.Result r, Instant started, double load) {
    StringBuilder b = new StringBuilder();
    b.append("# scheduler_perf SchedulingBasic ").append(r.nodes()).append(" nodes / ")
        .append(r.pods()).append(" pods — ").append(started).append(label.isEmpty() ? ""
            : " — " + label).append("\n\n");
    b.append("- command: `scheduler-perf ").append(String.join(" ", commandLine)).append("`\n");
    b.append(String.format(Locale.ROOT, "- load average before: %.2f; create clients: %d; "
        + "init pods: %d; create failures: %d%n", load, clients, r.initPods(), r.createFailures()));
    b.append("\n| nodes | pods | seconds | pods/s average | p50 | p90 | p99 | max "
        + "| latency p50 ms | p90 | p99 | max |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        + "---:|---:|---:|\n");
    b.append(String.format(Locale.ROOT, "| %d | %d | %.1f | **%.0f** | %.0f | %.0f | %.0f | %.0f "
            + "| %s | %s | %s | %s |%n", r.nodes(), r.pods(), r.seconds(), r.average(), r.p50(),
        r.p90(), r.p99(), r.max(), Stats.fmt(r.latency().p50()), Stats.fmt(r.latency().p90()),
        Stats.fmt(r.latency().p99()), Stats.fmt(r.latency().max())));
    b.append("\n- per-second bindings: ").append(Arrays.toString(r.perSecond())).append('\n');
    b.append("- CPU ms per pod (bench · wildfly · etcd · softirq · other): ")
        .append(r.cpu().perOp(r.pods())).append(String.format(Locale.ROOT,
            "; machine busy %.0f %%%n", r.cpu().busyShare() * 100));
    b.append("- percentiles of the per-second samples are scheduler_perf's (nearest rank); "
        + "latency is create request sent → binding seen by a watch\n");
    return b.toString();
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return -1;
    }
  }
}
