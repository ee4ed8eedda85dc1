package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespaces: NAME STATUS AGE, as {@code printNamespace} in Kubernetes'
 * {@code pkg/printers/internalversion/printers.go}; STATUS is status.phase (Active,
 * Terminating).
 */
final class NamespacePrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Status", "The status of the namespace"),
      TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode namespace, Instant now) {
    return TableRow.of(Meta.name(namespace),
        Fields.text(Fields.object(namespace, "status"), "phase"),
        HumanDuration.since(Meta.creationTimestamp(namespace), now));
  }
}
