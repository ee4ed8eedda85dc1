package io.kubee.apiserver.openapi;

import io.kubee.api.codec.Codec;
import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers the OpenAPI endpoints as Kubernetes' kube-openapi handlers do ({@code handler} and
 * {@code handler3}): JSON with a quoted content hash as {@code ETag}, 304 for a matching
 * {@code If-None-Match}; a group-version document asked for with its current {@code hash} is
 * immutable ({@code Cache-Control: public, immutable}, {@code Expires} a year ahead), with a
 * stale hash it redirects (301) to the current URL. A client that accepts only protobuf gets
 * 406. Independent of any HTTP server; thread-safe.
 */
public final class OpenApiService {
  static final String JSON = "application/json";
  /** HTTP's IMF-fixdate (RFC 9110), as Go's {@code time.RFC1123} writes it in UTC. */
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
      .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
      .withZone(java.time.ZoneOffset.UTC);

  /** An HTTP answer: status, body (empty for 301/304) and headers. */
  public record Reply(int status, byte[] body, Map<String, String> headers) {}

  private final Supplier<OpenApiDocuments> documents;
  private final Clock clock;

  /**
   * @param documents the documents, asked for on the first request (they take a moment to build)
   */
  public OpenApiService(Supplier<OpenApiDocuments> documents, Clock clock) {
    this.documents = documents;
    this.clock = clock;
  }

  /** {@code GET /openapi/v2}. */
  public Reply v2(String accept, String ifNoneMatch) {
    return serve(accept, ifNoneMatch, documents.get().v2(), false);
  }

  /** {@code GET /openapi/v3}. */
  public Reply v3Index(String accept, String ifNoneMatch) {
    return serve(accept, ifNoneMatch, documents.get().v3Index(), false);
  }

  /**
   * {@code GET /openapi/v3/<path>[?hash=...]}.
   *
   * @param path "api/v1", "apis/apps/v1"
   * @param hash the {@code hash} query parameter, or null
   */
  public Reply v3(String path, String hash, String accept, String ifNoneMatch) {
    Optional<OpenApiDocuments.Document> document = documents.get().v3(trimSlashes(path));
    if (document.isEmpty()) {
      return error(Errors.pathNotFound());
    }
    if (hash != null && !hash.isEmpty() && !hash.equals(document.get().hash())) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Location",
          OpenApiDocuments.serverRelativeUrl(trimSlashes(path), document.get()));
      return new Reply(301, new byte[0], headers);
    }
    Reply reply = serve(accept, ifNoneMatch, document.get(), true);
    if (hash != null && !hash.isEmpty() && reply.status() < 400) {
      reply.headers().put("Cache-Control", "public, immutable");
      reply.headers().put("Expires", HTTP_DATE.format(ZonedDateTime.now(clock).plusYears(1)));
    }
    return reply;
  }

  private Reply serve(String accept, String ifNoneMatch, OpenApiDocuments.Document document,
      boolean varyAccept) {
    if (!acceptsJson(accept)) {
      return error(Errors.notAcceptable("only application/json is served for OpenAPI documents"));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    String etag = "\"" + document.hash() + "\"";
    headers.put("ETag", etag);
    if (varyAccept) {
      headers.put("Vary", "Accept");
    }
    if (matches(ifNoneMatch, etag)) {
      return new Reply(304, new byte[0], headers);
    }
    headers.put("Content-Type", JSON);
    return new Reply(200, document.json(), headers);
  }

  private static Reply error(ApiException e) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    return new Reply(e.code(), Codec.INSTANCE.writeJson(e.status()), headers);
  }

  /** Whether an Accept header admits JSON: absent, {@code *}/{@code *}, application/*, JSON. */
  static boolean acceptsJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      boolean refused = false;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].trim().replace(" ", "");
        if (parameter.equals("q=0") || parameter.matches("q=0\\.0*")) {
          refused = true;
        }
      }
      if (!refused && (type.equals("*/*") || type.equals("application/*")
          || type.equals(JSON))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static String trimSlashes(String path) {
    return path.replaceAll("^/+|/+$", "");
  }
}
