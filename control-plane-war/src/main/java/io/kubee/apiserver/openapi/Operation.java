package io.kubee.apiserver.openapi;

import io.kubee.api.codec.Codec;
import io.kubee.api.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of a path, written in either dialect: Swagger 2.0 puts the body among the
 * parameters and media types in {@code consumes}/{@code produces}; OpenAPI 3.0 has
 * {@code requestBody} and {@code content}. Kubernetes' {@code x-kubernetes-action} and
 * {@code x-kubernetes-group-version-kind} tell clients which kind and verb the operation is.
 */
final class Operation {
  private static final Map<String, String> STATUS_TEXT = Map.of(
      "200", "OK", "201", "Created", "202", "Accepted");

  private final String description;
  private final String operationId;
  private final String tag;
  private final List<Parameter> parameters = new ArrayList<>();
  private final Map<String, Schema> responses = new LinkedHashMap<>();
  private List<String> produces = List.of();
  private Schema body;
  private List<String> consumes = List.of();
  private String action;
  private Gvk gvk;

  Operation(String description, String operationId, String tag) {
    this.description = description;
    this.operationId = operationId;
    this.tag = tag;
  }

  Operation parameters(List<Parameter> list) {
    parameters.addAll(list);
    return this;
  }

  Operation body(Schema schema, List<String> mediaTypes) {
    this.body = schema;
    this.consumes = mediaTypes;
    return this;
  }

  Operation response(String code, Schema schema) {
    responses.put(code, schema);
    return this;
  }

  Operation produces(List<String> mediaTypes) {
    this.produces = mediaTypes;
    return this;
  }

  Operation kind(String action, Gvk gvk) {
    this.action = action;
    this.gvk = gvk;
    return this;
  }

  ObjectNode render(Dialect dialect, SchemaRenderer schemas) {
    ObjectNode node = Codec.INSTANCE.newObject();
    node.put("description", description);
    node.put("operationId", operationId);
    node.putArray("tags").add(tag);
    ArrayNode parameterList = node.putArray("parameters");
    if (dialect == Dialect.V2) {
      if (body != null) {
        ObjectNode bodyParameter = parameterList.addObject();
        bodyParameter.put("name", "body");
        bodyParameter.put("in", "body");
        bodyParameter.put("required", true);
        bodyParameter.set("schema", schemas.schema(body));
      }
      strings(node.putArray("consumes"), consumes.isEmpty() ? List.of("*/*") : consumes);
      strings(node.putArray("produces"), produces);
      node.putArray("schemes").add("https");
    } else if (body != null) {
      ObjectNode content = node.putObject("requestBody").put("required", true)
          .putObject("content");
      for (String mediaType : consumes) {
        content.putObject(mediaType).set("schema", schemas.schema(body));
      }
    }
    parameters.forEach(p -> parameterList.add(p.toNode(dialect)));
    if (parameterList.isEmpty()) {
      node.remove("parameters");
    }
    ObjectNode responseMap = node.putObject("responses");
    responses.forEach((code, schema) -> {
      ObjectNode response = responseMap.putObject(code);
      response.put("description", STATUS_TEXT.get(code));
      if (dialect == Dialect.V2) {
        response.set("schema", schemas.schema(schema));
      } else {
        ObjectNode content = response.putObject("content");
        for (String mediaType : produces) {
          content.putObject(mediaType).set("schema", schemas.schema(schema));
        }
      }
    });
    responseMap.putObject("401").put("description", "Unauthorized");
    if (action != null) {
      node.put("x-kubernetes-action", action);
      node.set("x-kubernetes-group-version-kind", gvk.toNode());
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
