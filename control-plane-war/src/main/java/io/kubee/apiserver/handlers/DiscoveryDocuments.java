package io.kubee.apiserver.handlers;

import io.kubee.api.codec.Codec;
import io.kubee.api.errors.Errors;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.apiserver.request.RequestInfo;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The legacy discovery documents: {@code /api} (APIVersions), {@code /apis} (APIGroupList),
 * {@code /apis/<group>} (APIGroup), {@code /api/v1} and {@code /apis/<group>/<version>}
 * (APIResourceList), built from the resource registry.
 */
final class DiscoveryDocuments {
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  private final ResourceRegistry registry;

  DiscoveryDocuments(ResourceRegistry registry) {
    this.registry = registry;
  }

  /** @throws io.kubee.api.errors.ApiException 404 for paths that name nothing served */
  ObjectNode document(RequestInfo info, boolean core) {
    if (core) {
      if (info.version().isEmpty()) {
        return apiVersions();
      }
      if (registry.servesGroupVersion("", info.version())) {
        return resourceList("", info.version());
      }
    } else if (info.group().isEmpty()) {
      return groupList();
    } else if (info.version().isEmpty()) {
      if (!registry.versions(info.group()).isEmpty()) {
        return group(info.group());
      }
    } else if (registry.servesGroupVersion(info.group(), info.version())) {
      return resourceList(info.group(), info.version());
    }
    throw Errors.pathNotFound();
  }

  private ObjectNode apiVersions() {
    ObjectNode doc = newObject("APIVersions", null);
    ArrayNode versions = doc.putArray("versions");
    registry.versions("").forEach(versions::add);
    ObjectNode address = doc.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", "");
    return doc;
  }

  private ObjectNode groupList() {
    ObjectNode doc = newObject("APIGroupList", "v1");
    ArrayNode groups = doc.putArray("groups");
    for (String group : registry.groups()) {
      if (!group.isEmpty()) {
        groups.add(groupBody(group));
      }
    }
    return doc;
  }

  private ObjectNode group(String group) {
    ObjectNode doc = newObject("APIGroup", "v1");
    doc.setAll(groupBody(group));
    return doc;
  }

  private ObjectNode groupBody(String group) {
    ObjectNode body = Codec.INSTANCE.newObject();
    body.put("name", group);
    ArrayNode versions = body.putArray("versions");
    for (String version : registry.versions(group)) {
      ObjectNode entry = versions.addObject();
      entry.put("groupVersion", group + "/" + version);
      entry.put("version", version);
    }
    body.set("preferredVersion", versions.get(0).deepCopy());
    return body;
  }

  private ObjectNode resourceList(String group, String version) {
    ObjectNode doc = newObject("APIResourceList", "v1");
    doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = doc.putArray("resources");
    for (ResourceType type : registry.resources(group, version)) {
      ObjectNode resource = resources.addObject();
      resource.put("name", type.plural());
      resource.put("singularName", type.singular());
      resource.put("namespaced", type.namespaced());
      resource.put("kind", type.kind());
      ArrayNode verbs = resource.putArray("verbs");
      VERBS.forEach(verbs::add);
      if (!type.shortNames().isEmpty()) {
        ArrayNode shortNames = resource.putArray("shortNames");
        type.shortNames().forEach(shortNames::add);
      }
      if (!type.categories().isEmpty()) {
        ArrayNode categories = resource.putArray("categories");
        type.categories().forEach(categories::add);
      }
      for (String subresource : type.subresources().stream().sorted().toList()) {
        if (!subresource.equals("status")) {
          continue; // other subresources are listed once they are served
        }
        ObjectNode sub = resources.addObject();
        sub.put("name", type.plural() + "/" + subresource);
        sub.put("singularName", "");
        sub.put("namespaced", type.namespaced());
        sub.put("kind", type.kind());
        ArrayNode subVerbs = sub.putArray("verbs");
        SUBRESOURCE_VERBS.forEach(subVerbs::add);
      }
    }
    return doc;
  }

  private static ObjectNode newObject(String kind, String apiVersion) {
    ObjectNode doc = Codec.INSTANCE.newObject();
    doc.put("kind", kind);
    if (apiVersion != null) {
      doc.put("apiVersion", apiVersion);
    }
    return doc;
  }
}
