package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Endpoints: NAME ENDPOINTS AGE, as {@code printEndpoints} and {@code formatEndpoints} in
 * Kubernetes' {@code pkg/printers/internalversion/printers.go}: the first three ready
 * addresses as "ip:port" (only "ip" for a subset without ports), then "+ N more...";
 * "&lt;none&gt;" without subsets.
 */
final class EndpointsPrinter implements TablePrinter {
  private static final int MAX = 3;

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Endpoints", "The set of all endpoints is the union of all subsets."
          + " Addresses are placed into subsets according to the IPs they share. A single"
          + " address with multiple ports, some of which are ready and some of which are not"
          + " (because they come from different containers) will result in the address being"
          + " displayed in different subsets for the different ports. No address will appear in"
          + " both Addresses and NotReadyAddresses in the same subset. Sets of addresses and"
          + " ports that comprise a service."),
      TableColumn.ageColumn());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode endpoints, Instant now) {
    return TableRow.of(Meta.name(endpoints), formatEndpoints(endpoints),
        HumanDuration.since(Meta.creationTimestamp(endpoints), now));
  }

  static String formatEndpoints(ObjectNode endpoints) {
    List<JsonNode> subsets = Fields.list(endpoints, "subsets");
    if (subsets.isEmpty()) {
      return "<none>";
    }
    List<String> list = new ArrayList<>();
    boolean more = false;
    int count = 0;
    for (JsonNode subset : subsets) {
      List<JsonNode> addresses = Fields.list(subset, "addresses");
      List<JsonNode> ports = Fields.list(subset, "ports");
      if (ports.isEmpty()) {
        // a headless service may have no ports
        count += addresses.size();
        for (JsonNode address : addresses) {
          if (list.size() == MAX) {
            more = true;
            break;
          }
          list.add(Fields.text(address, "ip"));
        }
        continue;
      }
      for (JsonNode port : ports) {
        count += addresses.size();
        for (JsonNode address : addresses) {
          if (list.size() == MAX) {
            more = true;
            break;
          }
          list.add(joinHostPort(Fields.text(address, "ip"), Fields.integer(port, "port")));
        }
      }
    }
    String joined = String.join(",", list);
    return more ? joined + " + " + (count - MAX) + " more..." : joined;
  }

  /** Go's {@code net.JoinHostPort}: IPv6 addresses in brackets. */
  private static String joinHostPort(String host, long port) {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
