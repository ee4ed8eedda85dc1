package io.kubee.apiserver.printers;

import io.kubee.api.errors.ApiException;
import io.kubee.api.selector.LabelSelector;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * The selector and container cells shared by the workload and service printers, as
 * {@code labels.FormatLabels}, {@code metav1.FormatLabelSelector},
 * {@code LabelSelectorAsSelector(...).String()} and {@code layoutContainerCells}.
 */
final class Selectors {
  private Selectors() {}

  /** A plain label map as "a=1,b=2" (keys sorted), "&lt;none&gt;" when empty. */
  static String formatLabels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "<none>";
    }
    StringJoiner joined = new StringJoiner(",");
    labels.forEach((key, value) -> joined.add(key + "=" + value));
    return joined.toString();
  }

  /**
   * A {@code metav1.LabelSelector} in selector syntax; "&lt;none&gt;" when it selects everything
   * or nothing, "&lt;error&gt;" when it is not valid ({@code metav1.FormatLabelSelector}).
   */
  static String formatLabelSelector(JsonNode selector) {
    try {
      String text = LabelSelector.fromJson(selector).toString();
      return text.isEmpty() ? "<none>" : text;
    } catch (ApiException e) {
      return "<error>";
    }
  }

  /**
   * A {@code metav1.LabelSelector} in selector syntax, "" when it selects everything or nothing,
   * "&lt;invalid&gt;" when not valid: what the deployment printer shows.
   */
  static String labelSelectorString(JsonNode selector) {
    try {
      return LabelSelector.fromJson(selector).toString();
    } catch (ApiException e) {
      return "<invalid>";
    }
  }

  /** The names of a pod spec's containers, comma-separated. */
  static String containerNames(JsonNode podSpec) {
    StringJoiner names = new StringJoiner(",");
    for (JsonNode container : Fields.list(podSpec, "containers")) {
      names.add(Fields.text(container, "name"));
    }
    return names.toString();
  }

  /** The images of a pod spec's containers, comma-separated. */
  static String containerImages(JsonNode podSpec) {
    StringJoiner images = new StringJoiner(",");
    for (JsonNode container : Fields.list(podSpec, "containers")) {
      images.add(Fields.text(container, "image"));
    }
    return images.toString();
  }
}
