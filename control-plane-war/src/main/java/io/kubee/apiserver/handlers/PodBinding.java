package io.kubee.apiserver.handlers;

import io.kubee.api.errors.Errors;
import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.registry.GenericStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST pods/<name>/binding}: how the scheduler assigns a pod to a node (Kubernetes'
 * BindingREST, pkg/registry/core/pod/storage/storage.go): sets {@code spec.nodeName} once,
 * copies the binding's annotations and marks the pod {@code PodScheduled=True}.
 */
final class PodBinding {
  private final GenericStore store;
  private final Clock clock;

  PodBinding(GenericStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void bind(ResourceType pods, String namespace, String name, ObjectNode binding) {
    if (!Meta.name(binding).isEmpty() && !Meta.name(binding).equals(name)) {
      throw Errors.badRequest("name in URL does not match name in Binding object");
    }
    String kind = binding.path("target").path("kind").asString("");
    String node = binding.path("target").path("name").asString("");
    if (!kind.isEmpty() && !kind.equals("Node")) {
      throw Errors.invalid("", "Binding", name, List.of(Errors.cause("FieldValueNotSupported",
          "target.kind", "Unsupported value: \"" + kind + "\": supported values: \"Node\"")));
    }
    if (node.isEmpty()) {
      throw Errors.invalid("", "Binding", name, List.of(Errors.cause("FieldValueRequired",
          "target.name", "Required value")));
    }
    Map<String, String> annotations = Meta.annotations(binding);
    store.mutate(pods, namespace, name, pod -> {
      if (!Meta.deletionTimestamp(pod).isEmpty()) {
        throw Errors.conflict("", "pods", name, "pod " + name
            + " is being deleted, cannot be assigned to a host");
      }
      String assigned = pod.path("spec").path("nodeName").asString("");
      if (!assigned.isEmpty()) {
        throw Errors.conflict("", "pods", name, "pod " + name + " is already assigned to node \""
            + assigned + "\"");
      }
      pod.withObjectProperty("spec").put("nodeName", node);
      if (!annotations.isEmpty()) {
        ObjectNode podAnnotations = Meta.metadata(pod).withObjectProperty("annotations");
        annotations.forEach(podAnnotations::put);
      }
      setScheduled(pod);
      return pod;
    });
  }

  private void setScheduled(ObjectNode pod) {
    ObjectNode status = pod.withObjectProperty("status");
    JsonNode existing = status.get("conditions");
    ArrayNode conditions = existing instanceof ArrayNode array ? array : status.putArray("conditions");
    ObjectNode scheduled = null;
    for (JsonNode condition : conditions) {
      if (condition.path("type").asString("").equals("PodScheduled")) {
        scheduled = (ObjectNode) condition;
      }
    }
    if (scheduled == null) {
      scheduled = conditions.addObject();
      scheduled.put("type", "PodScheduled");
    }
    if (!scheduled.path("status").asString("").equals("True")) {
      scheduled.put("lastTransitionTime", Meta.timestamp(clock.instant()));
    }
    scheduled.put("status", "True");
    scheduled.putNull("lastProbeTime");
    scheduled.remove("reason");
    scheduled.remove("message");
  }
}
