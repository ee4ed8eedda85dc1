package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * ConfigMaps: NAME DATA AGE, as {@code printConfigMap} in Kubernetes'
 * {@code pkg/printers/internalversion/printers.go}; DATA counts the keys of data and
 * binaryData.
 */
final class ConfigMapPrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Data", "Data contains the configuration data. Each key must consist of"
          + " alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences"
          + " must use the BinaryData field. The keys stored in Data must not overlap with the"
          + " keys in the BinaryData field, this is enforced during validation process."),
      TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode configMap, Instant now) {
    long data = Fields.size(configMap, "data") + Fields.size(configMap, "binaryData");
    return TableRow.of(Meta.name(configMap), data,
        HumanDuration.since(Meta.creationTimestamp(configMap), now));
  }
}
