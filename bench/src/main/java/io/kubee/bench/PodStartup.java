package io.kubee.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Pod startup latency (issue 5): the time from a pod's create request to the first watch event
 * that shows it Running, over N pods on one node whose image is already there — Kubernetes'
 * pod startup SLI (sig-scalability {@code slos/pod_startup_latency.md}: p99 ≤ 5 s; Kubee's target
 * p99 ≤ 1 s). Pods are bound to the node by name unless {@code --via-scheduler}; they are created
 * at a fixed rate ({@code --rate} pods/s, as density tests do) from a few clients. Run with
 * {@code java -cp bench/target/kubee-bench.jar io.kubee.bench.PodStartup --node <node>} against a
 * cluster with a node agent ({@code bin/kubee up}); its namespace is deleted at the end.
 */
@Command(name = "pod-startup", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Pod startup latency: create to Running seen through a watch, p50/p99.")
public final class PodStartup implements Callable<Integer> {
  @Option(names = "--api", defaultValue = "http://127.0.0.1:8080",
      description = "apiserver base URL over plain HTTP (default: ${DEFAULT-VALUE})")
  URI api;

  @Option(names = "--node", description = "the node to run the pods on (default: the only Ready "
      + "node)")
  String node;

  @Option(names = "--image", defaultValue = "localhost:5000/busybox:1",
      description = "(default: ${DEFAULT-VALUE})")
  String image;

  @Option(names = "--pods", defaultValue = "100", description = "(default: ${DEFAULT-VALUE})")
  int pods;

  @Option(names = "--rate", defaultValue = "5",
      description = "pods created per second; 0 creates them all at once "
          + "(default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--via-scheduler", description = "leave spec.nodeName empty: the scheduler "
      + "binds the pods (its latency is then included)")
  boolean viaScheduler;

  @Option(names = "--timeout", defaultValue = "PT5M",
      description = "how long all pods may take (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(names = "--out", defaultValue = "bench/results",
      description = "directory for the result file (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--label", defaultValue = "", description = "a note stored with the results")
  String label;

  @Option(names = "--keep", description = "keep the namespace and its pods")
  boolean keep;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .build();
  private final Map<String, Long> created = new ConcurrentHashMap<>();
  private final Map<String, Long> running = new ConcurrentHashMap<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new PodStartup()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (node == null) {
      node = onlyReadyNode();
    }
    String run = "p" + Long.toString(System.currentTimeMillis() / 1000 % 100_000_000, 36);
    String ns = "bench-" + run;
    send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
        + "\"metadata\":{\"name\":\"" + ns + "\"}}", 201);
    String collection = "/api/v1/namespaces/" + ns + "/pods";
    try {
      // one pod first, unmeasured: the image is on the node before the measured ones
      send("POST", collection, pod("warmup"), 201);
      CountDownLatch warm = new CountDownLatch(1);
      Thread warmWatch = watch(collection, warm, "warmup");
      if (!warm.await(120, TimeUnit.SECONDS)) {
        throw new BenchException("the warm-up pod did not run within 2 minutes on " + node);
      }
      warmWatch.interrupt();
      send("DELETE", collection + "/warmup", null, 200);

      CountDownLatch all = new CountDownLatch(pods);
      Thread watcher = watch(collection, all, null);
      Thread.sleep(500); // the watch is established before the first create
      ExecutorService clients = Executors.newFixedThreadPool(4);
      long start = System.nanoTime();
      for (int i = 0; i < this.pods; i++) {
        String name = "pod-" + i;
        if (rate > 0) {
          long due = start + (long) (i * 1_000_000_000L / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        clients.execute(() -> {
          created.put(name, System.nanoTime());
          try {
            send("POST", collection, pod(name), 201);
          } catch (Exception e) {
            System.err.println("pod-startup: creating " + name + " failed: " + e.getMessage());
          }
        });
      }
      clients.shutdown();
      boolean done = all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      watcher.interrupt();
      Histogram histogram = Stats.newHistogram();
      for (Map.Entry<String, Long> e : created.entrySet()) {
        Long seen = running.get(e.getKey());
        if (seen != null) {
          histogram.recordValue(Math.max(0, seen - e.getValue()));
        }
      }
      Stats stats = Stats.of(histogram);
      report(stats, done);
      return done ? 0 : 1;
    } finally {
      if (!keep) {
        http.send(HttpRequest.newBuilder(api.resolve("/api/v1/namespaces/" + ns + "/pods"))
            .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(api.resolve("/api/v1/namespaces/" + ns))
            .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding());
      }
    }
  }

  private String pod(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"spec\":{" + (viaScheduler ? "" : "\"nodeName\":\"" + node + "\",")
        + "\"terminationGracePeriodSeconds\":1,\"containers\":[{\"name\":\"main\","
        + "\"image\":\"" + image + "\",\"imagePullPolicy\":\"IfNotPresent\","
        + "\"command\":[\"sleep\",\"3600\"]}]}}";
  }

  /**
   * Follows the namespace's pods from now on; records when each is first seen Running and counts
   * down {@code latch} (only for {@code only} when it is set).
   */
  private Thread watch(String path, CountDownLatch latch, String only) throws Exception {
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
        api.resolve(path + "?watch=true&timeoutSeconds=600")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new BenchException("watch " + path + " answered " + response.statusCode());
    }
    JsonFactory json = new JsonFactory();
    Thread thread = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          long seen = System.nanoTime();
          String[] event = event(json, line);
          String name = event[0];
          if (name == null || !"Running".equals(event[1])) {
            continue;
          }
          if ((only == null || only.equals(name)) && running.putIfAbsent(name, seen) == null) {
            latch.countDown();
          }
        }
      } catch (IOException e) {
        // the watch ended (interrupt or timeout)
      }
    }, "pod-startup-watch");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** {name, phase} of a watch event line: object.metadata.name and object.status.phase. */
  static String[] event(JsonFactory json, String line) throws IOException {
    String name = null;
    String phase = null;
    List<String> path = new ArrayList<>();
    try (JsonParser p = json.createParser(line)) {
      JsonToken t;
      String field = null;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> field = p.currentName();
          case START_OBJECT, START_ARRAY -> {
            path.add(field == null ? "" : field);
            field = null;
          }
          case END_OBJECT, END_ARRAY -> path.remove(path.size() - 1);
          case VALUE_STRING -> {
            String at = String.join("/", path) + "/" + field;
            if (at.equals("/object/metadata/name")) {
              name = p.getText();
            } else if (at.equals("/object/status/phase")) {
              phase = p.getText();
            }
          }
          default -> { }
        }
      }
    }
    return new String[] {name, phase};
  }

  private void report(Stats stats, boolean complete) throws IOException {
    String mode = viaScheduler ? "via the scheduler" : "bound to " + node;
    String summary = String.format(Locale.ROOT,
        "pod startup (create to Running via watch), %d pods %s at %s pods/s: "
            + "p50 %s ms, p90 %s ms, p99 %s ms, max %s ms%s",
        stats.count(), mode, rate == 0 ? "once" : Stats.num(rate).replaceAll("\\.?0+$", ""),
        Stats.fmt(stats.p50()), Stats.fmt(stats.p90()), Stats.fmt(stats.p99()),
        Stats.fmt(stats.max()), complete ? "" : " (INCOMPLETE: not all pods ran in time)");
    System.out.println(summary);
    Files.createDirectories(out);
    Path file = out.resolve("pod-startup-" + Instant.now().toString().replace(':', '-')
        + ".json");
    Files.writeString(file, "{\"label\":\"" + label.replace("\"", "'") + "\",\"pods\":" + pods
        + ",\"rate\":" + Stats.num(rate) + ",\"viaScheduler\":" + viaScheduler + ",\"node\":\""
        + node + "\",\"complete\":" + complete + ",\"latency\":" + stats.json() + "}\n");
    System.out.println("results: " + file);
  }

  private String onlyReadyNode() throws Exception {
    HttpResponse<String> nodes = http.send(HttpRequest.newBuilder(api.resolve("/api/v1/nodes"))
        .build(), HttpResponse.BodyHandlers.ofString());
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("\"kubernetes.io/hostname\":\"([^\"]+)\"").matcher(nodes.body());
    while (m.find()) {
      names.add(m.group(1));
    }
    if (names.size() != 1) {
      throw new BenchException("name the node with --node (nodes: " + names + ")");
    }
    return names.get(0);
  }

  private void send(String method, String path, String body, int expected) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new BenchException(method + " " + path + " answered " + response.statusCode() + ": "
          + response.body());
    }
  }
}
