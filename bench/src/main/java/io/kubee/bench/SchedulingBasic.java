package io.kubee.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * kube-scheduler's scheduler_perf SchedulingBasic workload (test/integration/scheduler_perf,
 * config/performance-config.yaml) end to end through the apiserver and etcd: N Node objects from
 * scheduler_perf's node template (4 cpu, 32 GiB, 110 pods, Ready; no node agents), then
 * {@code initPods} pods, then the measured pods from its pod template (100m cpu, 500 MiB), created
 * by a closed loop of clients. A watch on the pods sees each binding: throughput is counted per
 * second as scheduler_perf's throughputCollector does (average over the measured phase and the
 * percentiles of the per-second samples), and each pod's scheduling latency is from its create
 * request being sent to its binding being seen.
 */
final class SchedulingBasic {
  private static final Pattern NAME = Pattern.compile("\"name\":\"(m?pod-\\d+)\"");
  private static final Pattern RV = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"");

  /** What one run measured. */
  record Result(int nodes, int initPods, int pods, double seconds, double average,
      double p50, double p90, double p99, double max, int[] perSecond, Stats latency,
      CpuMeter.Usage cpu, long createFailures) {}

  private final Api api;
  private final HttpClient http;
  private final PrintStream log;
  private final int clients;

  SchedulingBasic(Api api, HttpClient http, PrintStream log, int clients) {
    this.api = api;
    this.http = http;
    this.log = log;
    this.clients = clients;
  }

  static byte[] node(String name, String run) {
    return ("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\","
        + "\"labels\":{\"kubernetes.io/hostname\":\"" + name + "\",\"bench.kubee.io/run\":\""
        + run + "\"}},\"spec\":{},\"status\":{\"capacity\":{\"pods\":\"110\",\"cpu\":\"4\","
        + "\"memory\":\"32Gi\"},\"allocatable\":{\"pods\":\"110\",\"cpu\":\"4\","
        + "\"memory\":\"32Gi\"},\"conditions\":[{\"status\":\"True\",\"type\":\"Ready\"}],"
        + "\"phase\":\"Running\"}}").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] pod(String name) {
    return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"spec\":{\"containers\":[{\"image\":\"registry.k8s.io/pause:3.10\",\"name\":\"pause\","
        + "\"ports\":[{\"containerPort\":80}],\"resources\":{\"limits\":{\"cpu\":\"100m\","
        + "\"memory\":\"500Mi\"},\"requests\":{\"cpu\":\"100m\",\"memory\":\"500Mi\"}}}]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Runs the workload in namespace {@code ns}; nodes are named {@code <run>-node-<i>}. */
  Result run(String ns, String run, int nodes, int initPods, int pods, CpuMeter meter,
      Duration timeout) throws Exception {
    long t0 = System.nanoTime();
    closedLoop(nodes, i -> api.post("/api/v1/nodes", node(run + "-node-" + i, run))
        .expect(201, "create node"));
    log.printf("scheduler_perf: %d nodes created in %.1f s%n", nodes, secs(t0));
    String rv = api.get("/api/v1/namespaces/" + ns + "/pods?limit=1").text();
    Matcher m = RV.matcher(rv);
    String from = m.find() ? m.group(1) : "0";

    int total = initPods + pods;
    long[] sent = new long[pods];
    long[] bound = new long[pods];
    AtomicInteger boundInit = new AtomicInteger();
    AtomicInteger boundMeasured = new AtomicInteger();
    CountDownLatch allBound = new CountDownLatch(total);
    Map<String, Boolean> seen = new ConcurrentHashMap<>();
    HttpRequest watch = HttpRequest.newBuilder(api.uri("/api/v1/namespaces/" + ns
            + "/pods?watch=true&resourceVersion=" + from + "&timeoutSeconds="
            + (timeout.toSeconds() + 60)))
        .header("Accept", "application/json").GET().build();
    var stream = http.sendAsync(watch, HttpResponse.BodyHandlers.ofLines());
    ExecutorService reader = Executors.newSingleThreadExecutor();
    reader.submit(() -> {
      stream.join().body().forEach(line -> {
        long now = System.nanoTime();
        if (!line.contains("\"nodeName\":\"")) {
          return;
        }
        Matcher name = NAME.matcher(line);
        if (!name.find() || seen.putIfAbsent(name.group(1), true) != null) {
          return;
        }
        String pod = name.group(1);
        if (pod.startsWith("mpod-")) {
          bound[Integer.parseInt(pod.substring(5))] = now;
          boundMeasured.incrementAndGet();
        } else {
          boundInit.incrementAndGet();
        }
        allBound.countDown();
      });
      return null;
    });

    String podsPath = "/api/v1/namespaces/" + ns + "/pods";
    long initStart = System.nanoTime();
    closedLoop(initPods, i -> api.post(podsPath, pod("pod-" + i)).expect(201, "create pod"));
    await(() -> boundInit.get() >= initPods, timeout);
    log.printf("scheduler_perf: %d init pods created and scheduled in %.1f s%n", initPods,
        secs(initStart));

    CpuMeter.Snapshot before = meter.take();
    AtomicLong failures = new AtomicLong();
    long start = System.nanoTime();
    closedLoop(pods, i -> {
      sent[i] = System.nanoTime();
      try {
        api.post(podsPath, pod("mpod-" + i)).expect(201, "create pod");
      } catch (BenchException e) {
        failures.incrementAndGet();
        throw e;
      }
    });
    log.printf("scheduler_perf: %d measured pods created in %.1f s%n", pods, secs(start));
    if (!allBound.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      log.printf("scheduler_perf: only %d of %d measured pods were scheduled within %s%n",
          boundMeasured.get(), pods, timeout);
    }
    CpuMeter.Snapshot after = meter.take();
    reader.shutdownNow();
    stream.cancel(true);

    long last = start;
    Histogram latency = Stats.newHistogram();
    for (int i = 0; i < pods; i++) {
      if (bound[i] > 0) {
        last = Math.max(last, bound[i]);
        latency.recordValue(Math.max(0, bound[i] - sent[i]));
      }
    }
    int seconds = (int) Math.max(1, Math.ceil((last - start) / 1e9));
    int[] perSecond = new int[seconds];
    for (long b : bound) {
      if (b > 0) {
        perSecond[(int) Math.min(seconds - 1, (b - start) / 1_000_000_000L)]++;
      }
    }
    int[] sorted = perSecond.clone();
    java.util.Arrays.sort(sorted);
    double duration = (last - start) / 1e9;
    return new Result(nodes, initPods, pods, duration, boundMeasured.get() / duration,
        pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1], perSecond,
        Stats.of(latency), meter.between(before, after), failures.get());
  }

  /** scheduler_perf's percentile of the per-second samples (nearest rank). */
  static double pct(int[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  interface Step {
    void run(int i) throws Exception;
  }

  /** Runs {@code count} steps on {@code clients} threads, each taking the next index. */
  private void closedLoop(int count, Step step) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t = new Thread(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count && failures.size() < 10) {
          try {
            step.run(i);
          } catch (Exception e) {
            failures.add(e);
          }
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private static void await(java.util.function.BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new BenchException("pods were not scheduled within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** Deletes the run's pods (at once: no kubelet finishes them) and nodes. */
  void cleanUp(String ns, String run) throws IOException, InterruptedException {
    api.delete("/api/v1/namespaces/" + ns + "/pods?gracePeriodSeconds=0", Duration.ofMinutes(10));
    api.delete("/api/v1/nodes?labelSelector=bench.kubee.io%2Frun%3D" + run,
        Duration.ofMinutes(10));
    api.delete("/api/v1/namespaces/" + ns, Duration.ofMinutes(1));
  }

  private static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

}
