package io.kubee.api.protobuf;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A protobuf request body read by {@link ProtobufBodies}: the object as the JSON tree a JSON body
 * with it gives, and the fields skipped because this apiserver does not know their numbers (a
 * newer client's fields), one line each, for a log line or a {@code Warning} header. Kubernetes
 * drops such fields silently, with or without {@code fieldValidation=Strict}.
 */
public record DecodedBody(ObjectNode object, List<String> skippedFields) {
  public DecodedBody {
    skippedFields = List.copyOf(skippedFields);
  }
}
