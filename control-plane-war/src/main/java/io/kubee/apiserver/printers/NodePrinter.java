package io.kubee.apiserver.printers;

import io.kubee.api.meta.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nodes: NAME STATUS ROLES AGE VERSION [INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
 * CONTAINER-RUNTIME], as {@code printNode} in Kubernetes'
 * {@code pkg/printers/internalversion/printers.go}. STATUS is Ready/NotReady/Unknown from the
 * Ready condition, with ",SchedulingDisabled" for a cordoned node; ROLES come from the
 * {@code node-role.kubernetes.io/<role>} and {@code kubernetes.io/role} labels.
 */
final class NodePrinter implements TablePrinter {
  private static final String LABEL_NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final String NODE_LABEL_ROLE = "kubernetes.io/role";
  private static final String ADDRESSES_DESCRIPTION = "List of addresses reachable to the node."
      + " Queried from cloud provider, if available. More info:"
      + " https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is"
      + " declared as mergeable, but the merge key is not sufficiently unique, which can cause"
      + " data corruption when it is merged. Callers should instead use a full-replacement"
      + " patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that"
      + " addresses can change during the lifetime of a Node. However, there are some"
      + " exceptions where this may not be possible, such as Pods that inherit a Node's address"
      + " in its own status or consumers of the downward API (status.hostIP).";

  private static final List<TableColumn> COLUMNS = List.of(
      TableColumn.nameColumn(),
      TableColumn.string("Status", "The status of the node"),
      TableColumn.string("Roles", "The roles of the node"),
      TableColumn.ageColumn(),
      TableColumn.string("Version", "Kubelet Version reported by the node."),
      TableColumn.string("Internal-IP", ADDRESSES_DESCRIPTION).wide(),
      TableColumn.string("External-IP", ADDRESSES_DESCRIPTION).wide(),
      TableColumn.string("OS-Image", "OS Image reported by the node from /etc/os-release (e.g."
          + " Debian GNU/Linux 7 (wheezy)).").wide(),
      TableColumn.string("Kernel-Version", "Kernel Version reported by the node from 'uname -r'"
          + " (e.g. 3.16.0-0.bpo.4-amd64).").wide(),
      TableColumn.string("Container-Runtime", "ContainerRuntime Version reported by the node"
          + " through runtime remote API (e.g. containerd://1.4.2).").wide());

  @Override
  public List<TableColumn> columns() {
    return COLUMNS;
  }

  @Override
  public TableRow print(ObjectNode node, Instant now) {
    JsonNode status = Fields.object(node, "status");
    JsonNode nodeInfo = Fields.object(status, "nodeInfo");
    return TableRow.of(
        Meta.name(node),
        status(node, status),
        roles(Meta.labels(node)),
        HumanDuration.since(Meta.creationTimestamp(node), now),
        Fields.text(nodeInfo, "kubeletVersion"),
        address(status, "InternalIP"),
        address(status, "ExternalIP"),
        orUnknown(Fields.text(nodeInfo, "osImage")),
        orUnknown(Fields.text(nodeInfo, "kernelVersion")),
        orUnknown(Fields.text(nodeInfo, "containerRuntimeVersion")));
  }

  private static String status(ObjectNode node, JsonNode status) {
    // the last condition of a type wins, as Kubernetes fills a map by type
    JsonNode ready = null;
    for (JsonNode condition : Fields.list(status, "conditions")) {
      if (Fields.text(condition, "type").equals("Ready")) {
        ready = condition;
      }
    }
    List<String> parts = new ArrayList<>();
    if (ready == null) {
      parts.add("Unknown");
    } else {
      parts.add(Fields.text(ready, "status").equals("True") ? "Ready" : "NotReady");
    }
    if (Fields.bool(Fields.object(node, "spec"), "unschedulable")) {
      parts.add("SchedulingDisabled");
    }
    return String.join(",", parts);
  }

  private static String roles(Map<String, String> labels) {
    TreeSet<String> roles = new TreeSet<>();
    labels.forEach((key, value) -> {
      if (key.startsWith(LABEL_NODE_ROLE_PREFIX)) {
        String role = key.substring(LABEL_NODE_ROLE_PREFIX.length());
        if (!role.isEmpty()) {
          roles.add(role);
        }
      } else if (key.equals(NODE_LABEL_ROLE) && !value.isEmpty()) {
        roles.add(value);
      }
    });
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  /** The first address of {@code type}, "&lt;none&gt;" when there is none. */
  private static String address(JsonNode status, String type) {
    for (JsonNode address : Fields.list(status, "addresses")) {
      if (Fields.text(address, "type").equals(type)) {
        return Fields.text(address, "address");
      }
    }
    return "<none>";
  }

  private static String orUnknown(String value) {
    return value.isEmpty() ? "<unknown>" : value;
  }
}
