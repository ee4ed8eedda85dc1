package io.kubee.apiserver.handlers;

import io.kubee.api.errors.Errors;
import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.registry.GenericStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subresources the apiserver proxies to the node agent of a pod's node: {@code log},
 * {@code exec}, {@code attach}, {@code portforward} and {@code proxy}. Node agents do not serve
 * them yet, so after the checks Kubernetes makes (the pod exists, it runs on a node, the
 * container is one of its containers) the answer is a 503 Status that says so.
 */
final class NodeConnections {
  private final GenericStore store;

  NodeConnections(GenericStore store) {
    this.store = store;
  }

  void connect(ResourceType type, String namespace, String name, String subresource,
      String container) {
    ObjectNode object = store.get(type, namespace, name);
    if (!type.plural().equals("pods")) {
      throw Errors.serviceUnavailable("proxying to " + type.plural() + " is not available: "
          + "no node agent serves this cluster yet");
    }
    if (container != null && !container.isEmpty() && !hasContainer(object, container)) {
      throw Errors.badRequest("container " + container + " is not valid for pod " + name);
    }
    String node = object.path("spec").path("nodeName").asString("");
    if (node.isEmpty()) {
      throw Errors.badRequest("pod " + name + " does not have a host assigned");
    }
    throw Errors.serviceUnavailable("cannot reach the node agent of node \"" + node
        + "\" for pods/" + subresource + ": node agents do not serve " + subresource
        + " yet");
  }

  private static boolean hasContainer(ObjectNode pod, String name) {
    for (String list : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
      for (JsonNode container : pod.path("spec").path(list)) {
        if (container.path("name").asString("").equals(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
