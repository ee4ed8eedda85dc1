package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * ConfigMaps ({@code ValidateConfigMap}, {@code ValidateConfigMapUpdate}): valid keys, no key in
 * both {@code data} and {@code binaryData}, at most 1 MiB in all, nothing changes once
 * {@code immutable} is true.
 */
final class ConfigMapValidation {
  private ConfigMapValidation() {}

  static final int MAX_SIZE = 1024 * 1024;

  static void validate(JsonNode cm, FieldErrors errs) {
    Map<String, String> data = Json.map(cm, "data");
    Map<String, String> binary = Json.map(cm, "binaryData");
    long total = 0;
    for (Map.Entry<String, String> e : data.entrySet()) {
      FieldPath p = FieldPath.of("data").key(e.getKey());
      Names.configMapKey(e.getKey()).forEach(m -> errs.invalid(p, e.getKey(), m));
      if (binary.containsKey(e.getKey())) {
        errs.invalid(p, e.getKey(), "duplicate of key present in binaryData");
      }
      total += Names.byteLength(e.getValue());
    }
    for (Map.Entry<String, String> e : binary.entrySet()) {
      FieldPath p = FieldPath.of("binaryData").key(e.getKey());
      Names.configMapKey(e.getKey()).forEach(m -> errs.invalid(p, e.getKey(), m));
      total += decodedLength(e.getValue());
    }
    if (total > MAX_SIZE) {
      errs.tooLong(FieldPath.root(), MAX_SIZE);
    }
  }

  static void update(JsonNode cm, JsonNode old, FieldErrors errs) {
    if (!Json.bool(old, "immutable")) {
      return;
    }
    if (!Json.bool(cm, "immutable")) {
      errs.forbidden(FieldPath.of("immutable"), "field is immutable when `immutable` is set");
    }
    for (String field : new String[] {"data", "binaryData"}) {
      if (!Json.semanticEquals(Json.get(cm, field), Json.get(old, field))) {
        errs.forbidden(FieldPath.of(field), "field is immutable when `immutable` is set");
      }
    }
  }

  /** The byte length of base64 data; undecodable data counts as its text. */
  static long decodedLength(String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      return base64.length();
    }
  }

  static byte[] decode(String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
