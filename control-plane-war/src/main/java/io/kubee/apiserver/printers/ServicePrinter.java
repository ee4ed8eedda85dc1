package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE [SELECTOR], as {@code printService} in
 * Kubernetes' {@code pkg/printers/internalversion/printers.go}. EXTERNAL-IP is the external IPs,
 * the load balancer's ingress addresses ("&lt;pending&gt;" until it has one) or the external name;
 * PORT(S) reads "80/TCP,443:30443/TCP". The apiserver prints wide, so load balancer addresses
 * are never clipped.
 */
final class ServicePrinter implements TablePrinter {
  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Type", "type determines how the Service is exposed. Defaults to"
          + " ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."
          + " \"ClusterIP\" allocates a cluster-internal IP address for load-balancing to"
          + " endpoints. Endpoints are determined by the selector or if that is not specified,"
          + " by manual construction of an Endpoints object or EndpointSlice objects. If"
          + " clusterIP is \"None\", no virtual IP is allocated and the endpoints are published"
          + " as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP"
          + " and allocates a port on every node which routes to the same endpoints as the"
          + " clusterIP. \"LoadBalancer\" builds on NodePort and creates an external"
          + " load-balancer (if supported in the current cloud) which routes to the same"
          + " endpoints as the clusterIP. \"ExternalName\" aliases this service to the specified"
          + " externalName. Several other fields do not apply to ExternalName services. More"
          + " info: https://kubernetes.io/docs/concepts/services-networking/service/"
          + "#publishing-services-service-types"),
      TableColumn.string("Cluster-IP", "clusterIP is the IP address of the service and is"
          + " usually assigned randomly. If an address is specified manually, is in-range (as"
          + " per system configuration), and is not in use, it will be allocated to the"
          + " service; otherwise creation of the service will fail. This field may not be"
          + " changed through updates unless the type field is also being changed to"
          + " ExternalName (which requires this field to be blank) or the type field is being"
          + " changed from ExternalName (in which case this field may optionally be specified,"
          + " as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP"
          + " address. Setting this to \"None\" makes a \"headless service\" (no virtual IP),"
          + " which is useful when direct endpoint connections are preferred and proxying is"
          + " not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If"
          + " this field is specified when creating a Service of type ExternalName, creation"
          + " will fail. This field will be wiped when updating a Service to type ExternalName."
          + " More info: https://kubernetes.io/docs/concepts/services-networking/service/"
          + "#virtual-ips-and-service-proxies"),
      TableColumn.string("External-IP", "externalIPs is a list of IP addresses for which nodes"
          + " in the cluster will also accept traffic for this service.  These IPs are not"
          + " managed by Kubernetes.  The user is responsible for ensuring that traffic arrives"
          + " at a node with this IP.  A common example is external load-balancers that are not"
          + " part of the Kubernetes system."),
      TableColumn.string("Port(s)", "The list of ports that are exposed by this service. More"
          + " info: https://kubernetes.io/docs/concepts/services-networking/service/"
          + "#virtual-ips-and-service-proxies"),
      TableColumn.ageColumn(),
      TableColumn.string("Selector", "Route service traffic to pods with label keys and values"
          + " matching this selector. If empty or not present, the service is assumed to have"
          + " an external process managing its endpoints, which Kubernetes will not modify."
          + " Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is"
          + " ExternalName. More info:"
          + " https://kubernetes.io/docs/concepts/services-networking/service/").wide());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode service, Instant now) {
    JsonNode spec = Fields.object(service, "spec");
    String type = serviceType(spec);
    String ports = ports(spec);
    return TableRow.of(
        Meta.name(service),
        type,
        clusterIP(spec),
        externalIP(service, spec, type),
        ports.isEmpty() ? "<none>" : ports,
        HumanDuration.since(Meta.creationTimestamp(service), now),
        Selectors.formatLabels(Fields.stringMap(spec, "selector")));
  }

  /** spec.type, defaulted to ClusterIP as Kubernetes' defaulting does before anyone prints. */
  private static String serviceType(JsonNode spec) {
    String type = Fields.text(spec, "type");
    return type.isEmpty() ? "ClusterIP" : type;
  }

  /** The first of spec.clusterIPs, else spec.clusterIP (what the conversion fills it from). */
  private static String clusterIP(JsonNode spec) {
    List<String> clusterIPs = Fields.strings(spec, "clusterIPs");
    String ip = clusterIPs.isEmpty() ? Fields.text(spec, "clusterIP") : clusterIPs.get(0);
    return ip.isEmpty() ? "<none>" : ip;
  }

  private static String externalIP(ObjectNode service, JsonNode spec, String type) {
    List<String> externalIPs = Fields.strings(spec, "externalIPs");
    switch (type) {
      case "ClusterIP", "NodePort" -> {
        return externalIPs.isEmpty() ? "<none>" : String.join(",", externalIPs);
      }
      case "LoadBalancer" -> {
        String lbIPs = loadBalancerAddresses(service);
        if (!externalIPs.isEmpty()) {
          List<String> results = new ArrayList<>();
          if (!lbIPs.isEmpty()) {
            results.addAll(List.of(lbIPs.split(",")));
          }
          results.addAll(externalIPs);
          return String.join(",", results);
        }
        return lbIPs.isEmpty() ? "<pending>" : lbIPs;
      }
      case "ExternalName" -> {
        return Fields.text(spec, "externalName");
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  /** The ingress IPs (or hostnames) of status.loadBalancer, sorted and without duplicates. */
  private static String loadBalancerAddresses(ObjectNode service) {
    TreeSet<String> result = new TreeSet<>();
    for (JsonNode ingress : Fields.list(Fields.object(service, "status", "loadBalancer"),
        "ingress")) {
      if (!Fields.text(ingress, "ip").isEmpty()) {
        result.add(Fields.text(ingress, "ip"));
      } else if (!Fields.text(ingress, "hostname").isEmpty()) {
        result.add(Fields.text(ingress, "hostname"));
      }
    }
    return String.join(",", result);
  }

  private static String ports(JsonNode spec) {
    StringJoiner pieces = new StringJoiner(",");
    for (JsonNode port : Fields.list(spec, "ports")) {
      String protocol = Fields.text(port, "protocol");
      if (protocol.isEmpty()) {
        protocol = "TCP"; // Kubernetes' default, applied before anything is stored
      }
      long nodePort = Fields.integer(port, "nodePort");
      pieces.add(nodePort > 0
          ? Fields.integer(port, "port") + ":" + nodePort + "/" + protocol
          : Fields.integer(port, "port") + "/" + protocol);
    }
    return pieces.toString();
  }
}
