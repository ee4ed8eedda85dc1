package io.kubee.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real container runtime for tests, as bin/kubee runs one (shared/reference/CRI.md): Debian's
 * {@code docker-registry} on a free loopback port with the project's images built into it
 * ({@code node-agent/images/build.sh}: busybox:1 and pause:1), and containerd with its own
 * config, socket, state, runc root, CNI bridge and a /24 pod subnet no route on the machine
 * uses. {@link #close} stops them and removes what they left: shims, mounts (network
 * namespaces), the bridge, the state. A JVM shutdown hook does the same if a run dies first.
 *
 * <p>Remove the pods through CRI before closing (the node agent's {@code RuntimeCleanup}), so
 * that CNI gives their addresses and iptables rules back; {@code close} kills what is left.
 */
public final class ContainerRuntime implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final Process registry;
  private final int registryPort;
  private final String bridge;
  private final String subnet;
  private final Path socket;
  private volatile Process containerd;
  private final Thread shutdownHook;

  private ContainerRuntime(Path dir, Process registry, int registryPort, String bridge,
      String subnet) {
    this.dir = dir;
    this.registry = registry;
    this.registryPort = registryPort;
    this.bridge = bridge;
    this.subnet = subnet;
    this.socket = dir.resolve("containerd.sock");
    this.shutdownHook = new Thread(this::stopQuietly, "container-runtime-test-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts the registry, pushes the images, starts containerd and waits for its socket.
   *
   * @param imagesScript {@code node-agent/images/build.sh}
   */
  public static ContainerRuntime start(Path imagesScript) {
    try {
      Path dir = Files.createTempDirectory("kubee-cri-");
      int port = FreePorts.next();
      Files.writeString(dir.resolve("registry.yml"), """
          version: 0.1
          log:
            level: warn
          storage:
            filesystem:
              rootdirectory: %s
            delete:
              enabled: true
          http:
            addr: 127.0.0.1:%d
          """.formatted(dir.resolve("registry"), port));
      Process registry = new ProcessBuilder("docker-registry", "serve",
          dir.resolve("registry.yml").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
      int suffix = new Random().nextInt(1_000_000);
      ContainerRuntime runtime = new ContainerRuntime(dir, registry, port,
          "kt" + Integer.toString(suffix, 36), freeSubnet());
      runtime.waitForRegistry();
      runtime.pushImages(imagesScript);
      runtime.startContainerd();
      return runtime;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code unix:///.../containerd.sock}, for --container-runtime-endpoint. */
  public String endpoint() {
    return "unix://" + socket;
  }

  /** {@code localhost:<port>}: images are {@code registry() + "/busybox:1"}. */
  public String registry() {
    return "localhost:" + registryPort;
  }

  /** The busybox image (sh, wget, httpd, nc...). */
  public String busybox() {
    return registry() + "/busybox:1";
  }

  /** A directory of this runtime's own, for the node agent's state. */
  public Path dir() {
    return dir;
  }

  /** The pods' subnet, e.g. 10.213.7.0/24. */
  public String subnet() {
    return subnet;
  }

  private void waitForRegistry() throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + registryPort + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (System.nanoTime() > deadline || !registry.isAlive()) {
        throw new IOException("docker-registry did not start: " + read("registry.log"));
      }
      sleep(100);
    }
  }

  private void pushImages(Path script) throws IOException {
    run(List.of("bash", script.toString(), "127.0.0.1:" + registryPort,
        dir.resolve("images").toString()), Duration.ofMinutes(2));
  }

  private void startContainerd() throws IOException {
    Path netd = Files.createDirectories(dir.resolve("net.d"));
    Files.writeString(dir.resolve("containerd.toml"), """
        version = 2
        root = "%1$s/root"
        state = "%1$s/state"
        [grpc]
          address = "%1$s/containerd.sock"
        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "localhost:%2$d/pause:1"
          netns_mounts_under_state_dir = true
          restrict_oom_score_adj = true
          stream_server_address = "127.0.0.1"
          stream_server_port = "0"
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "/usr/lib/cni"
            conf_dir = "%1$s/net.d"
            max_conf_num = 1
          [plugins."io.containerd.grpc.v1.cri".containerd]
            snapshotter = "overlayfs"
            default_runtime_name = "runc"
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"
              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                Root = "%1$s/runc"
                SystemdCgroup = false
        """.formatted(dir, registryPort));
    Files.writeString(netd.resolve("10-test.conflist"), """
        {"cniVersion":"1.0.0","name":"%s","plugins":[
         {"type":"bridge","bridge":"%s","isGateway":true,"ipMasq":true,"hairpinMode":true,
          "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"%s"}]],
                  "routes":[{"dst":"0.0.0.0/0"}]}},
         {"type":"portmap","capabilities":{"portMappings":true}}]}
        """.formatted(bridge, bridge, dir.resolve("ipam"), subnet));
    containerd = new ProcessBuilder("containerd", "--config",
        dir.resolve("containerd.toml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("containerd.log").toFile())
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.exists(socket)) {
      if (System.nanoTime() > deadline || !containerd.isAlive()) {
        throw new IOException("containerd did not start: " + read("containerd.log"));
      }
      sleep(100);
    }
  }

  /**
   * A /24 in 10.200.0.0-10.249.255.0 that no route of this machine covers (a running
   * bin/kubee cluster uses 10.88.0.0/16, other test runs their own /24).
   */
  static String freeSubnet() throws IOException {
    String routes = String.join("\n", Files.readAllLines(Path.of("/proc/net/route")));
    Random random = new Random();
    for (int i = 0; i < 100; i++) {
      int b = 200 + random.nextInt(50);
      int c = random.nextInt(256);
      // /proc/net/route holds destinations as little-endian hex
      String hex = String.format("%02X%02X%02X%02X", 0, c, b, 10);
      if (!routes.contains(hex)) {
        return "10." + b + "." + c + ".0/24";
      }
    }
    throw new IOException("no free pod subnet");
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private synchronized void stopQuietly() {
    Process c = containerd;
    containerd = null;
    if (c != null) {
      stop(c);
      killShims();
      unmountUnder(dir);
      try {
        run(List.of("ip", "link", "del", bridge), Duration.ofSeconds(10));
      } catch (IOException e) {
        // no bridge: no pod ever ran
      }
    }
    if (registry.isAlive()) {
      stop(registry);
    }
    deleteTree(dir);
  }

  /** Shims outlive containerd; ours are the ones started with our socket address. */
  private void killShims() {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
        String cmdline;
        try {
          cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
              .replace('\0', ' ');
        } catch (IOException gone) {
          continue;
        }
        if (cmdline.contains("containerd-shim") && cmdline.contains(socket.toString())) {
          ProcessHandle.of(Long.parseLong(p.getFileName().toString()))
              .ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } catch (IOException e) {
      // best effort
    }
  }

  private static void unmountUnder(Path dir) {
    try {
      List<String> points = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        if (f.length > 4 && f[4].startsWith(dir.toString())) {
          points.add(f[4]);
        }
      }
      points.sort(Comparator.comparingInt(String::length).reversed());
      for (String point : points) {
        run(List.of("umount", "-l", point), Duration.ofSeconds(10));
      }
    } catch (IOException e) {
      // best effort
    }
  }

  private static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void run(List<String> command, Duration timeout) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: "
          + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private String read(String file) {
    try {
      return Files.readString(dir.resolve(file));
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
