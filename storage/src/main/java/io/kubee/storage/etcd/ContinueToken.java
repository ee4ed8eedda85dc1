package io.kubee.storage.etcd;

import io.kubee.api.codec.Codec;
import io.kubee.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The continue token of a paged list, in Kubernetes' format (k8s.io/apiserver/pkg/storage/
 * continue.go): base64url without padding of {@code {"v":"meta.k8s.io/v1","rv":<revision>,
 * "start":"<next key relative to the list's prefix>"}}, so tokens look exactly like a
 * kube-apiserver's.
 *
 * @param revision the revision the whole list is read at
 * @param startKey the full key the next page starts at
 */
record ContinueToken(long revision, String startKey) {
  static final String VERSION = "meta.k8s.io/v1";

  /**
   * @param nextKey the full key the next page starts at (under {@code keyPrefix})
   * @throws IllegalArgumentException when {@code nextKey} is not under {@code keyPrefix}
   */
  static String encode(String nextKey, String keyPrefix, long revision) {
    if (!nextKey.startsWith(keyPrefix) || nextKey.length() == keyPrefix.length()) {
      throw new IllegalArgumentException(
          "next key " + nextKey + " is not under prefix " + keyPrefix);
    }
    ObjectNode json = Codec.INSTANCE.newObject();
    json.put("v", VERSION);
    json.put("rv", revision);
    json.put("start", nextKey.substring(keyPrefix.length()));
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Codec.INSTANCE.writeJson(json));
  }

  /**
   * Reads a token for a list under {@code keyPrefix}.
   *
   * @throws StorageException {@code INVALID_CONTINUE} for anything but a well-formed token whose
   *     start key stays inside {@code keyPrefix}
   */
  static ContinueToken decode(String token, String keyPrefix) {
    JsonNode json;
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(token.trim());
      json = Codec.INSTANCE.json().readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | JacksonException e) {
      throw invalid(keyPrefix, "continue key is not valid: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw invalid(keyPrefix, "continue key is not valid: not a JSON object");
    }
    if (!VERSION.equals(json.path("v").asString(""))) {
      throw invalid(keyPrefix,
          "continue key is not valid: server does not recognize this encoded version");
    }
    long revision = json.path("rv").isIntegralNumber() ? json.path("rv").asLong() : 0;
    if (revision <= 0) {
      throw invalid(keyPrefix, "continue key is not valid: incorrect encoded start "
          + "resourceVersion (version " + VERSION + ")");
    }
    String start = json.path("start").asString("");
    if (start.isEmpty()) {
      throw invalid(keyPrefix, "continue key is not valid: encoded start key empty");
    }
    // the start key must not climb out of the prefix ("../"), as Kubernetes checks with
    // path.Clean
    if (!isClean("/" + start)) {
      throw invalid(keyPrefix, "continue key is not valid: " + start);
    }
    return new ContinueToken(revision, keyPrefix + start);
  }

  /** Whether an absolute path has no empty, "." or ".." segment and no trailing slash. */
  static boolean isClean(String path) {
    String[] segments = path.substring(1).split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static StorageException invalid(String keyPrefix, String message) {
    return new StorageException(StorageException.Code.INVALID_CONTINUE, keyPrefix, message);
  }
}
