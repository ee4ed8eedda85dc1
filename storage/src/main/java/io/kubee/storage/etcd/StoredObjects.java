package io.kubee.storage.etcd;

import io.kubee.api.codec.Codec;
import io.kubee.api.meta.Meta;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of an object: its JSON without {@code metadata.resourceVersion}, which etcd's
 * mod_revision provides on every read (as Kubernetes' APIObjectVersioner does), with fields in
 * name order so that equal objects are equal bytes.
 */
final class StoredObjects {
  private StoredObjects() {}

  /** The bytes to store for {@code object}; the object itself is not modified. */
  static byte[] encode(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (!(metadata instanceof ObjectNode meta) || !meta.has("resourceVersion")) {
      return Codec.INSTANCE.writeCanonicalJson(object);
    }
    // a copy of the top level and of metadata only
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      copy.set(field.getKey(), field.getValue());
    }
    ObjectNode metaCopy = meta.deepCopy();
    metaCopy.remove("resourceVersion");
    copy.set("metadata", metaCopy);
    return Codec.INSTANCE.writeCanonicalJson(copy);
  }

  /** A fresh object from stored bytes, with {@code metadata.resourceVersion = revision}. */
  static ObjectNode decode(byte[] value, long revision) {
    ObjectNode object = Codec.INSTANCE.readStored(value);
    Meta.setResourceVersion(object, revision);
    return object;
  }

  /** A copy of {@code object} with {@code metadata.resourceVersion = revision}. */
  static ObjectNode withRevision(ObjectNode object, long revision) {
    ObjectNode copy = object.deepCopy();
    Meta.setResourceVersion(copy, revision);
    return copy;
  }
}
