package io.kubee.node.server;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.grpc.StatusRuntimeException;
import io.kubee.node.cri.v1.AttachRequest;
import io.kubee.node.cri.v1.ExecRequest;
import io.kubee.node.cri.v1.PortForwardRequest;
import io.kubee.node.kuberuntime.RuntimeContainer;
import io.kubee.node.kuberuntime.RuntimePodStatus;
import io.kubee.node.streaming.PortForwardBridge;
import io.kubee.node.streaming.RemoteCommandBridge;
import io.kubee.node.streaming.SpdyConnection;
import io.kubee.node.streaming.StreamOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * exec, attach and portForward on the kubelet API: checks the request, asks the runtime for a
 * streaming URL (CRI Exec, Attach, PortForward), answers the WebSocket upgrade with the best
 * channel protocol the client offers ({@code v5.channel.k8s.io}, {@code v4.channel.k8s.io}), and
 * bridges the WebSocket to a SPDY session with the streaming server. Failures before the upgrade
 * are plain HTTP errors; after it, a Failure Status on channel 3.
 */
final class StreamingHandler {
  static final String V5 = "v5.channel.k8s.io";
  static final String V4 = "v4.channel.k8s.io";
  private static final int MAX_FRAME = 1 << 20;

  private final KubeletApiContext context;

  StreamingHandler(KubeletApiContext context) {
    this.context = context;
  }

  void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri,
      String[] parts) {
    String kind = parts[0];
    if (!"websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
      KubeletApiHandler.respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain",
          "Upgrade request required: " + kind + " is served over WebSocket ("
              + V5 + ", " + V4 + ")");
      return;
    }
    boolean portForward = kind.equals("portForward");
    int expected = portForward ? 3 : 4;
    if (parts.length != expected && parts.length != expected + 1) {
      KubeletApiHandler.respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain",
          "404 page not found");
      return;
    }
    Optional<Pod> pod = context.pods().byName(parts[1], parts[2]);
    if (pod.isEmpty()) {
      error(ctx, request, HttpResponseStatus.NOT_FOUND, "pod " + parts[1] + "/" + parts[2]
          + " not found");
      return;
    }
    String uid = pod.get().getMetadata().getUid();
    Optional<RuntimePodStatus> status = context.cache().get(uid);
    try {
      if (portForward) {
        List<Integer> ports = new ArrayList<>();
        for (String p : uri.parameters().getOrDefault("port", List.of())) {
          for (String each : p.split(",")) {
            ports.add(Integer.parseInt(each.trim()));
          }
        }
        if (ports.isEmpty() || ports.stream().anyMatch(p -> p < 1 || p > 65535)) {
          error(ctx, request, HttpResponseStatus.BAD_REQUEST, "port-forward needs ?port=N "
              + "with 1 <= N <= 65535");
          return;
        }
        Optional<String> sandbox = status.flatMap(RuntimePodStatus::readySandbox)
            .map(s -> s.getId());
        if (sandbox.isEmpty()) {
          error(ctx, request, HttpResponseStatus.BAD_REQUEST, "pod " + parts[2]
              + " has no running sandbox");
          return;
        }
        String url = context.runtime().portForward(PortForwardRequest.newBuilder()
            .setPodSandboxId(sandbox.get()).addAllPort(ports).build());
        upgrade(ctx, request, V4, session -> {
          PortForwardBridge bridge = new PortForwardBridge(session, ports);
          return new Bridge(bridge::fromClient, bridge::clientClosed,
              spdy -> bridge.start(spdy), List.of("portforward.k8s.io"), url);
        });
        return;
      }
      String containerName = parts[parts.length - 1];
      Container spec = pod.get().getSpec().getContainers().stream()
          .filter(c -> c.getName().equals(containerName)).findFirst().orElse(null);
      Optional<RuntimeContainer> running = status.flatMap(s -> s.latest(containerName, false))
          .filter(RuntimeContainer::running);
      if (spec == null || running.isEmpty()) {
        error(ctx, request, HttpResponseStatus.BAD_REQUEST, "container " + containerName
            + " is not valid for pod " + parts[2] + " or is not running");
        return;
      }
      StreamOptions options = StreamOptions.from(uri.parameters());
      boolean tty = options.tty();
      String url;
      if (kind.equals("exec")) {
        if (options.command().isEmpty()) {
          error(ctx, request, HttpResponseStatus.BAD_REQUEST, "you must specify a command");
          return;
        }
        url = context.runtime().exec(ExecRequest.newBuilder().setContainerId(running.get().id())
            .addAllCmd(options.command()).setTty(tty).setStdin(options.stdin())
            .setStdout(options.stdout()).setStderr(options.stderr() && !tty).build());
      } else {
        // CRI.md: attach with stdin to a container created without it hangs; attach's tty must
        // be the container's
        tty = Boolean.TRUE.equals(spec.getTty());
        boolean stdin = options.stdin() && Boolean.TRUE.equals(spec.getStdin());
        options = new StreamOptions(List.of(), stdin, options.stdout(), options.stderr(), tty);
        url = context.runtime().attach(AttachRequest.newBuilder()
            .setContainerId(running.get().id()).setTty(tty).setStdin(stdin)
            .setStdout(options.stdout()).setStderr(options.stderr() && !tty).build());
      }
      StreamOptions chosen = options;
      String protocol = offered(request).contains(V5) ? V5 : V4;
      upgrade(ctx, request, protocol, session -> {
        RemoteCommandBridge bridge = new RemoteCommandBridge(session, chosen);
        return new Bridge(bridge::fromClient, bridge::clientClosed, bridge::start,
            List.of(V4), url);
      });
    } catch (StatusRuntimeException e) {
      error(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR,
          "the container runtime refused: " + e.getStatus());
    } catch (NumberFormatException e) {
      error(ctx, request, HttpResponseStatus.BAD_REQUEST, "invalid port: " + e.getMessage());
    }
  }

  /** What the frame handler drives once the WebSocket is up. */
  record Bridge(Consumer<io.netty.buffer.ByteBuf> fromClient, Runnable clientClosed,
      Consumer<SpdyConnection> start, List<String> upstreamProtocols, String url) {}

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String protocol,
      java.util.function.Function<NettyWsSession, Bridge> factory) {
    List<String> offered = offered(request);
    if (!offered.contains(protocol)) {
      error(ctx, request, HttpResponseStatus.BAD_REQUEST, "no supported channel protocol "
          + "offered (want " + protocol + "), got " + offered);
      return;
    }
    String location = "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri();
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location,
        protocol, false, MAX_FRAME).newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    NettyWsSession session = new NettyWsSession(ctx.channel());
    Bridge bridge = factory.apply(session);
    WsFrameHandler frames = new WsFrameHandler(bridge);
    handshaker.handshake(ctx.channel(), request).addListener(f -> {
      if (!f.isSuccess()) {
        ctx.close();
        return;
      }
      ctx.pipeline().addLast(new WebSocketFrameAggregator(MAX_FRAME));
      ctx.pipeline().addLast(frames);
      ctx.pipeline().remove(KubeletApiHandler.class);
      SpdyConnection.connect(context.clients(), URI.create(bridge.url()),
          bridge.upstreamProtocols()).whenComplete((spdy, failure) -> {
            if (failure != null) {
              session.send(3, Unpooled.copiedBuffer(failureStatus(
                  "cannot reach the container runtime's streaming server: "
                      + failure.getMessage()), StandardCharsets.UTF_8));
              session.close(1011, "");
              return;
            }
            ctx.channel().eventLoop().execute(() -> frames.started(spdy));
          });
    });
  }

  static List<String> offered(FullHttpRequest request) {
    List<String> out = new ArrayList<>();
    for (String header : request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
      for (String p : header.split(",")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
    }
    return out;
  }

  private static void error(ChannelHandlerContext ctx, FullHttpRequest request,
      HttpResponseStatus status, String message) {
    KubeletApiHandler.respond(ctx, request, status, "application/json", failureStatus(message));
  }

  static String failureStatus(String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":" + io.kubee.api.codec.Codec.INSTANCE.json().valueToTree(message)
        + "}";
  }
}
