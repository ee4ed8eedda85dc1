package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * EndpointSlices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE, as {@code printEndpointSlice} with
 * {@code formatDiscoveryPorts} and {@code formatDiscoveryEndpoints} in Kubernetes'
 * {@code pkg/printers/internalversion/printers.go}: three items at most, then "+ N more...",
 * "&lt;unset&gt;" when there are none.
 */
final class EndpointSlicePrinter implements TablePrinter {
  private static final int MAX = 3;

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("AddressType", "Type of address carried by this EndpointSlice"),
      TableColumn.string("Ports", "Ports provided by this EndpointSlice"),
      TableColumn.string("Endpoints", "Endpoints included in this EndpointSlice"),
      TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode slice, Instant now) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : Fields.list(slice, "ports")) {
      if (Fields.has(port, "port")) {
        ports.add(Long.toString(Fields.integer(port, "port")));
      } else if (Fields.has(port, "name")) {
        ports.add(Fields.text(port, "name"));
      } else {
        ports.add("*");
      }
    }
    List<String> addresses = new ArrayList<>();
    for (JsonNode endpoint : Fields.list(slice, "endpoints")) {
      addresses.addAll(Fields.strings(endpoint, "addresses"));
    }
    return TableRow.of(Meta.name(slice), Fields.text(slice, "addressType"),
        listWithMore(ports), listWithMore(addresses),
        HumanDuration.since(Meta.creationTimestamp(slice), now));
  }

  /** Kubernetes' {@code listWithMoreString}. */
  static String listWithMore(List<String> items) {
    if (items.isEmpty()) {
      return "<unset>";
    }
    String shown = String.join(",", items.subList(0, Math.min(MAX, items.size())));
    return items.size() > MAX ? shown + " + " + (items.size() - MAX) + " more..." : shown;
  }
}
