package io.kubee.node.kuberuntime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.grpc.StatusRuntimeException;
import io.kubee.node.cri.RuntimeService;
import io.kubee.node.cri.v1.ExecSyncResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Runs postStart and preStop hooks (k8s.io/kubernetes {@code pkg/kubelet/lifecycle/handlers.go}):
 * exec through CRI ExecSync, httpGet against the pod's IP, sleep. Returns null on success and a
 * message on failure; never throws.
 */
public final class LifecycleHandlers {
  private final RuntimeService runtime;
  private final HttpClient http;

  public LifecycleHandlers(RuntimeService runtime) {
    this.runtime = runtime;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** @return null when the hook succeeded, else why it failed */
  public String run(Pod pod, Container container, String containerId, LifecycleHandler handler,
      List<String> podIps, Duration timeout) {
    try {
      if (handler.getExec() != null && handler.getExec().getCommand() != null) {
        ExecSyncResponse response = runtime.execSync(containerId, handler.getExec().getCommand(),
            timeout);
        if (response.getExitCode() != 0) {
          return "command '" + String.join(" ", handler.getExec().getCommand())
              + "' exited with " + response.getExitCode() + ": "
              + response.getStdout().toString(StandardCharsets.UTF_8)
              + response.getStderr().toString(StandardCharsets.UTF_8);
        }
        return null;
      }
      if (handler.getHttpGet() != null) {
        return httpGet(container, handler.getHttpGet(), podIps, timeout);
      }
      if (handler.getSleep() != null && handler.getSleep().getSeconds() != null) {
        long millis = Math.min(timeout.toMillis(), handler.getSleep().getSeconds() * 1000);
        Thread.sleep(Math.max(0, millis));
        return null;
      }
      if (handler.getTcpSocket() != null) {
        // kubelet: tcpSocket is not supported as a lifecycle handler
        return "TCPSocket is not supported as a lifecycle handler";
      }
      return "a lifecycle handler must be exec, httpGet or sleep";
    } catch (StatusRuntimeException e) {
      return "exec failed: " + e.getStatus();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private String httpGet(Container container, HTTPGetAction action, List<String> podIps,
      Duration timeout) throws InterruptedException {
    String host = action.getHost() == null || action.getHost().isEmpty()
        ? (podIps.isEmpty() ? "127.0.0.1" : podIps.get(0)) : action.getHost();
    int port = resolvePort(action.getPort(), container);
    if (port <= 0) {
      return "invalid port " + action.getPort();
    }
    String scheme = action.getScheme() == null ? "http" : action.getScheme().toLowerCase();
    String path = action.getPath() == null || action.getPath().isEmpty() ? "/" : action.getPath();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(
          URI.create(scheme + "://" + host + ":" + port + path)).timeout(timeout).GET();
      if (action.getHttpHeaders() != null) {
        for (HTTPHeader h : action.getHttpHeaders()) {
          request.header(h.getName(), h.getValue());
        }
      }
      http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return "http get " + host + ":" + port + path + " failed: " + e.getMessage();
    }
  }

  /** A port by number, or by the name of one of the container's ports. */
  public static int resolvePort(IntOrString port, Container container) {
    if (port == null) {
      return -1;
    }
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    String name = port.getStrVal();
    if (name == null) {
      return -1;
    }
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException notNumeric) {
      if (container.getPorts() != null) {
        for (ContainerPort p : container.getPorts()) {
          if (name.equals(p.getName())) {
            return p.getContainerPort();
          }
        }
      }
      return -1;
    }
  }
}
