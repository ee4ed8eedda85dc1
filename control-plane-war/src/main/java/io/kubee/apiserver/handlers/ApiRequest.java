package io.kubee.apiserver.handlers;

import io.kubee.apiserver.auth.Authenticator;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request to the Kubernetes API, independent of the server that received it.
 *
 * @param path        the decoded path (/api/v1/namespaces/default/pods)
 * @param query       decoded query parameters
 * @param contentType the Content-Type header, or null
 * @param accept      the Accept header, or null
 * @param lastEventId the SSE Last-Event-ID header, or null
 * @param userAgent   the User-Agent header, or null (names the field manager of a write that
 *                    names none)
 * @param body        reads the body (at most once); answers 413 past the size limit
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    String contentType,
    String accept,
    String lastEventId,
    String userAgent,
    Authenticator.Credentials credentials,
    Body body) {

  /** The first value of a query parameter, or null. */
  public String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Reads the request body. */
  @FunctionalInterface
  public interface Body {
    byte[] read();
  }
}
