package io.kubee.api.codec;

import java.util.Locale;
import java.util.Optional;

/** The textual encodings the apiserver reads and writes. */
public enum Format {
  JSON("application/json"),
  YAML("application/yaml");

  private final String mediaType;

  Format(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /**
   * The format of a request body from its Content-Type ({@code application/json; charset=utf-8},
   * {@code application/yaml}, {@code text/yaml}...), or empty when it is not one we read. A
   * missing Content-Type means JSON, as for Kubernetes.
   */
  public static Optional<Format> ofContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return Optional.of(JSON);
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/json", "*/*" -> Optional.of(JSON);
      case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" -> Optional.of(YAML);
      default -> Optional.empty();
    };
  }
}
