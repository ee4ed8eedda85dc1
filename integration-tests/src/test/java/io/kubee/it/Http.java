package io.kubee.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the API under test, as curl would use it. */
final class Http {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  /** A response: code, Content-Type and body (parsed when it is JSON). */
  record Reply(int code, String contentType, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String text(String pointer) {
      return json().at(pointer).asString("");
    }
  }

  static Reply get(String path) {
    return send("GET", path, null, null);
  }

  static Reply get(String path, String accept) {
    return send(HttpRequest.newBuilder(Cluster.api(path)).header("Accept", accept).GET());
  }

  static Reply post(String path, String body, String contentType) {
    return send("POST", path, body, contentType);
  }

  static Reply put(String path, String body) {
    return send("PUT", path, body, "application/json");
  }

  static Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  static Reply send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(Cluster.api(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpClient client() {
    return CLIENT;
  }

  static URI uri(String path) {
    return Cluster.api(path);
  }
}
