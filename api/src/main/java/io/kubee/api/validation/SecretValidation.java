package io.kubee.api.validation;

import io.kubee.api.codec.Codec;
import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Secrets ({@code ValidateSecret}, {@code ValidateSecretUpdate}): valid keys, at most 1 MiB, the
 * keys each well-known type requires, and no change to the type (nor to the data once
 * {@code immutable}). {@code stringData} counts as data, as Kubernetes merges it on decoding.
 */
final class SecretValidation {
  private SecretValidation() {}

  static void validate(JsonNode secret, FieldErrors errs) {
    Map<String, byte[]> data = data(secret);
    FieldPath dataPath = FieldPath.of("data");
    long total = 0;
    for (Map.Entry<String, byte[]> e : data.entrySet()) {
      Names.configMapKey(e.getKey()).forEach(m -> errs.invalid(dataPath.key(e.getKey()),
          e.getKey(), m));
      total += e.getValue() == null ? 0 : e.getValue().length;
    }
    Json.map(secret, "data").forEach((k, v) -> {
      if (ConfigMapValidation.decode(v) == null) {
        errs.invalid(dataPath.key(k), "<secret contents redacted>", "illegal base64 data");
      }
    });
    if (total > ConfigMapValidation.MAX_SIZE) {
      errs.tooLong(dataPath, ConfigMapValidation.MAX_SIZE);
    }
    String type = Json.text(secret, "type");
    switch (type) {
      case "kubernetes.io/service-account-token" -> {
        String sa = Json.map(Json.get(secret, "metadata"), "annotations")
            .getOrDefault("kubernetes.io/service-account.name", "");
        if (sa.isEmpty()) {
          errs.required(FieldPath.of("metadata", "annotations")
              .key("kubernetes.io/service-account.name"), "");
        }
      }
      case "kubernetes.io/dockercfg" -> dockerConfig(data, ".dockercfg", errs);
      case "kubernetes.io/dockerconfigjson" -> dockerConfig(data, ".dockerconfigjson", errs);
      case "kubernetes.io/basic-auth" -> {
        if (!data.containsKey("username") && !data.containsKey("password")) {
          errs.required(dataPath.key("username"), "");
          errs.required(dataPath.key("password"), "");
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        byte[] key = data.get("ssh-privatekey");
        if (key == null || key.length == 0) {
          errs.required(dataPath.key("ssh-privatekey"), "");
        }
      }
      case "kubernetes.io/tls" -> {
        if (!data.containsKey("tls.crt")) {
          errs.required(dataPath.key("tls.crt"), "");
        }
        if (!data.containsKey("tls.key")) {
          errs.required(dataPath.key("tls.key"), "");
        }
      }
      default -> { }
    }
  }

  private static void dockerConfig(Map<String, byte[]> data, String key, FieldErrors errs) {
    FieldPath p = FieldPath.of("data").key(key);
    if (!data.containsKey(key)) {
      errs.required(p, "");
      return;
    }
    byte[] bytes = data.get(key);
    String problem = null;
    try {
      JsonNode parsed = Codec.INSTANCE.json().readTree(bytes == null ? new byte[0] : bytes);
      if (parsed == null || parsed.isMissingNode()) {
        problem = "unexpected end of JSON input";
      } else if (!parsed.isObject() && !parsed.isNull()) {
        problem = "json: cannot unmarshal " + parsed.getNodeType().name().toLowerCase(
            java.util.Locale.ROOT) + " into Go value of type map[string]interface {}";
      }
    } catch (JacksonException e) {
      problem = e.getOriginalMessage();
    }
    if (problem != null) {
      errs.invalid(p, "<secret contents redacted>", problem);
    }
  }

  static void update(JsonNode secret, JsonNode old, FieldErrors errs) {
    MetadataValidation.immutable(Json.get(secret, "type"), Json.get(old, "type"),
        FieldPath.of("type"), errs);
    if (Json.bool(old, "immutable")) {
      if (!Json.bool(secret, "immutable")) {
        errs.forbidden(FieldPath.of("immutable"), "field is immutable when `immutable` is set");
      }
      Map<String, byte[]> now = data(secret);
      Map<String, byte[]> before = data(old);
      boolean same = now.size() == before.size();
      for (Map.Entry<String, byte[]> e : now.entrySet()) {
        same &= before.containsKey(e.getKey())
            && java.util.Arrays.equals(e.getValue(), before.get(e.getKey()));
      }
      if (!same) {
        errs.forbidden(FieldPath.of("data"), "field is immutable when `immutable` is set");
      }
    }
  }

  /** data (decoded) overlaid with stringData, as the v1 to internal conversion does. */
  private static Map<String, byte[]> data(JsonNode secret) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Json.map(secret, "data").forEach((k, v) -> out.put(k, ConfigMapValidation.decode(v)));
    Json.map(secret, "stringData").forEach((k, v) ->
        out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return out;
  }
}
