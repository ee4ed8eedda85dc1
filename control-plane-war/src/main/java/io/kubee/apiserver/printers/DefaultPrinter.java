package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * NAME AGE, for every resource without a printer of its own: the columns kubectl's own default
 * printer shows ({@code objectMetaColumnDefinitions} in cli-runtime's {@code tableprinter.go}).
 * Kubernetes' server-side default instead sends "Name" and a "Created At" date column; kubectl
 * would print that date verbatim, so the human age is the friendlier and equally valid choice.
 */
final class DefaultPrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS =
      List.of(TableColumn.nameColumn(), TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode object, Instant now) {
    return TableRow.of(Meta.name(object), HumanDuration.since(Meta.creationTimestamp(object), now));
  }
}
