package io.kubee.apiserver.openapi;

import io.kubee.api.codec.Codec;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The query and path parameters of the Kubernetes API that Kubee serves, as the operations of
 * its OpenAPI documents list them. kubectl looks for {@link #FIELD_VALIDATION} on PATCH
 * operations to decide whether the server validates fields itself (see KUBECTL.md).
 */
record Parameter(String name, String in, String type, String description) {

  static final Parameter PRETTY = query("pretty", "string",
      "If 'true', the output is pretty printed.");
  static final Parameter NAMESPACE = new Parameter("namespace", "path", "string",
      "The namespace of the objects: the scope of their names and of authorization.");

  static final Parameter LABEL_SELECTOR = query("labelSelector", "string",
      "Only objects whose labels match this selector. Defaults to everything.");
  static final Parameter FIELD_SELECTOR = query("fieldSelector", "string",
      "Only objects whose fields match this selector. Defaults to everything.");
  static final Parameter WATCH = query("watch", "boolean",
      "Watch for changes to the described objects and return them as a stream of add, update "
          + "and remove notifications. Specify resourceVersion.");
  static final Parameter ALLOW_WATCH_BOOKMARKS = query("allowWatchBookmarks", "boolean",
      "Asks for BOOKMARK events in a watch. The server sends them at its discretion.");
  static final Parameter RESOURCE_VERSION = query("resourceVersion", "string",
      "A constraint on the resource versions a request may be served from; a watch starts "
          + "after this version.");
  static final Parameter RESOURCE_VERSION_MATCH = query("resourceVersionMatch", "string",
      "How resourceVersion applies to a list: Exact or NotOlderThan.");
  static final Parameter TIMEOUT_SECONDS = query("timeoutSeconds", "integer",
      "Timeout for a list or watch call, whatever the activity.");
  static final Parameter LIMIT = query("limit", "integer",
      "The maximum number of objects a list returns. When there are more, the list metadata "
          + "carries a continue token for the next page.");
  static final Parameter CONTINUE = query("continue", "string",
      "The continue token of the previous page of a list, with otherwise identical "
          + "parameters.");

  static final Parameter DRY_RUN = query("dryRun", "string",
      "When present, the change is validated but not persisted. The only valid value is All.");
  static final Parameter FIELD_MANAGER = query("fieldManager", "string",
      "The name of the actor making this change, at most 128 printable characters.");
  static final Parameter FIELD_VALIDATION = query("fieldValidation", "string",
      "How the server treats unknown and duplicate fields in the object of the request: "
          + "Ignore drops them silently; Warn (the default) drops them and answers a warning for "
          + "each; Strict fails the request.");
  static final Parameter FORCE = query("force", "boolean",
      "Force an apply request: take over fields other managers own. Must be unset for other "
          + "patch types.");

  static final Parameter GRACE_PERIOD_SECONDS = query("gracePeriodSeconds", "integer",
      "The seconds before the object is deleted; zero means at once. Defaults to the object's "
          + "own grace period.");
  static final Parameter ORPHAN_DEPENDENTS = query("orphanDependents", "boolean",
      "Deprecated: use propagationPolicy. Whether dependents are orphaned.");
  static final Parameter PROPAGATION_POLICY = query("propagationPolicy", "string",
      "Whether and how dependents are garbage collected: Orphan, Background or Foreground.");

  static final List<Parameter> LIST = List.of(LABEL_SELECTOR, FIELD_SELECTOR, WATCH,
      ALLOW_WATCH_BOOKMARKS, RESOURCE_VERSION, RESOURCE_VERSION_MATCH, TIMEOUT_SECONDS, LIMIT,
      CONTINUE);
  static final List<Parameter> WATCH_PATH = List.of(LABEL_SELECTOR, FIELD_SELECTOR,
      ALLOW_WATCH_BOOKMARKS, RESOURCE_VERSION, TIMEOUT_SECONDS);
  static final List<Parameter> CREATE = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION);
  static final List<Parameter> UPDATE = CREATE;
  static final List<Parameter> PATCH = List.of(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE);
  static final List<Parameter> DELETE = List.of(DRY_RUN, GRACE_PERIOD_SECONDS, ORPHAN_DEPENDENTS,
      PROPAGATION_POLICY);
  static final List<Parameter> DELETE_COLLECTION = List.of(LABEL_SELECTOR, FIELD_SELECTOR,
      RESOURCE_VERSION, RESOURCE_VERSION_MATCH, TIMEOUT_SECONDS, LIMIT, CONTINUE, DRY_RUN,
      GRACE_PERIOD_SECONDS, ORPHAN_DEPENDENTS, PROPAGATION_POLICY);

  static Parameter name(String kind) {
    return new Parameter("name", "path", "string", "name of the " + kind);
  }

  private static Parameter query(String name, String type, String description) {
    return new Parameter(name, "query", type, description);
  }

  ObjectNode toNode(Dialect dialect) {
    ObjectNode node = Codec.INSTANCE.newObject();
    node.put("name", name);
    node.put("in", in);
    node.put("description", description);
    if (in.equals("path")) {
      node.put("required", true);
    }
    ObjectNode type = node;
    if (dialect == Dialect.V3) {
      type = node.putObject("schema");
    }
    type.put("type", this.type);
    type.put("uniqueItems", true);
    return node;
  }
}
