package io.kubee.apiserver.handlers;

import io.kubee.api.codec.Codec;
import io.kubee.api.errors.Errors;
import io.kubee.api.registry.ResourceRegistry;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.registry.Subresource;
import io.kubee.apiserver.request.RequestInfo;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discovery, built from the resource registry: the legacy documents ({@code /api} APIVersions,
 * {@code /apis} APIGroupList, {@code /apis/<group>} APIGroup, {@code /api/v1} and
 * {@code /apis/<group>/<version>} APIResourceList) and the aggregated ones
 * ({@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList} for {@code /api} and {@code /apis},
 * which kubectl asks for first; see shared/reference/KUBECTL.md).
 */
final class DiscoveryDocuments {
  /** The Content-Type aggregated discovery must carry, or kubectl ignores the answer. */
  static final String AGGREGATED_TYPE =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private final ResourceRegistry registry;

  DiscoveryDocuments(ResourceRegistry registry) {
    this.registry = registry;
  }

  /** Whether the Accept header asks for aggregated discovery (v2). */
  static boolean wantsAggregated(String accept) {
    if (accept == null) {
      return false;
    }
    for (String range : accept.split(",")) {
      String type = range.trim().toLowerCase(Locale.ROOT).replace(" ", "");
      if (type.startsWith("application/json") && type.contains("g=apidiscovery.k8s.io")
          && type.contains("v=v2;") && type.contains("as=apigroupdiscoverylist")) {
        return true;
      }
    }
    return false;
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

  /**
   * The aggregated document of {@code /api} (core) or {@code /apis} (every named group).
   */
  ObjectNode aggregated(boolean core) {
    ObjectNode doc = newObject("APIGroupDiscoveryList", "apidiscovery.k8s.io/v2");
    doc.putObject("metadata");
    ArrayNode items = doc.putArray("items");
    for (String group : registry.groups()) {
      if (group.isEmpty() != core) {
        continue;
      }
      ObjectNode item = items.addObject();
      item.putObject("metadata").put("name", group);
      ArrayNode versions = item.putArray("versions");
      for (String version : registry.versions(group)) {
        ObjectNode entry = versions.addObject();
        entry.put("version", version);
        ArrayNode resources = entry.putArray("resources");
        for (ResourceType type : registry.resources(group, version)) {
          resources.add(aggregatedResource(type));
        }
        entry.put("freshness", "Current");
      }
    }
    return doc;
  }

  private ObjectNode aggregatedResource(ResourceType type) {
    ObjectNode resource = Codec.INSTANCE.newObject();
    resource.put("resource", type.plural());
    resource.set("responseKind", kind(type.group(), type.version(), type.kind()));
    resource.put("scope", type.namespaced() ? "Namespaced" : "Cluster");
    resource.put("singularResource", type.singular());
    strings(resource, "verbs", type.verbs());
    if (!type.shortNames().isEmpty()) {
      strings(resource, "shortNames", type.shortNames());
    }
    if (!type.categories().isEmpty()) {
      strings(resource, "categories", type.categories());
    }
    if (!type.subresources().isEmpty()) {
      ArrayNode subresources = resource.putArray("subresources");
      for (Subresource sub : type.subresourceTypes()) {
        ObjectNode entry = subresources.addObject();
        entry.put("subresource", sub.name());
        entry.set("responseKind", kind(sub.group(), sub.version(), sub.kind()));
        strings(entry, "verbs", sub.verbs());
      }
    }
    return resource;
  }

  private ObjectNode apiVersions() {
    ObjectNode doc = newObject("APIVersions", null);
    strings(doc, "versions", registry.versions(""));
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
      strings(resource, "verbs", type.verbs());
      if (!type.shortNames().isEmpty()) {
        strings(resource, "shortNames", type.shortNames());
      }
      if (!type.categories().isEmpty()) {
        strings(resource, "categories", type.categories());
      }
      for (Subresource sub : type.subresourceTypes()) {
        ObjectNode entry = resources.addObject();
        entry.put("name", type.plural() + "/" + sub.name());
        entry.put("singularName", "");
        entry.put("namespaced", type.namespaced());
        if (!sub.group().equals(group) || !sub.version().equals(version)) {
          entry.put("group", sub.group());
          entry.put("version", sub.version());
        }
        entry.put("kind", sub.kind());
        strings(entry, "verbs", sub.verbs());
      }
    }
    return doc;
  }

  private static ObjectNode kind(String group, String version, String kind) {
    ObjectNode node = Codec.INSTANCE.newObject();
    node.put("group", group);
    node.put("version", version);
    node.put("kind", kind);
    return node;
  }

  private static void strings(ObjectNode parent, String field, List<String> values) {
    ArrayNode array = parent.putArray(field);
    values.forEach(array::add);
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
