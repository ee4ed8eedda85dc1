package io.kubee.apiserver.openapi;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Patch;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.kubee.api.codec.Codec;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.schema.ModelSchema;
import io.kubee.api.schema.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The paths of served resources, with the operations, operation ids, tags and extensions
 * Kubernetes' spec gives them ({@code listCoreV1NamespacedPod}, {@code patchAppsV1NamespacedDeployment},
 * {@code x-kubernetes-action: patch}...): the collection, the object, its served subresources,
 * the list across namespaces and the legacy {@code /watch/} paths. Not thread-safe; one per
 * document.
 */
final class PathsBuilder {
  /** The patch types Kubernetes accepts; kubectl apply sends strategic merge patches when listed. */
  static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
      "application/merge-patch+json", "application/strategic-merge-patch+json",
      "application/apply-patch+yaml");
  private static final List<String> PRODUCES = List.of("application/json", "application/yaml");
  private static final List<String> PRODUCES_STREAM = List.of("application/json",
      "application/yaml", "application/json;stream=watch");
  private static final List<String> ANY = List.of("*/*");

  private final Dialect dialect;
  private final SchemaRenderer schemas;
  private final Set<String> servedSubresources;
  private final ObjectNode paths = Codec.INSTANCE.newObject();

  /**
   * @param servedSubresources the subresources whose paths to publish when a type declares them
   *     ("status"); subresources the apiserver does not serve yet stay out of the document
   */
  PathsBuilder(Dialect dialect, SchemaRenderer schemas, Set<String> servedSubresources) {
    this.dialect = dialect;
    this.schemas = schemas;
    this.servedSubresources = servedSubresources;
  }

  ObjectNode paths() {
    return paths;
  }

  /** {@code GET /api/v1/}: the group-version's APIResourceList. */
  void discovery(String group, String version) {
    String prefix = prefix(group, version);
    Operation get = new Operation("get available resources",
        "get" + operationGroup(group, version) + "APIResources", tag(group, version))
        .produces(PRODUCES)
        .response("200", ModelSchema.of(APIResourceList.class));
    pathItem(prefix + "/", List.of()).set("get", get.render(dialect, schemas));
  }

  void resource(ResourceType type) {
    String prefix = prefix(type.group(), type.version());
    String ns = type.namespaced() ? "Namespaced" : "";
    String base = type.namespaced() ? prefix + "/namespaces/{namespace}/" + type.plural()
        : prefix + "/" + type.plural();
    String watchBase = type.namespaced()
        ? prefix + "/watch/namespaces/{namespace}/" + type.plural()
        : prefix + "/watch/" + type.plural();
    String group = operationGroup(type.group(), type.version());
    String tag = tag(type.group(), type.version());
    String kind = type.kind();
    Gvk gvk = Gvk.of(type);
    Schema object = ModelSchema.forKind(type);
    Schema list = ModelSchema.forList(type).map(Schema.class::cast).orElse(object);
    Schema status = ModelSchema.of(Status.class);
    Schema deleted = type.returnDeletedObject() ? object : status;
    List<Parameter> scope = type.namespaced() ? List.of(Parameter.NAMESPACE) : List.of();
    List<Parameter> named = type.namespaced()
        ? List.of(Parameter.name(kind), Parameter.NAMESPACE) : List.of(Parameter.name(kind));

    ObjectNode collection = pathItem(base, scope);
    collection.set("get", new Operation("list or watch objects of kind " + kind,
        "list" + group + ns + kind, tag)
        .parameters(Parameter.LIST).produces(PRODUCES_STREAM).response("200", list)
        .kind("list", gvk).render(dialect, schemas));
    collection.set("post", new Operation("create a " + kind, "create" + group + ns + kind, tag)
        .parameters(Parameter.CREATE).body(object, ANY).produces(PRODUCES)
        .response("200", object).response("201", object).response("202", object)
        .kind("post", gvk).render(dialect, schemas));
    if (type.verbs().contains("deletecollection")) {
      collection.set("delete", new Operation("delete collection of " + kind,
          "delete" + group + "Collection" + ns + kind, tag)
          .parameters(Parameter.DELETE_COLLECTION).body(ModelSchema.of(DeleteOptions.class), ANY)
          .produces(PRODUCES).response("200", status)
          .kind("deletecollection", gvk).render(dialect, schemas));
    }

    ObjectNode item = pathItem(base + "/{name}", named);
    item.set("get", new Operation("read the specified " + kind, "read" + group + ns + kind, tag)
        .produces(PRODUCES).response("200", object).kind("get", gvk).render(dialect, schemas));
    item.set("put", new Operation("replace the specified " + kind,
        "replace" + group + ns + kind, tag)
        .parameters(Parameter.UPDATE).body(object, ANY).produces(PRODUCES)
        .response("200", object).response("201", object)
        .kind("put", gvk).render(dialect, schemas));
    item.set("patch", patch("partially update the specified " + kind,
        "patch" + group + ns + kind, tag, object, gvk));
    item.set("delete", new Operation("delete a " + kind, "delete" + group + ns + kind, tag)
        .parameters(Parameter.DELETE).body(ModelSchema.of(DeleteOptions.class), ANY)
        .produces(PRODUCES).response("200", deleted).response("202", deleted)
        .kind("delete", gvk).render(dialect, schemas));

    for (String subresource : type.subresources().stream().sorted().toList()) {
      if (!servedSubresources.contains(subresource) || !subresource.equals("status")) {
        continue; // only subresources whose body is the object itself are described here
      }
      String suffix = capitalize(subresource);
      ObjectNode sub = pathItem(base + "/{name}/" + subresource, named);
      sub.set("get", new Operation("read " + subresource + " of the specified " + kind,
          "read" + group + ns + kind + suffix, tag)
          .produces(PRODUCES).response("200", object).kind("get", gvk).render(dialect, schemas));
      sub.set("put", new Operation("replace " + subresource + " of the specified " + kind,
          "replace" + group + ns + kind + suffix, tag)
          .parameters(Parameter.UPDATE).body(object, ANY).produces(PRODUCES)
          .response("200", object).response("201", object)
          .kind("put", gvk).render(dialect, schemas));
      sub.set("patch", patch("partially update " + subresource + " of the specified " + kind,
          "patch" + group + ns + kind + suffix, tag, object, gvk));
    }

    Schema event = ModelSchema.of(WatchEvent.class);
    if (type.namespaced()) {
      pathItem(prefix + "/" + type.plural(), List.of()).set("get",
          new Operation("list or watch objects of kind " + kind,
              "list" + group + kind + "ForAllNamespaces", tag)
              .parameters(Parameter.LIST).produces(PRODUCES_STREAM).response("200", list)
              .kind("list", gvk).render(dialect, schemas));
      pathItem(prefix + "/watch/" + type.plural(), List.of()).set("get",
          new Operation("watch individual changes to a list of " + kind
              + ". deprecated: use the 'watch' parameter with a list operation instead.",
              "watch" + group + kind + "ListForAllNamespaces", tag)
              .parameters(Parameter.WATCH_PATH).produces(PRODUCES_STREAM).response("200", event)
              .kind("watchlist", gvk).render(dialect, schemas));
    }
    pathItem(watchBase, scope).set("get",
        new Operation("watch individual changes to a list of " + kind
            + ". deprecated: use the 'watch' parameter with a list operation instead.",
            "watch" + group + ns + kind + "List", tag)
            .parameters(Parameter.WATCH_PATH).produces(PRODUCES_STREAM).response("200", event)
            .kind("watchlist", gvk).render(dialect, schemas));
    pathItem(watchBase + "/{name}", named).set("get",
        new Operation("watch changes to an object of kind " + kind + ". deprecated: use the "
            + "'watch' parameter with a list operation instead, filtered to a single item with "
            + "the 'fieldSelector' parameter.", "watch" + group + ns + kind, tag)
            .parameters(Parameter.WATCH_PATH).produces(PRODUCES_STREAM).response("200", event)
            .kind("watch", gvk).render(dialect, schemas));
  }

  private ObjectNode patch(String description, String operationId, String tag, Schema object,
      Gvk gvk) {
    return new Operation(description, operationId, tag)
        .parameters(Parameter.PATCH).body(ModelSchema.of(Patch.class), PATCH_TYPES)
        .produces(PRODUCES).response("200", object).response("201", object)
        .kind("patch", gvk).render(dialect, schemas);
  }

  private ObjectNode pathItem(String path, List<Parameter> pathParameters) {
    ObjectNode item = paths.putObject(path);
    ArrayNode parameters = item.putArray("parameters");
    pathParameters.forEach(p -> parameters.add(p.toNode(dialect)));
    parameters.add(Parameter.PRETTY.toNode(dialect));
    return item;
  }

  static String prefix(String group, String version) {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /** {@code CoreV1}, {@code AppsV1}, {@code CoordinationV1}, {@code RbacAuthorizationV1}. */
  static String operationGroup(String group, String version) {
    String name = group.isEmpty() ? "core" : group.replaceFirst("\\.k8s\\.io$", "");
    StringBuilder id = new StringBuilder();
    for (String part : name.split("[.-]")) {
      id.append(capitalize(part));
    }
    return id.append(capitalize(version)).toString();
  }

  /** {@code core_v1}, {@code apps_v1}, {@code coordination_v1}. */
  static String tag(String group, String version) {
    String id = operationGroup(group, "");
    return id.substring(0, 1).toLowerCase(Locale.ROOT) + id.substring(1) + "_" + version;
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text
        : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
