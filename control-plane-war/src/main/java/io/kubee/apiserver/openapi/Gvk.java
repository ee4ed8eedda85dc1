package io.kubee.apiserver.openapi;

import io.kubee.api.codec.Codec;
import io.kubee.api.registry.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/** A group, version and kind, as the {@code x-kubernetes-group-version-kind} extension holds it. */
record Gvk(String group, String version, String kind) {

  static Gvk of(ResourceType type) {
    return new Gvk(type.group(), type.version(), type.kind());
  }

  ObjectNode toNode() {
    ObjectNode node = Codec.INSTANCE.newObject();
    node.put("group", group);
    node.put("kind", kind);
    node.put("version", version);
    return node;
  }
}
