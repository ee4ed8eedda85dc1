package io.kubee.apiserver.printers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises a request for a Table in the Accept header, as Kubernetes'
 * {@code negotiation.NegotiateMediaTypeOptions} with the REST endpoint's
 * {@code AllowsMediaTypeTransform}: media ranges are tried by quality, then specificity, then
 * order; the first that the server can serve decides. A range with {@code as=Table;g=meta.k8s.io}
 * and {@code v=v1} or {@code v=v1beta1} on JSON or YAML asks for a Table; one with any other
 * {@code as}/{@code g}/{@code v} (a protobuf Table, an unknown version) is skipped, as Kubernetes
 * skips it; a plain range ({@code application/json}) asks for the object itself. kubectl sends
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;
 * g=meta.k8s.io,application/json}. Stateless and thread-safe.
 */
public final class TableNegotiation {
  private static final String META_GROUP = "meta.k8s.io";
  /** The media types the apiserver serves, in Kubernetes' order. */
  private static final List<String> SERVED = List.of("application/json", "application/yaml",
      "application/vnd.kubernetes.protobuf");

  private TableNegotiation() {}

  /**
   * The apiVersion of the Table the Accept header asks for ({@link TableOptions#V1} or
   * {@link TableOptions#V1BETA1}); empty when the chosen media range is not a Table (or nothing
   * is acceptable, which the response-format negotiation answers with 406).
   */
  public static Optional<String> requestedTableVersion(String accept) {
    if (accept == null || accept.isBlank()) {
      return Optional.empty();
    }
    for (MediaRange range : sorted(accept)) {
      for (String served : SERVED) {
        if (!range.matches(served)) {
          continue;
        }
        if (!range.converts()) {
          return Optional.empty();
        }
        Optional<String> version = range.tableVersion();
        if (version.isPresent() && !served.endsWith("protobuf")) {
          return version;
        }
        // a transformation this endpoint cannot serve in this media type: try the next one
      }
    }
    return Optional.empty();
  }

  private static List<MediaRange> sorted(String accept) {
    List<MediaRange> ranges = new ArrayList<>();
    for (String clause : accept.split(",")) {
      MediaRange range = MediaRange.parse(clause);
      if (range != null && range.quality() > 0) {
        ranges.add(range);
      }
    }
    // List.sort is stable: equal ranges keep the client's order
    ranges.sort(Comparator.comparingDouble(MediaRange::quality).reversed()
        .thenComparing(range -> range.type().equals("*"))
        .thenComparing(range -> range.subtype().equals("*")));
    return ranges;
  }

  /** One media range of an Accept header with its parameters ({@code q} taken out). */
  private record MediaRange(String type, String subtype, Map<String, String> parameters,
      double quality) {

    static MediaRange parse(String clause) {
      String[] parts = clause.split(";");
      String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
      int slash = mediaType.indexOf('/');
      if (slash <= 0 || slash == mediaType.length() - 1) {
        return null;
      }
      Map<String, String> parameters = new HashMap<>();
      double quality = 1;
      for (int i = 1; i < parts.length; i++) {
        String[] pair = parts[i].split("=", 2);
        String key = pair[0].trim();
        String value = pair.length == 2 ? pair[1].trim() : "";
        if (key.equals("q")) {
          try {
            quality = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            quality = 0;
          }
        } else if (!key.isEmpty()) {
          parameters.put(key, value);
        }
      }
      return new MediaRange(mediaType.substring(0, slash), mediaType.substring(slash + 1),
          parameters, quality);
    }

    boolean matches(String served) {
      int slash = served.indexOf('/');
      String servedType = served.substring(0, slash);
      String servedSubtype = served.substring(slash + 1);
      return (type.equals(servedType) && subtype.equals(servedSubtype))
          || (type.equals(servedType) && subtype.equals("*"))
          || (type.equals("*") && subtype.equals("*"));
    }

    /** Whether the range asks for a transformation of the object (as, g or v given). */
    boolean converts() {
      return parameters.containsKey("as") || parameters.containsKey("g")
          || parameters.containsKey("v");
    }

    Optional<String> tableVersion() {
      if (!"Table".equals(parameters.get("as")) || !META_GROUP.equals(parameters.get("g"))) {
        return Optional.empty();
      }
      return switch (parameters.getOrDefault("v", "")) {
        case "v1" -> Optional.of(TableOptions.V1);
        case "v1beta1" -> Optional.of(TableOptions.V1BETA1);
        default -> Optional.empty();
      };
    }
  }
}
