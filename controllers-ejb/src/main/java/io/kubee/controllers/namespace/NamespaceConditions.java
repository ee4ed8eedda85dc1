package io.kubee.controllers.namespace;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The conditions of a terminating namespace ({@code namespaceConditionUpdater},
 * pkg/controller/namespace/deletion/status_condition_utils.go): whether discovery and deletion
 * worked, what content remains, which finalizers hold it.
 */
final class NamespaceConditions {
  static final String DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
  static final String PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
  static final String CONTENT_FAILURE = "NamespaceDeletionContentFailure";
  static final String CONTENT_REMAINING = "NamespaceContentRemaining";
  static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

  private NamespaceConditions() {}

  /**
   * The five conditions after one pass.
   *
   * @param discoveryError  discovery's failure, or null
   * @param deleteErrors    what failed to delete, by resource
   * @param remaining       objects left, by group resource ("pods", "deployments.apps")
   * @param finalizers      objects left, by the finalizers they carry
   */
  static List<NamespaceCondition> compute(String discoveryError, List<String> deleteErrors,
      Map<String, Integer> remaining, Map<String, Integer> finalizers, Instant now) {
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    List<NamespaceCondition> conditions = new ArrayList<>();
    conditions.add(discoveryError == null
        ? condition(DISCOVERY_FAILURE, "False", "ResourcesDiscovered",
            "All resources successfully discovered", time)
        : condition(DISCOVERY_FAILURE, "True", "DiscoveryFailed",
            "Discovery failed for some groups: " + discoveryError, time));
    conditions.add(condition(PARSING_FAILURE, "False", "ParsedGroupVersions",
        "All legacy kube types successfully parsed", time));
    conditions.add(deleteErrors.isEmpty()
        ? condition(CONTENT_FAILURE, "False", "ContentDeleted",
            "All content successfully deleted, may be waiting on finalization", time)
        : condition(CONTENT_FAILURE, "True", "ContentDeletionFailed",
            "Failed to delete all resource types, " + deleteErrors.size() + " remaining: "
                + String.join(", ", deleteErrors), time));
    conditions.add(remaining.isEmpty()
        ? condition(CONTENT_REMAINING, "False", "ContentRemoved",
            "All content successfully removed", time)
        : condition(CONTENT_REMAINING, "True", "SomeResourcesRemain",
            "Some resources are remaining: " + describe(remaining), time));
    conditions.add(finalizers.isEmpty()
        ? condition(FINALIZERS_REMAINING, "False", "ContentHasNoFinalizers",
            "All content-preserving finalizers finished", time)
        : condition(FINALIZERS_REMAINING, "True", "SomeFinalizersRemain",
            "Some content in the namespace has finalizers remaining: " + describe(finalizers),
            time));
    return conditions;
  }

  /** The conditions to store: new ones keep the old lastTransitionTime when nothing moved. */
  static List<NamespaceCondition> merge(List<NamespaceCondition> old,
      List<NamespaceCondition> computed) {
    List<NamespaceCondition> result = new ArrayList<>();
    for (NamespaceCondition condition : computed) {
      NamespaceCondition previous = old == null ? null : old.stream()
          .filter(c -> condition.getType().equals(c.getType())).findFirst().orElse(null);
      if (previous != null && Objects.equals(previous.getStatus(), condition.getStatus())
          && Objects.equals(previous.getReason(), condition.getReason())
          && Objects.equals(previous.getMessage(), condition.getMessage())) {
        result.add(previous);
      } else {
        result.add(condition);
      }
    }
    return result;
  }

  private static String describe(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(counts).forEach((what, count) -> parts.add(what + " has " + count
        + " resource instances"));
    return String.join(", ", parts);
  }

  private static NamespaceCondition condition(String type, String status, String reason,
      String message, String time) {
    return new NamespaceConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message).withLastTransitionTime(time).build();
  }
}
