package io.kubee.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The Kubernetes API over plain HTTP/1.1 with the JDK client: what the benchmark sends. */
final class Api {
  static final String JSON = "application/json";
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** A response: status and body bytes. */
  record Reply(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Throws unless the status is {@code expected}. */
    Reply expect(int expected, String what) {
      if (status != expected) {
        String text = text();
        throw new BenchException(what + ": HTTP " + status + " (expected " + expected + "): "
            + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
      }
      return this;
    }
  }

  private final URI base;
  private final HttpClient http;

  Api(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /**
   * An HTTP/1.1 client whose completions run on its selector thread (a direct executor) instead
   * of hopping to a pool: the load generator shares the machine's cores with the apiserver and
   * etcd, and the hops cost it about 30 % more CPU per request (measured: GET /version at 16
   * clients, 3,800 → 5,300 req/s). Nothing this benchmark does in a completion blocks.
   */
  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Runnable::run)
        .build();
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
        .header("Accept", JSON).GET().build());
  }

  Reply post(String path, byte[] body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
        .header("Accept", JSON).header("Content-Type", JSON)
        .POST(BodyPublishers.ofByteArray(body)).build());
  }

  Reply put(String path, byte[] body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
        .header("Accept", JSON).header("Content-Type", JSON)
        .PUT(BodyPublishers.ofByteArray(body)).build());
  }

  Reply delete(String path, Duration timeout) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).timeout(timeout)
        .header("Accept", JSON).DELETE().build());
  }

  private Reply send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray());
    return new Reply(response.statusCode(), response.body());
  }

  void createNamespace(String name, String run) throws IOException, InterruptedException {
    post("/api/v1/namespaces", ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{"
        + "\"name\":\"" + name + "\",\"labels\":{\"bench.kubee.io/run\":\"" + run + "\"}}}")
        .getBytes(StandardCharsets.UTF_8)).expect(201, "create namespace " + name);
  }

  static String configMapsPath(String namespace) {
    return "/api/v1/namespaces/" + namespace + "/configmaps";
  }

  /**
   * A small, realistic ConfigMap: three labels, a few data keys (one a short properties file),
   * and any extra annotations ({@code "key":"value",...} without braces, or empty).
   */
  static byte[] configMap(String name, String run, String annotations) {
    String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{"
        + "\"name\":\"" + name + "\","
        + "\"labels\":{\"app.kubernetes.io/name\":\"bench\","
        + "\"app.kubernetes.io/component\":\"backend\",\"bench.kubee.io/run\":\"" + run + "\"}"
        + (annotations.isEmpty() ? "" : ",\"annotations\":{" + annotations + "}")
        + "},\"data\":{"
        + "\"LOG_LEVEL\":\"info\","
        + "\"MAX_CONNECTIONS\":\"100\","
        + "\"FEATURE_FLAGS\":\"search,export,beta-ui\","
        + "\"application.properties\":\"server.port=8080\\nspring.datasource.url="
        + "jdbc:postgresql://db.backend.svc:5432/app\\ncache.ttl=300s\\n\""
        + "}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
