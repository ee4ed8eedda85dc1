package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets: NAME TYPE DATA AGE, as {@code printSecret} in Kubernetes'
 * {@code pkg/printers/internalversion/printers.go}. DATA counts the keys of data; write-only
 * stringData keys count too, because Kubernetes merges them into data before anything is
 * stored or printed.
 */
final class SecretPrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Type", "Used to facilitate programmatic handling of secret data. More"
          + " info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
      TableColumn.string("Data", "Data contains the secret data. Each key must consist of"
          + " alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data"
          + " is a base64 encoded string, representing the arbitrary (possibly non-string) data"
          + " value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
      TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode secret, Instant now) {
    String type = Fields.text(secret, "type");
    return TableRow.of(Meta.name(secret), type.isEmpty() ? "Opaque" : type,
        (long) keys(secret).size(), HumanDuration.since(Meta.creationTimestamp(secret), now));
  }

  private static Set<String> keys(ObjectNode secret) {
    Set<String> keys = new HashSet<>();
    for (String field : List.of("data", "stringData")) {
      JsonNode map = Fields.object(secret, field);
      if (map != null) {
        map.properties().forEach(entry -> keys.add(entry.getKey()));
      }
    }
    return keys;
  }
}
