package io.kubee.node.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.Probe;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kubee.node.cri.RuntimeService;
import io.kubee.node.cri.v1.ExecSyncResponse;
import io.kubee.node.kuberuntime.LifecycleHandlers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Runs one probe once (k8s.io/kubernetes {@code pkg/kubelet/prober/prober.go}): exec through
 * CRI ExecSync (exit 0 succeeds; past the timeout fails), httpGet against the pod IP (2xx and
 * 3xx succeed), tcpSocket (a connection succeeds). An error that says nothing about the
 * container (the runtime failing) is an {@link Outcome} with no result, which the worker throws
 * away, as kubelet does.
 */
public final class Prober {
  /** @param result null when the probe could not run; @param output what it printed or why */
  public record Outcome(ProbeResult result, String output) {}

  static final String USER_AGENT = "kube-probe/1.32";

  private final RuntimeService runtime;
  private final HttpClient http;

  public Prober(RuntimeService runtime) {
    this.runtime = runtime;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  public Outcome probe(Probe probe, Container container, String containerId, List<String> podIps) {
    Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1
        : Math.max(1, probe.getTimeoutSeconds()));
    if (probe.getExec() != null) {
      return exec(probe.getExec().getCommand(), containerId, timeout);
    }
    if (probe.getHttpGet() != null) {
      return httpGet(probe.getHttpGet(), container, podIps, timeout);
    }
    if (probe.getTcpSocket() != null) {
      String host = probe.getTcpSocket().getHost() == null
          || probe.getTcpSocket().getHost().isEmpty()
          ? (podIps.isEmpty() ? "127.0.0.1" : podIps.get(0)) : probe.getTcpSocket().getHost();
      int port = LifecycleHandlers.resolvePort(probe.getTcpSocket().getPort(), container);
      return tcp(host, port, timeout);
    }
    if (probe.getGrpc() != null) {
      return new Outcome(null, "gRPC probes are not supported by this node agent");
    }
    return new Outcome(null, "the probe has no handler");
  }

  private Outcome exec(List<String> command, String containerId, Duration timeout) {
    try {
      ExecSyncResponse response = runtime.execSync(containerId, command, timeout);
      String output = response.getStdout().toStringUtf8() + response.getStderr().toStringUtf8();
      return new Outcome(response.getExitCode() == 0 ? ProbeResult.SUCCESS : ProbeResult.FAILURE,
          output);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return new Outcome(ProbeResult.FAILURE, "command timed out after " + timeout.toSeconds()
            + "s");
      }
      return new Outcome(null, "exec failed: " + e.getStatus());
    }
  }

  private Outcome httpGet(HTTPGetAction action, Container container, List<String> podIps,
      Duration timeout) {
    String host = action.getHost() == null || action.getHost().isEmpty()
        ? (podIps.isEmpty() ? "127.0.0.1" : podIps.get(0)) : action.getHost();
    int port = LifecycleHandlers.resolvePort(action.getPort(), container);
    if (port <= 0 || port > 65535) {
      return new Outcome(ProbeResult.FAILURE, "invalid port " + action.getPort());
    }
    String scheme = action.getScheme() == null ? "http" : action.getScheme().toLowerCase();
    String path = action.getPath() == null || action.getPath().isEmpty() ? "/" : action.getPath();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    String url = scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
        + path;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
          .header("User-Agent", USER_AGENT).header("Accept", "*/*").GET();
      if (action.getHttpHeaders() != null) {
        for (HTTPHeader h : action.getHttpHeaders()) {
          request.setHeader(h.getName(), h.getValue());
        }
      }
      HttpResponse<byte[]> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofByteArray());
      int code = response.statusCode();
      if (code >= 200 && code < 400) {
        return new Outcome(ProbeResult.SUCCESS, "HTTP " + code);
      }
      return new Outcome(ProbeResult.FAILURE, "HTTP probe failed with statuscode: " + code);
    } catch (IOException | IllegalArgumentException e) {
      return new Outcome(ProbeResult.FAILURE, "Get \"" + url + "\": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, "interrupted");
    }
  }

  private static Outcome tcp(String host, int port, Duration timeout) {
    if (port <= 0 || port > 65535) {
      return new Outcome(ProbeResult.FAILURE, "invalid port " + port);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return new Outcome(ProbeResult.SUCCESS, "");
    } catch (IOException e) {
      return new Outcome(ProbeResult.FAILURE, "dial tcp " + host + ":" + port + ": "
          + e.getMessage());
    }
  }
}
