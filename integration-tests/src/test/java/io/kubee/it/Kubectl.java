package io.kubee.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The installed {@code kubectl} run against the cluster under test with a kubeconfig of its own
 * and a private discovery cache, as a user would run it.
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

  /** Runs kubectl with {@code stdin} fed to it (for {@code -f -}). */
  Result runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("kubee.kubectl", "kubectl"),
        "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", home.resolve("cache").toString(),
        "--request-timeout", "20s"));
    command.addAll(List.of(args));
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
