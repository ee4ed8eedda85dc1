package io.kubee.it;

import io.kubee.testsupport.ContainerRuntime;
import io.kubee.testsupport.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node agent ({@code node-agent/target/node-agent.jar}) as its own process against the
 * cluster under test and a {@link ContainerRuntime}, started the way bin/kubee starts it, with
 * short heartbeats for tests (Lease of 8 s renewed every 2 s, node status every 2 s). It can be
 * killed and started again to test adoption.
 */
final class NodeAgentProcess implements AutoCloseable {
  /** The NoSchedule taint the node registers with ({@code key=value}). */
  static final String TAINT = "kubee.io/node-agent-it=true";

  private final ContainerRuntime runtime;
  private final String name;
  private final int port;
  private final Path dir;
  private final Path kubeconfig;
  private Process process;

  NodeAgentProcess(ContainerRuntime runtime, String name) {
    this.runtime = runtime;
    this.name = name;
    this.port = FreePorts.next();
    this.dir = runtime.dir().resolve("node");
    this.kubeconfig = dir.resolve("kubeconfig");
    try {
      Files.createDirectories(dir);
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters:
          - name: it
            cluster: {server: %s}
          users:
          - name: it
            user: {}
          contexts:
          - name: it
            context: {cluster: it, user: it}
          current-context: it
          """.formatted(Cluster.apiBase()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return name;
  }

  /** The kubelet API port. */
  int port() {
    return port;
  }

  /** Where the node agent keeps pods' files. */
  Path rootDir() {
    return dir.resolve("kubelet");
  }

  void start() {
    String jar = System.getProperty("kubee.it.node-agent.jar");
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", jar,
        "--kubeconfig", kubeconfig.toString(),
        "--container-runtime-endpoint", runtime.endpoint(),
        "--hostname-override", name,
        "--node-ip", "127.0.0.1", "--address", "127.0.0.1",
        // only pods that ask for this node run here, not those other test classes left behind
        "--register-with-taints", TAINT + ":NoSchedule",
        "--port", Integer.toString(port), "--healthz-port", "0",
        "--root-dir", rootDir().toString(),
        "--pod-log-dir", dir.resolve("pods").toString(),
        "--cgroup-root", "/kubee-it-" + name,
        "--node-lease-duration-seconds", "8",
        "--node-status-update-frequency", "2s",
        "--node-status-report-frequency", "10s",
        "--sync-frequency", "10s");
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node-agent.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the node agent as a crash would (SIGKILL): its pods keep running. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  String log() {
    try {
      return Files.readString(dir.resolve("node-agent.log"));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops and removes every pod from the runtime (the node agent's RuntimeCleanup). */
  void removePods() throws IOException, InterruptedException {
    Process cleanup = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("kubee.it.node-agent.jar"),
        "io.kubee.node.RuntimeCleanup", "--container-runtime-endpoint", runtime.endpoint(),
        "--grace-seconds", "1").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("cleanup.log").toFile()))
        .start();
    cleanup.waitFor(60, TimeUnit.SECONDS);
  }
}
