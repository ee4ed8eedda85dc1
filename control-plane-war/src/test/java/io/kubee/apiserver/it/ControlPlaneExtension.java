package io.kubee.apiserver.it;

import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.errors.ApiException;
import io.kubee.apiserver.ControlPlane;
import io.kubee.apiserver.auth.Authenticator;
import io.kubee.apiserver.handlers.ApiRequest;
import io.kubee.apiserver.handlers.ApiResponse;
import io.kubee.storage.etcd.EtcdStorage;
import io.kubee.storage.etcd.StorageConfig;
import io.kubee.testsupport.EtcdProcess;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real etcd and the apiserver's pipeline over it, without an HTTP server: tests send
 * {@link ApiRequest}s to the {@link io.kubee.apiserver.handlers.RestHandler} as the REST endpoint
 * does and get the status code and body the client would.
 */
public final class ControlPlaneExtension implements BeforeAllCallback, AfterAllCallback {
  /** The User-Agent of test requests; writes without a fieldManager are recorded under it. */
  public static final String USER_AGENT = "kubee-tests/0.1 (linux/amd64)";

  private final ControlPlane.Settings settings;
  private EtcdProcess etcd;
  private EtcdStorage storage;
  private ControlPlane controlPlane;

  public ControlPlaneExtension() {
    this(ControlPlane.Settings.defaults());
  }

  public ControlPlaneExtension(ControlPlane.Settings settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    etcd = EtcdProcess.start();
    storage = new EtcdStorage(StorageConfig.of(etcd.endpoint()));
    controlPlane = new ControlPlane(storage, Clock.systemUTC(), settings);
    controlPlane.ensureSystemNamespaces();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (controlPlane != null) {
      controlPlane.close();
    }
    if (storage != null) {
      storage.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  public EtcdStorage storage() {
    return storage;
  }

  /** A response as the client sees it: code and parsed body. */
  public record Reply(int code, JsonNode body) {
    public String text(String pointer) {
      return body.at(pointer).asString("");
    }
  }

  public Reply get(String path) {
    return call("GET", path, null, null);
  }

  public Reply post(String path, String json) {
    return call("POST", path, json, "application/json");
  }

  public Reply put(String path, String json) {
    return call("PUT", path, json, "application/json");
  }

  public Reply delete(String path) {
    return call("DELETE", path, null, null);
  }

  /**
   * Sends one request. {@code path} may carry a query string; {@code body} is sent with
   * {@code contentType} (single quotes in a JSON body stand for double quotes, for readable
   * tests). Errors come back as their Status, as over HTTP.
   */
  public Reply call(String method, String path, String body, String contentType) {
    if (body != null && contentType != null && contentType.contains("json")) {
      body = body.replace('\'', '"');
    }
    ApiResponse response;
    try {
      response = controlPlane.handler().handle(request(method, path, body, contentType, null));
    } catch (ApiException e) {
      return new Reply(e.code(), Codec.INSTANCE.fromTyped(e.status()));
    }
    if (response instanceof ApiResponse.Entity entity) {
      // round trip through the wire format, as a client would see it
      byte[] bytes = Codec.INSTANCE.write(entity.body(), entity.format());
      return new Reply(entity.status(), Codec.INSTANCE.parseObject(bytes, entity.format()));
    }
    throw new IllegalStateException("a watch answered " + method + " " + path);
  }

  /** Opens a watch; the caller closes it. */
  public ApiResponse.WatchStream watch(String path, String accept, String lastEventId) {
    return (ApiResponse.WatchStream) controlPlane.handler()
        .handle(request("GET", path, null, null, accept, lastEventId));
  }

  public static ApiRequest request(String method, String pathAndQuery, String body,
      String contentType, String accept) {
    return request(method, pathAndQuery, body, contentType, accept, null);
  }

  public static ApiRequest request(String method, String pathAndQuery, String body,
      String contentType, String accept, String lastEventId) {
    String path = pathAndQuery;
    Map<String, List<String>> query = new LinkedHashMap<>();
    int q = pathAndQuery.indexOf('?');
    if (q >= 0) {
      path = pathAndQuery.substring(0, q);
      for (String pair : pathAndQuery.substring(q + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        query.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>())
            .add(kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return new ApiRequest(method, path, query, contentType, accept, lastEventId, USER_AGENT,
        new Authenticator.Credentials(null, null), () -> bytes);
  }

  /** Parses single-quoted JSON written in tests. */
  public static ObjectNode json(String singleQuoted) {
    return Codec.INSTANCE.parseObject(
        singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8), Format.JSON);
  }

  private static String decode(String value) {
    return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
