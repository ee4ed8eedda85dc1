package io.kubee.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The installed {@code kubectl} run against the cluster under test with a kubeconfig of its own
 * and a private discovery cache, as a user would run it. One instance per home directory; the
 * discovery cache is shared by the runs of one instance, as a user's is.
 */
final class Kubectl {
  private final Path home;
  private final Path kubeconfig;

  /** The output of one run. */
  record Result(int exitCode, String out, String err) {}

  Kubectl(Path home) {
    this.home = home;
    this.kubeconfig = home.resolve("kubeconfig");
    String config = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubee-it
          cluster:
            server: %s
        contexts:
        - name: kubee-it
          context:
            cluster: kubee-it
            user: kubee-it
        current-context: kubee-it
        users:
        - name: kubee-it
          user: {}
        """.formatted(Cluster.apiBase());
    try {
      Files.writeString(kubeconfig, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Result run(String... args) {
    return runWithInput(null, args);
  }

  /**
   * Runs kubectl and fails the test unless it exits with 0; returns its standard output.
   */
  String ok(String... args) {
    Result result = run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("kubectl " + String.join(" ", args) + " exited with "
          + result.exitCode() + ": " + result.err());
    }
    return result.out();
  }

  /**
   * Starts a long-running kubectl ({@code get -w}, {@code drain}) in the background; the caller
   * stops it with {@link Background#close()}.
   */
  Background start(String... args) {
    try {
      Path out = Files.createTempFile(home, "out", ".txt");
      Path err = Files.createTempFile(home, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command(args))
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("HOME", home.toString());
      Process process = builder.start();
      process.getOutputStream().close();
      return new Background(process, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A kubectl running in the background; its output so far can be read at any time. */
  static final class Background implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private Background(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    String out() {
      return read(out);
    }

    String err() {
      return read(err);
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /** Waits for the process to end on its own; returns its result, or null if it did not. */
    Result await(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return null;
      }
      return new Result(process.exitValue(), out(), err());
    }

    /** Stops the process (SIGTERM, then SIGKILL) if it still runs. Idempotent. */
    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("kubee.kubectl", "kubectl"),
        "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", home.resolve("cache").toString(),
        "--request-timeout", "20s"));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs kubectl with {@code stdin} fed to it (for {@code -f -}). */
  Result runWithInput(String stdin, String... args) {
    List<String> command = command(args);
    try {
      Path out = Files.createTempFile(home, "out", ".txt");
      Path err = Files.createTempFile(home, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("HOME", home.toString());
      Process process = builder.start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " hung");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
