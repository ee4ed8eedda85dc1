package io.kubee.apiserver.handlers;

import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.kubelet.NodeEndpoint;
import io.kubee.apiserver.kubelet.UpstreamStream;
import io.kubee.apiserver.registry.GenericStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subresources the apiserver connects through to somewhere else (k8s.io/kubernetes
 * {@code pkg/registry/core/pod/rest/subresources.go} and {@code pod/strategy.go}
 * LogLocation/ExecLocation/PortForwardLocation): {@code pods/log} streams the container log from
 * the node agent of the pod's node; {@code pods/exec}, {@code attach} and {@code portforward}
 * are WebSocket connections to it (over plain HTTP they answer 400 Upgrade request required);
 * {@code pods|services|nodes/proxy} forward the request to the pod, a ready endpoint of the
 * service, or the node agent. The node agent is found through the Node's addresses and its
 * {@code daemonEndpoints.kubeletEndpoint.Port}.
 */
final class NodeConnections {
  static final List<String> EXEC_PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
  static final List<String> PORT_FORWARD_PROTOCOLS = List.of("v4.channel.k8s.io");

  private final GenericStore store;
  private final ResourceType nodes;
  private final ResourceType endpoints;

  NodeConnections(GenericStore store) {
    this.store = store;
    ResourceRegistry registry = ResourceRegistry.builtin();
    this.nodes = registry.lookup("", "v1", "nodes").orElseThrow();
    this.endpoints = registry.lookup("", "v1", "endpoints").orElseThrow();
  }

  ApiResponse connect(ResourceType type, String namespace, String name, String subresource,
      ApiRequest request) {
    if (subresource.equals("proxy")) {
      return proxy(type, namespace, name, request);
    }
    if (!type.plural().equals("pods")) {
      throw Errors.pathNotFound();
    }
    ObjectNode pod = store.get(type, namespace, name);
    return switch (subresource) {
      case "log" -> log(pod, namespace, name, request);
      case "exec", "attach" -> stream(pod, namespace, name, subresource, request);
      case "portforward" -> portForward(pod, namespace, name, request);
      default -> throw Errors.pathNotFound();
    };
  }

  private ApiResponse log(ObjectNode pod, String namespace, String name, ApiRequest request) {
    String container = container(pod, name, request.param("container"));
    NodeEndpoint node = nodeOf(pod, name);
    StringBuilder query = new StringBuilder();
    for (String param : List.of("follow", "previous", "timestamps", "tailLines",
        "sinceSeconds", "sinceTime", "limitBytes")) {
      String value = request.param(param);
      if (value != null && !value.isEmpty()) {
        if (param.equals("tailLines") || param.equals("sinceSeconds")
            || param.equals("limitBytes")) {
          checkNumber(param, value);
        }
        query.append(query.length() == 0 ? "?" : "&").append(param).append('=').append(enc(value));
      }
    }
    URI uri = URI.create(node.base("https") + "/containerLogs/" + enc(namespace) + "/"
        + enc(name) + "/" + enc(container) + query);
    boolean follow = "true".equals(request.param("follow"));
    HttpRequest.Builder get = HttpRequest.newBuilder(uri).GET();
    if (!follow) {
      get.timeout(Duration.ofMinutes(5));
    }
    ApiResponse.Stream stream = UpstreamStream.open(get.build(), "the node agent");
    if (stream.status() != 200) {
      throw upstreamError(stream);
    }
    return new ApiResponse.Stream(200, "text/plain", Map.of(), stream.body());
  }

  private ApiResponse stream(ObjectNode pod, String namespace, String name, String kind,
      ApiRequest request) {
    String container = container(pod, name, request.param("container"));
    NodeEndpoint node = nodeOf(pod, name);
    boolean stdin = flag(request, "stdin");
    boolean stdout = flag(request, "stdout");
    boolean stderr = flag(request, "stderr");
    boolean tty = flag(request, "tty");
    List<String> command = request.query().getOrDefault("command", List.of());
    if (kind.equals("exec") && command.isEmpty()) {
      throw Errors.badRequest("you must specify at least 1 command");
    }
    if (!stdin && !stdout && !stderr) {
      throw Errors.badRequest("you must specify at least 1 of stdin, stdout, stderr");
    }
    StringBuilder query = new StringBuilder("?");
    for (String c : command) {
      query.append("command=").append(enc(c)).append('&');
    }
    query.append("input=").append(stdin ? 1 : 0).append("&output=").append(stdout ? 1 : 0)
        .append("&error=").append(stderr ? 1 : 0).append("&tty=").append(tty ? 1 : 0);
    URI target = URI.create(node.base("wss") + "/" + kind + "/" + enc(namespace) + "/"
        + enc(name) + "/" + enc(container) + query);
    return new ApiResponse.Upgrade(target, EXEC_PROTOCOLS);
  }

  private ApiResponse portForward(ObjectNode pod, String namespace, String name,
      ApiRequest request) {
    NodeEndpoint node = nodeOf(pod, name);
    List<String> ports = new ArrayList<>();
    for (String value : request.query().getOrDefault("ports", List.of())) {
      for (String port : value.split(",")) {
        if (!port.isBlank()) {
          checkPort(port.trim());
          ports.add(port.trim());
        }
      }
    }
    StringBuilder query = new StringBuilder();
    for (String port : ports) {
      query.append(query.length() == 0 ? "?" : "&").append("port=").append(port);
    }
    URI target = URI.create(node.base("wss") + "/portForward/" + enc(namespace) + "/"
        + enc(name) + query);
    return new ApiResponse.Upgrade(target, PORT_FORWARD_PROTOCOLS);
  }

  /** The node agent's endpoint for a pod's node. */
  NodeEndpoint nodeOf(ObjectNode pod, String name) {
    String node = pod.path("spec").path("nodeName").asString("");
    if (node.isEmpty()) {
      throw Errors.badRequest("pod " + name + " does not have a host assigned");
    }
    return NodeEndpoint.of(store.get(nodes, "", node));
  }

  // ---- proxy

  private ApiResponse proxy(ResourceType type, String namespace, String nameAndPort,
      ApiRequest request) {
    String[] target = splitNamePort(nameAndPort);
    String scheme = target[0];
    String name = target[1];
    String port = target[2];
    String base;
    switch (type.plural()) {
      case "pods" -> {
        ObjectNode pod = store.get(type, namespace, name);
        String ip = pod.path("status").path("podIP").asString("");
        if (ip.isEmpty()) {
          throw Errors.serviceUnavailable("pod " + name + " has no IP yet");
        }
        base = (scheme.isEmpty() ? "http" : scheme) + "://" + ip + ":"
            + (port.isEmpty() ? "80" : resolvePodPort(pod, port));
      }
      case "nodes" -> {
        NodeEndpoint node = NodeEndpoint.of(store.get(nodes, "", name));
        base = (scheme.isEmpty() ? "https" : scheme) + "://" + node.host() + ":"
            + (port.isEmpty() ? node.port() : port);
      }
      case "services" -> base = serviceEndpoint(namespace, name, scheme, port);
      default -> throw Errors.pathNotFound();
    }
    String path = proxiedPath(request.path());
    String raw = rawQuery(request.query());
    URI uri = URI.create(base + path + (raw.isEmpty() ? "" : "?" + raw));
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5));
    byte[] body = request.method().equals("GET") || request.method().equals("HEAD")
        || request.method().equals("DELETE") ? new byte[0] : request.body().read();
    builder.method(request.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    if (request.contentType() != null && body.length > 0) {
      builder.header("Content-Type", request.contentType());
    }
    if (request.accept() != null) {
      builder.header("Accept", request.accept());
    }
    return UpstreamStream.open(builder.build(), type.plural() + "/" + name);
  }

  /** {@code [scheme:]name[:port]}, as Kubernetes' proxy subresource names its target. */
  static String[] splitNamePort(String id) {
    String[] parts = id.split(":");
    return switch (parts.length) {
      case 1 -> new String[] {"", parts[0], ""};
      case 2 -> new String[] {"", parts[0], parts[1]};
      case 3 -> new String[] {parts[0], parts[1], parts[2]};
      default -> throw Errors.badRequest("invalid proxy target \"" + id + "\"");
    };
  }

  /** Everything after {@code /proxy} in the request path ("/" when nothing). */
  static String proxiedPath(String path) {
    int at = path.indexOf("/proxy");
    String rest = at < 0 ? "" : path.substring(at + "/proxy".length());
    return rest.isEmpty() ? "/" : rest;
  }

  private static String resolvePodPort(JsonNode pod, String port) {
    if (port.chars().allMatch(Character::isDigit)) {
      return port;
    }
    for (JsonNode c : pod.path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        if (p.path("name").asString("").equals(port)) {
          return Integer.toString(p.path("containerPort").asInt());
        }
      }
    }
    throw Errors.badRequest("pod has no port named \"" + port + "\"");
  }

  private String serviceEndpoint(String namespace, String name, String scheme, String port) {
    ObjectNode endpoint;
    try {
      endpoint = store.get(endpoints, namespace, name);
    } catch (ApiException e) {
      throw Errors.serviceUnavailable("no endpoints available for service \"" + name + "\"");
    }
    for (JsonNode subset : endpoint.path("subsets")) {
      JsonNode address = subset.path("addresses").path(0);
      if (address.isMissingNode()) {
        continue;
      }
      for (JsonNode p : subset.path("ports")) {
        if (port.isEmpty() || p.path("name").asString("").equals(port)
            || Integer.toString(p.path("port").asInt()).equals(port)) {
          return (scheme.isEmpty() ? "http" : scheme) + "://" + address.path("ip").asString()
              + ":" + p.path("port").asInt();
        }
      }
    }
    throw Errors.serviceUnavailable("no endpoints available for service \"" + name + "\"");
  }

  private static String rawQuery(Map<String, List<String>> query) {
    StringBuilder out = new StringBuilder();
    query.forEach((k, values) -> values.forEach(v -> {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(enc(k)).append('=').append(enc(v));
    }));
    return out.toString();
  }

  // ---- shared checks

  /**
   * The container a request means: the named one (which must exist), else the pod's only
   * container; with several, Kubernetes' message listing them.
   */
  static String container(JsonNode pod, String name, String requested) {
    List<String> all = new ArrayList<>();
    for (String list : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
      for (JsonNode c : pod.path("spec").path(list)) {
        all.add(c.path("name").asString(""));
      }
    }
    if (requested != null && !requested.isEmpty()) {
      if (!all.contains(requested)) {
        throw Errors.badRequest("container " + requested + " is not valid for pod " + name);
      }
      return requested;
    }
    List<String> regular = new ArrayList<>();
    pod.path("spec").path("containers").forEach(c -> regular.add(c.path("name").asString("")));
    if (regular.size() == 1) {
      return regular.get(0);
    }
    throw Errors.badRequest("a container name must be specified for pod " + name
        + ", choose one of: " + regular);
  }

  private static ApiException upstreamError(ApiResponse.Stream stream) {
    String message;
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      stream.body().writeTo(out);
      message = out.toString(StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      message = "the node agent answered " + stream.status();
    }
    return switch (stream.status()) {
      case 404 -> Errors.badRequest(message);
      case 400 -> Errors.badRequest(message);
      default -> Errors.internalError(message);
    };
  }

  private static boolean flag(ApiRequest request, String name) {
    String v = request.param(name);
    return v != null && (v.isEmpty() || v.equals("1") || v.equalsIgnoreCase("true"));
  }

  private static void checkNumber(String param, String value) {
    try {
      Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw Errors.badRequest(param + ": Invalid value: \"" + value + "\": must be an integer");
    }
  }

  private static void checkPort(String port) {
    try {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw Errors.badRequest("invalid port \"" + port + "\": must be 1-65535");
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
