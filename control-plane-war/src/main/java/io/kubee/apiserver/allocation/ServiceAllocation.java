package io.kubee.apiserver.allocation;

import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.api.meta.Meta;
import io.kubee.apiserver.admission.AdmissionPlugin;
import io.kubee.apiserver.admission.AdmissionRequest;
import io.kubee.apiserver.admission.Operation;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives Services their cluster IP and node ports when they are created or change type
 * (Kubernetes does this in the service registry, pkg/registry/core/service/storage/alloc.go):
 * a requested IP or port is reserved if free, a missing one allocated. Headless
 * ({@code clusterIP: None}) and ExternalName services get no IP; only NodePort and LoadBalancer
 * services get node ports. Allocations of services that go away are released by
 * {@link AllocationRepair}.
 */
public final class ServiceAllocation implements AdmissionPlugin {
  private final Ipv4Range serviceRange;
  private final Allocator ips;
  private final int nodePortMin;
  private final int nodePortMax;
  private final Allocator nodePorts;

  public ServiceAllocation(Ipv4Range serviceRange, Allocator ips, int nodePortMin,
      int nodePortMax, Allocator nodePorts) {
    this.serviceRange = serviceRange;
    this.ips = ips;
    this.nodePortMin = nodePortMin;
    this.nodePortMax = nodePortMax;
    this.nodePorts = nodePorts;
  }

  @Override
  public String name() {
    return "ServiceAllocation";
  }

  @Override
  public boolean mutates() {
    return true;
  }

  @Override
  public void admit(AdmissionRequest request) {
    if (!request.type().group().isEmpty() || !request.type().plural().equals("services")
        || request.operation() == Operation.DELETE || !request.subresource().isEmpty()
        || request.dryRun()) {
      return;
    }
    ObjectNode service = request.object();
    ObjectNode spec = service.withObjectProperty("spec");
    String type = spec.path("type").asString("ClusterIP");
    String owner = request.namespace() + "/" + request.name();
    if (!type.equals("ExternalName")) {
      allocateClusterIP(spec, owner, request.name());
    }
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      allocateNodePorts(spec, owner, request.name());
    }
  }

  private void allocateClusterIP(ObjectNode spec, String owner, String name) {
    String requested = spec.path("clusterIP").asString("");
    if (requested.equals("None")) {
      spec.putArray("clusterIPs").add("None");
      families(spec);
      return;
    }
    String ip;
    if (requested.isEmpty()) {
      ip = ips.allocate(owner);
      if (ip == null) {
        throw invalid(name, "spec.clusterIPs", "failed to allocate IP: range is full");
      }
    } else {
      if (serviceRange.indexOf(requested) < 0) {
        throw invalid(name, "spec.clusterIPs", "Invalid value: [\"" + requested
            + "\"]: failed to allocate IP " + requested + ": the provided IP (" + requested
            + ") is not in the valid range. The range of valid IPs is " + serviceRange.cidr());
      }
      if (!ips.reserve(requested, owner)) {
        throw invalid(name, "spec.clusterIPs", "Invalid value: [\"" + requested
            + "\"]: failed to allocate IP " + requested + ": provided IP is already allocated");
      }
      ip = requested;
    }
    spec.put("clusterIP", ip);
    spec.putArray("clusterIPs").add(ip);
    families(spec);
  }

  private static void families(ObjectNode spec) {
    if (!spec.has("ipFamilies")) {
      spec.putArray("ipFamilies").add("IPv4");
    }
    if (!spec.has("ipFamilyPolicy")) {
      spec.put("ipFamilyPolicy", "SingleStack");
    }
  }

  private void allocateNodePorts(ObjectNode spec, String owner, String name) {
    JsonNode ports = spec.path("ports");
    if (!(ports instanceof ArrayNode list)) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof ObjectNode port)) {
        continue;
      }
      int requested = port.path("nodePort").asInt(0);
      if (requested == 0) {
        String value = nodePorts.allocate(owner);
        if (value == null) {
          throw invalid(name, "spec.ports[" + i + "].nodePort",
              "failed to allocate a nodePort: range is full");
        }
        port.put("nodePort", Integer.parseInt(value));
      } else if (requested < nodePortMin || requested > nodePortMax) {
        // validation reports the range with Kubernetes' message
        continue;
      } else if (!nodePorts.reserve(Integer.toString(requested), owner)) {
        throw invalid(name, "spec.ports[" + i + "].nodePort", "Invalid value: " + requested
            + ": provided port is already allocated");
      }
    }
  }

  private static ApiException invalid(String name, String field, String message) {
    return Errors.invalid("", "Service", name, List.of(Errors.cause("FieldValueInvalid", field,
        message)));
  }

  /** What {@link AllocationRepair} needs to know of a service's allocations. */
  static List<String> clusterIPsOf(ObjectNode service) {
    return service.path("spec").path("clusterIPs").valueStream().map(JsonNode::asString)
        .filter(ip -> !ip.isEmpty() && !ip.equals("None")).toList();
  }

  static List<String> nodePortsOf(ObjectNode service) {
    return service.path("spec").path("ports").valueStream()
        .map(port -> port.path("nodePort").asInt(0)).filter(port -> port > 0)
        .map(String::valueOf).toList();
  }

  static String ownerOf(ObjectNode service) {
    return Meta.namespace(service) + "/" + Meta.name(service);
  }
}
