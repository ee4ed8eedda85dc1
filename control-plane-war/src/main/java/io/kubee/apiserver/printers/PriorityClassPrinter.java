package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * PriorityClasses: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY, as {@code printPriorityClass}
 * in Kubernetes' {@code pkg/printers/internalversion/printers.go}.
 */
final class PriorityClassPrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.integer("Value", "The value of this priority class. This is the actual "
          + "priority that pods receive when they have the name of this class in their pod "
          + "spec."),
      new TableColumn("Global-Default", "boolean", "", "globalDefault specifies whether this "
          + "PriorityClass should be considered as the default priority for pods that do not "
          + "have any priority class.", 0),
      TableColumn.ageColumn(),
      TableColumn.string("PreemptionPolicy", "PreemptionPolicy is the Policy for preempting "
          + "pods with lower priority."));

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode pc, Instant now) {
    return TableRow.of(Meta.name(pc), Fields.integer(pc, "value"),
        Fields.bool(pc, "globalDefault"), HumanDuration.since(Meta.creationTimestamp(pc), now),
        Fields.text(pc, "preemptionPolicy"));
  }
}
