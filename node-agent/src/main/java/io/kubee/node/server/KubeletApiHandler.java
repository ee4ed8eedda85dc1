package io.kubee.node.server;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.kubee.api.codec.Codec;
import io.kubee.node.kuberuntime.RuntimeContainer;
import io.kubee.node.kuberuntime.RuntimePodStatus;
import io.kubee.node.logs.LogOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet API's routes (k8s.io/kubernetes {@code pkg/kubelet/server/server.go}):
 * {@code /healthz}, {@code /pods}, {@code /stats/summary},
 * {@code /containerLogs/<ns>/<pod>/<container>}, and the streaming ones
 * {@code /exec|attach/<ns>/<pod>/<container>} and {@code /portForward/<ns>/<pod>} over
 * WebSocket ({@link StreamingHandler}). The apiserver proxies pods/log, exec, attach and
 * portforward here.
 */
final class KubeletApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(KubeletApiHandler.class);

  private final KubeletApiContext context;
  private final boolean healthzOnly;

  KubeletApiHandler(KubeletApiContext context, boolean healthzOnly) {
    this.context = context;
    this.healthzOnly = healthzOnly;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    // ';' is an ordinary character in Kubernetes query values (exec commands), not a separator
    QueryStringDecoder uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true,
        1024, true);
    String path = uri.path();
    String[] parts = path.substring(1).split("/");
    try {
      if (path.equals("/healthz")) {
        respond(ctx, request, HttpResponseStatus.OK, "text/plain; charset=utf-8", "ok");
        return;
      }
      if (healthzOnly) {
        respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain", "404 page not found");
        return;
      }
      if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.POST)) {
        respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain",
            "method not allowed");
        return;
      }
      switch (parts[0]) {
        case "pods" -> respond(ctx, request, HttpResponseStatus.OK, "application/json",
            new String(Codec.INSTANCE.writeJson(podList()), StandardCharsets.UTF_8));
        case "stats" -> {
          if (parts.length == 2 && parts[1].equals("summary")) {
            respond(ctx, request, HttpResponseStatus.OK, "application/json",
                context.summary().summary().toString());
          } else {
            notFound(ctx, request);
          }
        }
        case "containerLogs" -> {
          if (parts.length != 4) {
            notFound(ctx, request);
            return;
          }
          logs(ctx, request, uri, parts[1], parts[2], parts[3]);
        }
        case "exec", "attach", "portForward" -> new StreamingHandler(context)
            .handle(ctx, request, uri, parts);
        default -> notFound(ctx, request);
      }
    } catch (RuntimeException e) {
      LOG.warn("kubelet API request {} failed: {}", path, e.toString(), e);
      respond(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain",
          e.toString());
    }
  }

  private PodList podList() {
    PodList list = new PodList();
    list.setApiVersion("v1");
    list.setKind("PodList");
    list.setItems(context.pods().all().stream().map(p -> {
      Pod copy = Codec.INSTANCE.json().convertValue(Codec.INSTANCE.fromTyped(p), Pod.class);
      context.statuses().getPodStatus(p.getMetadata().getUid()).ifPresent(copy::setStatus);
      return copy;
    }).toList());
    return list;
  }

  private void logs(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri,
      String namespace, String name, String containerName) {
    Optional<Pod> pod = context.pods().byName(namespace, name);
    if (pod.isEmpty()) {
      respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain",
          "pod \"" + name + "\" not found");
      return;
    }
    Map<String, List<String>> q = uri.parameters();
    boolean previous = bool(q, "previous");
    Optional<RuntimePodStatus> status = context.cache().get(pod.get().getMetadata().getUid());
    boolean init = pod.get().getSpec().getInitContainers() != null && pod.get().getSpec()
        .getInitContainers().stream().anyMatch(c -> c.getName().equals(containerName));
    Optional<RuntimeContainer> container = status.flatMap(s -> previous
        ? s.previous(containerName, init) : s.latest(containerName, init));
    if (container.isEmpty() || container.get().logPath().isEmpty()) {
      String message = previous
          ? "previous terminated container \"" + containerName + "\" in pod \"" + name
              + "\" not found"
          : "container \"" + containerName + "\" in pod \"" + name
              + "\" is waiting to start: ContainerCreating";
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain", message);
      return;
    }
    LogOptions options = new LogOptions(bool(q, "follow"), longParam(q, "tailLines"),
        since(q), bool(q, "timestamps"), longParam(q, "limitBytes"));
    String uid = pod.get().getMetadata().getUid();
    String id = container.get().id();
    LogStreamer.stream(ctx, request, context.blocking(), java.nio.file.Path.of(
        container.get().logPath()), options, () -> context.cache().get(uid)
        .flatMap(s -> s.containers().stream().filter(c -> c.id().equals(id)).findFirst())
        .map(RuntimeContainer::running).orElse(false));
  }

  private static Instant since(Map<String, List<String>> q) {
    Long seconds = longParam(q, "sinceSeconds");
    if (seconds != null) {
      return Instant.now().minusSeconds(seconds);
    }
    List<String> time = q.get("sinceTime");
    return time == null || time.isEmpty() ? null : Instant.parse(time.get(0));
  }

  static boolean bool(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v != null && !v.isEmpty() && (v.get(0).equals("true") || v.get(0).equals("1"));
  }

  static Long longParam(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    if (v == null || v.isEmpty() || v.get(0).isEmpty()) {
      return null;
    }
    return Long.parseLong(v.get(0));
  }

  private static void notFound(ChannelHandlerContext ctx, FullHttpRequest request) {
    respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain", "404 page not found");
  }

  static void respond(ChannelHandlerContext ctx, FullHttpRequest request,
      HttpResponseStatus status, String contentType, String body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("kubelet API connection failed: {}", cause.toString());
    ctx.close();
  }
}
