package io.kubee.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Reaches past the apiserver to the etcd under test through etcd's own JSON gateway, for what
 * only an operator does: compacting history.
 */
final class Etcd {
  private Etcd() {}

  /** Compacts etcd's history up to its current revision; returns that revision. */
  static long compactToCurrent(String endpoint) {
    // any range read answers with the header revision
    JsonNode range = post(endpoint, "/v3/kv/range", "{\"key\":\"AA==\"}");
    long revision = range.at("/header/revision").asLong();
    post(endpoint, "/v3/kv/compaction", "{\"revision\":\"" + revision + "\",\"physical\":true}");
    return revision;
  }

  private static JsonNode post(String endpoint, String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> response =
          Http.client().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return Http.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
