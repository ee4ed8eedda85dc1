package io.kubee.bench;

import io.etcd.jetcd.ByteSequence;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Kubee benchmark (issue 2, item 9): API latency of create, get and list at several
 * concurrency levels, each beside the same operation straight against etcd (the floor under the
 * apiserver), and SSE watch fan-out. Runs against a cluster that is already up
 * ({@code bin/kubee up}); everything it creates lives in namespaces (and an etcd prefix) of its
 * own, deleted at the end.
 */
@Command(name = "kubee-bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "API latency (create, get, list) with an etcd baseline, and SSE watch fan-out, "
        + "against a running Kubee cluster.")
public final class KubeeBench implements Callable<Integer> {
  @Option(names = "--api", defaultValue = "http://127.0.0.1:8080",
      description = "apiserver base URL over plain HTTP (default: ${DEFAULT-VALUE})")
  URI api;

  @Option(names = "--etcd", defaultValue = "http://127.0.0.1:2379",
      description = "etcd client URL for the baseline (default: ${DEFAULT-VALUE})")
  String etcd;

  @Option(names = "--clients", split = ",", defaultValue = "1,16,64",
      description = "concurrency levels, closed loop (default: ${DEFAULT-VALUE})")
  List<Integer> clients;

  @Option(names = "--requests", defaultValue = "5000",
      description = "measured requests per scenario, target and level (default: ${DEFAULT-VALUE})")
  int requests;

  @Option(names = "--warmup", defaultValue = "1000",
      description = "unrecorded requests before each measured run (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--scenarios", split = ",", defaultValue = "version,create,get,list,watch",
      description = "any of version (GET /version: the HTTP/JAX-RS floor), create, get, list, "
          + "watch (default: ${DEFAULT-VALUE})")
  List<String> scenarios;

  @Option(names = "--no-etcd-baseline", description = "skip the jetcd runs")
  boolean noEtcdBaseline;

  @Option(names = "--list-size", defaultValue = "100",
      description = "configmaps in the namespace that list reads (default: ${DEFAULT-VALUE})")
  int listSize;

  @Option(names = "--watchers", defaultValue = "1000",
      description = "concurrent SSE watches (default: ${DEFAULT-VALUE})")
  int watchers;

  @Option(names = "--events", defaultValue = "200",
      description = "writes seen by every watcher (default: ${DEFAULT-VALUE})")
  int events;

  @Option(names = "--event-rate", defaultValue = "20",
      description = "writes per second during the fan-out (default: ${DEFAULT-VALUE})")
  double eventRate;

  @Option(names = "--watch-open-concurrency", defaultValue = "50",
      description = "watches being opened at once (default: ${DEFAULT-VALUE})")
  int openConcurrency;

  @Option(names = "--watch-settle", defaultValue = "PT60S",
      description = "how long to wait after the last write for missing deliveries "
          + "(ISO-8601 duration, default: ${DEFAULT-VALUE})")
  Duration settle;

  @Option(names = "--out", defaultValue = "bench/results",
      description = "directory for the result files (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--label", defaultValue = "",
      description = "a note stored with the results, e.g. 'run 1'")
  String label;

  @Option(names = "--server-pid", defaultValue = "0",
      description = "PID of the apiserver's JVM, for CPU per request (bin/kubee passes it)")
  long serverPid;

  @Option(names = "--etcd-pid", defaultValue = "0",
      description = "PID of etcd, for CPU per request (bin/kubee passes it)")
  long etcdPid;

  @Option(names = "--keep", description = "keep the benchmark's namespaces and etcd keys")
  boolean keep;

  private static String[] commandLine = new String[0];
  private final PrintStream log = System.err;

  public static void main(String[] args) {
    commandLine = args.clone();
    System.exit(new CommandLine(new KubeeBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    for (String s : scenarios) {
      if (!List.of("version", "create", "get", "list", "watch").contains(s)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "unknown scenario " + s);
      }
    }
    Environment env = new Environment();
    env.started = Instant.now();
    env.loadBefore = Environment.loadAverage();
    env.commandLine = "kubee-bench " + String.join(" ", commandLine);
    env.label = label;

    CpuMeter meter = new CpuMeter(serverPid, etcdPid);
    HttpClient http = Api.newClient();
    Api client = new Api(api, http);
    try {
      Api.Reply ready = client.get("/readyz");
      if (ready.status() != 200) {
        log.println("kubee-bench: " + api + "/readyz answers " + ready.status()
            + ": is the cluster up? (bin/kubee up)");
        return 2;
      }
      env.serverVersion = client.get("/version").text().replaceAll("\\s+", "");
    } catch (java.io.IOException e) {
      log.println("kubee-bench: nothing answers at " + api + " (" + e + "): run bin/kubee up");
      return 2;
    }

    String run = "b" + Long.toString(System.currentTimeMillis() / 1000 % 100_000_000, 36);
    String ns = "bench-" + run;
    String listNs = ns + "-list";
    String watchNs = ns + "-watch";
    String etcdPrefix = "/kubee-bench/" + run + "/";
    List<ClosedLoop.Result> loads = new ArrayList<>();
    WatchFanout.Result watch = null;
    Map<String, String> sizes = new LinkedHashMap<>();

    try (Etcd etcdClient = new Etcd(etcd)) {
      try {
        env.etcdVersion = etcdClient.serverVersion();
      } catch (Exception e) {
        log.println("kubee-bench: etcd at " + etcd + " does not answer (" + e + ")");
        return 2;
      }
      log.printf("kubee-bench: run %s against %s (etcd %s at %s)%n", run, api, env.etcdVersion,
          etcd);
      try {
        client.createNamespace(ns, run);
        client.createNamespace(listNs, run);
        client.createNamespace(watchNs, run);

        // what a create stores: the bytes the etcd baseline puts
        byte[] probeBody = Api.configMap("probe", run, "");
        Api.Reply probe = client.post(Api.configMapsPath(ns), probeBody)
            .expect(201, "create probe");
        byte[] stored = etcdClient.value("/registry/configmaps/" + ns + "/probe");
        if (stored == null) {
          throw new BenchException("the probe configmap is not at /registry/configmaps/" + ns
              + "/probe in etcd: is --etcd the apiserver's etcd?");
        }
        sizes.put("create request body", probeBody.length + " B");
        sizes.put("create response body", probe.body().length + " B");
        sizes.put("stored value in etcd", stored.length + " B");
        ByteSequence storedValue = ByteSequence.from(stored);

        List<String> created = Collections.synchronizedList(new ArrayList<>());
        AtomicLong names = new AtomicLong();
        AtomicLong etcdNames = new AtomicLong();
        String collection = Api.configMapsPath(ns);

        if (scenarios.contains("version")) {
          for (int c : clients) {
            log.printf("version: apiserver, %d clients%n", c);
            loads.add(ClosedLoop.run("version", "apiserver", c, warmup, requests, meter,
                (i, r) -> {
                  client.get("/version").expect(200, "GET /version");
                  return true;
                }));
          }
        }

        if (scenarios.contains("create")) {
          for (int c : clients) {
            if (!noEtcdBaseline) {
              log.printf("create: etcd, %d clients%n", c);
              loads.add(ClosedLoop.run("create", "etcd", c, warmup, requests, meter, (i, r) -> {
                etcdClient.create(Etcd.bytes(etcdPrefix + "configmaps/" + ns + "/cm-"
                    + etcdNames.getAndIncrement()), storedValue);
                return true;
              }));
            }
            log.printf("create: apiserver, %d clients%n", c);
            loads.add(ClosedLoop.run("create", "apiserver", c, warmup, requests, meter, (i, r) -> {
              String name = "cm-" + names.getAndIncrement();
              client.post(collection, Api.configMap(name, run, "")).expect(201, "create " + name);
              created.add(name);
              return true;
            }));
          }
        }

        if (scenarios.contains("get")) {
          if (created.isEmpty()) {
            log.println("get: creating 1000 configmaps to read");
            ClosedLoop.run("populate", "apiserver", 16, 0, 1000, meter, (i, r) -> {
              String name = "cm-" + names.getAndIncrement();
              client.post(collection, Api.configMap(name, run, "")).expect(201, "create " + name);
              created.add(name);
              return true;
            });
          }
          String[] pool = created.toArray(String[]::new);
          ByteSequence[] keys = new ByteSequence[pool.length];
          for (int k = 0; k < pool.length; k++) {
            keys[k] = Etcd.bytes("/registry/configmaps/" + ns + "/" + pool[k]);
          }
          sizes.put("get: objects read at random", Integer.toString(pool.length));
          for (int c : clients) {
            if (!noEtcdBaseline) {
              log.printf("get: etcd, %d clients%n", c);
              loads.add(ClosedLoop.run("get", "etcd", c, warmup, requests, meter, (i, r) -> {
                etcdClient.get(keys[r.nextInt(keys.length)]);
                return true;
              }));
            }
            log.printf("get: apiserver, %d clients%n", c);
            loads.add(ClosedLoop.run("get", "apiserver", c, warmup, requests, meter, (i, r) -> {
              String name = pool[r.nextInt(pool.length)];
              client.get(collection + "/" + name).expect(200, "get " + name);
              return true;
            }));
          }
        }

        if (scenarios.contains("list")) {
          String listPath = Api.configMapsPath(listNs);
          log.printf("list: creating %d configmaps in %s%n", listSize, listNs);
          AtomicLong listNames = new AtomicLong();
          ClosedLoop.run("populate", "apiserver", 8, 0, listSize, meter, (i, r) -> {
            String name = "cm-" + listNames.getAndIncrement();
            client.post(listPath, Api.configMap(name, run, "")).expect(201, "create " + name);
            return true;
          });
          Api.Reply sample = client.get(listPath).expect(200, "list " + listNs);
          sizes.put("list response body (" + listSize + " configmaps)",
              sample.body().length + " B");
          String from = "/registry/configmaps/" + listNs + "/";
          ByteSequence rangeFrom = Etcd.bytes(from);
          ByteSequence rangeEnd = Etcd.bytes(Etcd.prefixEnd(from));
          for (int c : clients) {
            if (!noEtcdBaseline) {
              log.printf("list: etcd, %d clients%n", c);
              loads.add(ClosedLoop.run("list", "etcd", c, warmup, requests, meter, (i, r) -> {
                int n = etcdClient.range(rangeFrom, rangeEnd);
                if (n != listSize) {
                  throw new BenchException("etcd range: " + n + " keys, expected " + listSize);
                }
                return true;
              }));
            }
            log.printf("list: apiserver, %d clients%n", c);
            loads.add(ClosedLoop.run("list", "apiserver", c, warmup, requests, meter, (i, r) -> {
              client.get(listPath).expect(200, "list " + listNs);
              return true;
            }));
          }
        }

        if (scenarios.contains("watch")) {
          watch = WatchFanout.run(client, watchNs, run, watchers, events, eventRate,
              openConcurrency, settle, meter, log);
        }
      } finally {
        if (!keep) {
          cleanup(client, etcdClient, List.of(ns, listNs, watchNs), etcdPrefix);
        }
      }
    }
    env.finished = Instant.now();
    env.loadAfter = Environment.loadAverage();

    Report report = new Report(env, this, loads, watch, sizes);
    String markdown = report.markdown();
    System.out.println(markdown);
    Files.createDirectories(out);
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
        .withZone(ZoneOffset.UTC).format(env.started);
    Path md = out.resolve("bench-" + stamp + ".md");
    Path json = out.resolve("bench-" + stamp + ".json");
    Files.writeString(md, markdown, StandardCharsets.UTF_8);
    Files.writeString(json, report.json(), StandardCharsets.UTF_8);
    log.println("kubee-bench: results in " + md + " and " + json);
    return 0;
  }

  /** Deletes the namespaces (waiting until they are gone) and the baseline's etcd keys. */
  private void cleanup(Api client, Etcd etcdClient, List<String> namespaces, String prefix) {
    try {
      long deleted = etcdClient.deletePrefix(prefix);
      log.printf("cleanup: deleted %d etcd keys under %s%n", deleted, prefix);
    } catch (Exception e) {
      log.println("cleanup: could not delete " + prefix + " in etcd: " + e);
    }
    long start = System.nanoTime();
    for (String ns : namespaces) {
      try {
        client.delete("/api/v1/namespaces/" + ns, Duration.ofMinutes(5));
      } catch (Exception e) {
        log.println("cleanup: could not delete namespace " + ns + ": " + e);
      }
    }
    // wait, so that the server's namespace deletion does not overlap a following run
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    for (String ns : namespaces) {
      try {
        while (client.get("/api/v1/namespaces/" + ns).status() != 404
            && System.nanoTime() < deadline) {
          Thread.sleep(250);
        }
      } catch (Exception e) {
        log.println("cleanup: " + ns + ": " + e);
      }
    }
    log.printf("cleanup: namespaces deleted in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** Where and when the run happened. */
  static final class Environment {
    Instant started;
    Instant finished;
    String loadBefore;
    String loadAfter;
    String commandLine;
    String label;
    String serverVersion = "";
    String etcdVersion = "";
    final int cores = Runtime.getRuntime().availableProcessors();
    final String memory = memTotal();
    final String java = System.getProperty("java.runtime.name") + " "
        + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name")
        + ")";
    final String os = System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch");
    final String cpu = cpuModel();

    static String loadAverage() {
      try {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
      } catch (Exception e) {
        return "?";
      }
    }

    private static String memTotal() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
          if (line.startsWith("MemTotal:")) {
            long kb = Long.parseLong(line.replaceAll("\\D", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
          }
        }
      } catch (Exception e) {
        // not Linux
      }
      return "?";
    }

    private static String cpuModel() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      } catch (Exception e) {
        // not Linux
      }
      return "?";
    }
  }
}
