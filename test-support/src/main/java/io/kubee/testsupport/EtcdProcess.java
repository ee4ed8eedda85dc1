package io.kubee.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real single-member etcd (Debian's {@code etcd-server}) on free loopback ports with a
 * temporary data directory, for tests. {@link #close()} stops it and deletes its data; a JVM
 * shutdown hook does the same if a test run dies first.
 */
public final class EtcdProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private volatile Process process;
  private final List<String> command;
  private final Path dataDir;
  private final String endpoint;
  private final Thread shutdownHook;

  private EtcdProcess(Process process, List<String> command, Path dataDir, String endpoint) {
    this.process = process;
    this.command = command;
    this.dataDir = dataDir;
    this.endpoint = endpoint;
    this.shutdownHook = new Thread(this::stopQuietly, "etcd-test-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts etcd and waits until it answers {@code /health}. */
  public static EtcdProcess start() {
    String binary = System.getProperty("kubee.etcd.binary", "etcd");
    for (int attempt = 1; ; attempt++) {
      int clientPort = FreePorts.next();
      int peerPort = FreePorts.next();
      Path dataDir;
      try {
        dataDir = Files.createTempDirectory("kubee-etcd-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String client = "http://127.0.0.1:" + clientPort;
      String peer = "http://127.0.0.1:" + peerPort;
      List<String> command = List.of(binary,
          "--name", "kubee-test",
          "--data-dir", dataDir.resolve("data").toString(),
          "--listen-client-urls", client,
          "--advertise-client-urls", client,
          "--listen-peer-urls", peer,
          "--initial-advertise-peer-urls", peer,
          "--initial-cluster", "kubee-test=" + peer,
          "--log-level", "warn");
      Process process;
      try {
        process = launch(command, dataDir);
      } catch (IOException e) {
        deleteTree(dataDir);
        throw new IllegalStateException("cannot run etcd (" + binary + "); install it with "
            + "`apt-get install etcd-server` or set -Dkubee.etcd.binary", e);
      }
      EtcdProcess etcd = new EtcdProcess(process, command, dataDir, client);
      if (etcd.awaitHealthy()) {
        return etcd;
      }
      String log = etcd.log();
      etcd.close();
      if (attempt == 3) {
        throw new IllegalStateException("etcd did not become healthy; its log:\n" + log);
      }
      // most likely a port taken between choosing and binding it: try other ports
    }
  }

  /** The client URL, {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Stops etcd (SIGTERM, then SIGKILL) but keeps its data, so that {@link #restart()} brings the
   * same member back on the same ports, as after a crash or an upgrade. Idempotent.
   */
  public void stop() {
    stopProcess();
  }

  /**
   * Starts etcd again with the same ports and data (stopping it first if it runs) and waits until
   * it answers {@code /health}.
   *
   * @throws IllegalStateException if it does not become healthy
   */
  public synchronized void restart() {
    stopProcess();
    try {
      process = launch(command, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!awaitHealthy()) {
      throw new IllegalStateException("etcd did not become healthy again; its log:\n" + log());
    }
  }

  /** Stops etcd (SIGTERM, then SIGKILL) and deletes its data. Idempotent. */
  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run
    }
  }

  private boolean awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(endpoint + "/health"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("true")) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private String log() {
    try {
      return Files.readString(dataDir.resolve("etcd.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static Process launch(List<String> command, Path dataDir) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("etcd.log").toFile()))
        .start();
  }

  private synchronized void stopQuietly() {
    stopProcess();
    deleteTree(dataDir);
  }

  private synchronized void stopProcess() {
    Process process = this.process;
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: it is a temporary directory
    }
  }
}
