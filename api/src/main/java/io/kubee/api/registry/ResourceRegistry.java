package io.kubee.api.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resources the apiserver serves, looked up the ways requests name them: by
 * group/version/plural from a URL and by apiVersion/kind from a body. Immutable once built.
 */
public final class ResourceRegistry {
  private final List<ResourceType> types;
  private final Map<String, ResourceType> byPath = new LinkedHashMap<>();
  private final Map<String, ResourceType> byKind = new LinkedHashMap<>();

  public ResourceRegistry(List<ResourceType> types) {
    this.types = List.copyOf(types);
    for (ResourceType type : types) {
      if (byPath.put(pathKey(type.group(), type.version(), type.plural()), type) != null) {
        throw new IllegalArgumentException("resource registered twice: " + type.groupResource());
      }
      byKind.put(kindKey(type.apiVersion(), type.kind()), type);
    }
  }

  /** The resources Kubee serves out of the box. */
  public static ResourceRegistry builtin() {
    return new ResourceRegistry(BuiltinResources.all());
  }

  public List<ResourceType> all() {
    return types;
  }

  /** {@code group} is "" for the core group. */
  public Optional<ResourceType> lookup(String group, String version, String plural) {
    return Optional.ofNullable(byPath.get(pathKey(group, version, plural)));
  }

  public Optional<ResourceType> lookupKind(String apiVersion, String kind) {
    return Optional.ofNullable(byKind.get(kindKey(apiVersion, kind)));
  }

  /** Whether any resource is served under this group and version. */
  public boolean servesGroupVersion(String group, String version) {
    return types.stream().anyMatch(t -> t.group().equals(group) && t.version().equals(version));
  }

  /** Served groups in registration order, "" (core) included. */
  public List<String> groups() {
    Set<String> groups = new LinkedHashSet<>();
    types.forEach(t -> groups.add(t.group()));
    return new ArrayList<>(groups);
  }

  /** Versions served for a group, preferred first. */
  public List<String> versions(String group) {
    Set<String> versions = new LinkedHashSet<>();
    types.stream().filter(t -> t.group().equals(group)).forEach(t -> versions.add(t.version()));
    return new ArrayList<>(versions);
  }

  public List<ResourceType> resources(String group, String version) {
    List<ResourceType> result = new ArrayList<>();
    for (ResourceType t : types) {
      if (t.group().equals(group) && t.version().equals(version)) {
        result.add(t);
      }
    }
    return Collections.unmodifiableList(result);
  }

  private static String pathKey(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }

  private static String kindKey(String apiVersion, String kind) {
    return apiVersion + "#" + kind;
  }
}
