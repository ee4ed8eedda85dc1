package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Leases: NAME HOLDER AGE, as {@code printLease} in Kubernetes'
 * {@code pkg/printers/internalversion/printers.go}; HOLDER is spec.holderIdentity, "" when
 * nobody holds the lease.
 */
final class LeasePrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Holder", "holderIdentity contains the identity of the holder of a"
          + " current lease. If Coordinated Leader Election is used, the holder identity must be"
          + " equal to the elected LeaseCandidate.metadata.name field."),
      TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode lease, Instant now) {
    return TableRow.of(Meta.name(lease),
        Fields.text(Fields.object(lease, "spec"), "holderIdentity"),
        HumanDuration.since(Meta.creationTimestamp(lease), now));
  }
}
