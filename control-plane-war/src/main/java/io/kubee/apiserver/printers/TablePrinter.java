package io.kubee.apiserver.printers;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one kind of object is printed by {@code kubectl get}: the columns and one row per object,
 * as a pair of {@code columnDefinitions} and {@code printXxx} function registered by
 * Kubernetes' {@code pkg/printers/internalversion/printers.go}. Rows always carry every column,
 * the wide ones included: the apiserver prints with {@code Wide: true} and kubectl hides the
 * priority-1 columns itself.
 *
 * <p>Implementations are stateless and thread-safe; they never modify the object.
 */
public interface TablePrinter {

  /** The columns, default ones first and then the wide ones, in the order of the cells. */
  List<TableColumn> columns();

  /**
   * Prints {@code object} (one item, not a list) as a row of exactly {@code columns().size()}
   * cells; {@code now} is what ages are computed against.
   */
  TableRow print(ObjectNode object, Instant now);
}
