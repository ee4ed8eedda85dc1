package io.kubee.apiserver.kubelet;

import io.kubee.api.errors.Errors;
import io.kubee.apiserver.handlers.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a request to a node agent or a pod and answers with its response, copied to the client
 * as it arrives (each read is flushed, so {@code logs -f} streams): what pods/log and proxy
 * return.
 */
public final class UpstreamStream {
  /** Response headers passed through from the upstream to the client. */
  private static final List<String> PASSED = List.of("Cache-Control", "Content-Disposition",
      "Content-Encoding", "Content-Language", "Last-Modified", "ETag", "Location");

  private UpstreamStream() {}

  /**
   * Opens the upstream now (so that failing to reach it is a Status, not a broken stream) and
   * returns the response that copies its body.
   */
  public static ApiResponse.Stream open(HttpRequest request, String what) {
    HttpResponse<InputStream> response;
    try {
      response = KubeletClient.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw Errors.serviceUnavailable("cannot reach " + what + " at " + redact(request.uri())
          + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.serviceUnavailable("interrupted while reaching " + what);
    }
    String type = response.headers().firstValue("Content-Type").orElse("text/plain");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : PASSED) {
      response.headers().firstValue(name).ifPresent(v -> headers.put(name, v));
    }
    InputStream body = response.body();
    return new ApiResponse.Stream(response.statusCode(), type, headers, out -> copy(body, out));
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    try (in) {
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (n > 0) {
          out.write(buffer, 0, n);
          // a following log must reach the client line by line
          if (in.available() == 0) {
            out.flush();
          }
        }
      }
      out.flush();
    }
  }

  private static String redact(URI uri) {
    return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
  }
}
