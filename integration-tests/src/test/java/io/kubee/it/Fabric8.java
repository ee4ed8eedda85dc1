package io.kubee.it;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.WebSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fabric8 Kubernetes client (8.0, over the JDK HTTP client) against the cluster under test,
 * as an application configures it, plus an interceptor that records every request it sends and
 * can cut the client off from the server, as a network failure would.
 */
final class Fabric8 implements AutoCloseable {
  /** One request as the client sent it. */
  record Sent(boolean webSocket, String method, URI uri, String contentType, String body) {
    @Override
    public String toString() {
      return (webSocket ? "WebSocket " : "") + method + " " + uri
          + (contentType == null ? "" : " (" + contentType + ") " + body);
    }
  }

  final KubernetesClient client;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private volatile boolean offline;

  Fabric8(String namespace) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(Cluster.apiBase().toString())
        .withNamespace(namespace)
        .withRequestTimeout(20_000)
        // reconnects back off from 100 ms (to 3.2 s): tests wait less after a break
        .withWatchReconnectInterval(100)
        .build();
    this.client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("kubee-it",
            new Interceptor() {
              @Override
              public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                String contentType = request instanceof StandardHttpRequest standard
                    ? standard.getContentType() : request.header("Content-Type");
                sent.add(new Sent(builder instanceof WebSocket.Builder, request.method(),
                    request.uri(), contentType, request.bodyString()));
                if (offline) {
                  // port 1 on loopback refuses the connection
                  builder.uri(URI.create(request.uri().toString()
                      .replaceFirst("^(https?|wss?)://[^/]+", "$1://127.0.0.1:1")));
                }
              }
            }))
        .build();
  }

  /** Every request sent so far, oldest first. */
  List<Sent> sent() {
    return List.copyOf(sent);
  }

  void clearSent() {
    sent.clear();
  }

  /** While offline, every new request or WebSocket fails to connect; open ones are untouched. */
  void offline(boolean offline) {
    this.offline = offline;
  }

  @Override
  public void close() {
    client.close();
  }
}
