package io.kubee.apiserver.printers;

import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The printed form of one object: its cells, in the order of the printer's columns, and the
 * row conditions Kubernetes attaches ({@code metav1.TableRow} without its object, which the
 * {@link TableConvertor} adds according to {@code includeObject}).
 *
 * @param cells      each a {@link String}, a {@link Long} (Go's int64 cells) or a {@link Boolean};
 *                   never null
 * @param conditions the row's {@code conditions} (a completed pod is marked "Completed"), usually
 *                   empty
 */
public record TableRow(List<Object> cells, List<Condition> conditions) {

  public TableRow {
    cells = List.copyOf(cells);
    conditions = List.copyOf(conditions);
  }

  /** A row of {@code cells} and no conditions. */
  static TableRow of(Object... cells) {
    return new TableRow(Arrays.asList(cells), List.of());
  }

  /** {@code metav1.TableRowCondition}. */
  public record Condition(String type, String status, String reason, String message) {
    ObjectNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("type", type);
      node.put("status", status);
      node.put("reason", reason);
      node.put("message", message);
      return node;
    }
  }

  /** The {@code cells} array as it travels in the Table. */
  ArrayNode cellsJson() {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Object cell : cells) {
      if (cell instanceof Long number) {
        array.add(number.longValue());
      } else if (cell instanceof Integer number) {
        array.add(number.longValue());
      } else if (cell instanceof Boolean flag) {
        array.add(flag.booleanValue());
      } else {
        array.add(String.valueOf(cell));
      }
    }
    return array;
  }
}
