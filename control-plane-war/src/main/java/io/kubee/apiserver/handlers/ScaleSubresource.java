package io.kubee.apiserver.handlers;

import io.kubee.api.apply.ManagedFieldsTracker;
import io.kubee.api.codec.Codec;
import io.kubee.api.errors.Errors;
import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.selector.LabelSelector;
import io.kubee.apiserver.auth.UserInfo;
import io.kubee.apiserver.registry.GenericStore;
import io.kubee.apiserver.registry.UpdateResult;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code scale} subresource of deployments, replicasets and replicationcontrollers: an {@code autoscaling/v1 Scale}
 * view of {@code spec.replicas} and the observed {@code status.replicas} and selector
 * (pkg/registry/apps/deployment/storage/storage.go, ScaleREST). Writing it changes only the
 * parent's {@code spec.replicas}.
 */
final class ScaleSubresource {
  private final GenericStore store;
  private final Clock clock;

  ScaleSubresource(GenericStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  ObjectNode get(ResourceType type, String namespace, String name) {
    return scaleOf(store.get(type, namespace, name));
  }

  /**
   * @param desired the Scale the client wants, computed from the current one (PUT ignores it,
   *                PATCH patches it); its resourceVersion, when set, is a precondition
   */
  UpdateResult update(ResourceType type, String namespace, String name,
      UnaryOperator<ObjectNode> desired, String manager, boolean dryRun, UserInfo user) {
    UpdateResult result = store.update(type, namespace, name, "", current -> {
      ObjectNode scale = desired.apply(scaleOf(current));
      long replicas = checked(scale, name);
      ObjectNode parent = current.deepCopy();
      parent.withObjectProperty("spec").put("replicas", (int) replicas);
      String wanted = Meta.resourceVersion(scale);
      if (!wanted.isEmpty()) {
        Meta.metadata(parent).put("resourceVersion", wanted);
      }
      ManagedFieldsTracker.update(current, parent, manager, "scale", type, clock.instant());
      return parent;
    }, GenericStore.Creation.NEVER, dryRun, user);
    return new UpdateResult(scaleOf(result.object()), false);
  }

  /** The Scale of a deployment or replicaset. */
  static ObjectNode scaleOf(ObjectNode parent) {
    ObjectNode scale = Codec.INSTANCE.newObject();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode metadata = scale.putObject("metadata");
    JsonNode parentMeta = parent.path("metadata");
    for (String field : List.of("name", "namespace", "uid", "resourceVersion",
        "creationTimestamp")) {
      if (parentMeta.has(field)) {
        metadata.set(field, parentMeta.get(field).deepCopy());
      }
    }
    scale.putObject("spec").put("replicas", parent.path("spec").path("replicas").asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", parent.path("status").path("replicas").asInt(0));
    JsonNode selector = parent.path("spec").path("selector");
    if (selector.isObject() && "ReplicationController".equals(Meta.kind(parent))) {
      // an RC's selector is a plain label map (labels.SelectorFromSet)
      Map<String, String> labels = new TreeMap<>();
      selector.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
      status.put("selector", LabelSelector.fromMap(labels).toString());
    } else if (selector.isObject()) {
      status.put("selector", LabelSelector.fromJson(selector).toString());
    }
    return scale;
  }

  /** Checks what a client may send in a Scale; returns the replicas it asks for. */
  private static long checked(ObjectNode scale, String name) {
    String apiVersion = Meta.apiVersion(scale);
    String kind = Meta.kind(scale);
    if ((!apiVersion.isEmpty() && !apiVersion.equals("autoscaling/v1"))
        || (!kind.isEmpty() && !kind.equals("Scale"))) {
      throw Errors.badRequest("the body must be an autoscaling/v1 Scale, not " + apiVersion
          + " " + kind);
    }
    if (!Meta.name(scale).isEmpty() && !Meta.name(scale).equals(name)) {
      throw Errors.badRequest("the name of the object (" + Meta.name(scale)
          + ") does not match the name on the URL (" + name + ")");
    }
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.isMissingNode() && !replicas.isNull() && !replicas.isIntegralNumber()) {
      throw Errors.badRequest("Scale in version \"v1\" cannot be handled as a Scale: field "
          + "spec.replicas: must be an integer");
    }
    long value = replicas.asLong(0);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw Errors.invalid("autoscaling", "Scale", name, List.of(Errors.cause(
          "FieldValueInvalid", "spec.replicas", "Invalid value: " + value
              + ": must be greater than or equal to 0")));
    }
    return value;
  }
}
