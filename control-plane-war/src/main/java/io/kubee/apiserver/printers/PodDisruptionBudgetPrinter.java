package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PodDisruptionBudgets: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE, as
 * {@code printPodDisruptionBudget} in Kubernetes' {@code pkg/printers/internalversion}; an unset
 * bound prints "N/A".
 */
final class PodDisruptionBudgetPrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Min Available", "The minimum number of pods that must be available "
          + "simultaneously.  This can be either an integer or a string specifying a "
          + "percentage, e.g. \"28%\"."),
      TableColumn.string("Max Unavailable", "The maximum number of pods that may be "
          + "unavailable simultaneously.  This can be either an integer or a string specifying "
          + "a percentage, e.g. \"28%\"."),
      TableColumn.integer("Allowed Disruptions", "Calculated number of pods that may be "
          + "disrupted at this time."),
      TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode pdb, Instant now) {
    JsonNode spec = Fields.object(pdb, "spec");
    return TableRow.of(Meta.name(pdb), bound(spec, "minAvailable"),
        bound(spec, "maxUnavailable"),
        Fields.integer(Fields.object(pdb, "status"), "disruptionsAllowed"),
        HumanDuration.since(Meta.creationTimestamp(pdb), now));
  }

  private static String bound(JsonNode spec, String field) {
    JsonNode v = spec == null ? null : spec.get(field);
    return v == null || v.isNull() ? "N/A" : v.isString() ? v.asString() : v.toString();
  }
}
