package io.kubee.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the apiserver needs to know about one served resource: its names (as in
 * {@code APIResource}), scope, model class and the behaviour flags the generic store reads (as
 * Kubernetes' {@code genericregistry.Store} fields and strategies do).
 *
 * @param group          API group, "" for the core group
 * @param version        API version ("v1")
 * @param kind           object kind ("Pod")
 * @param plural         resource name in URLs ("pods")
 * @param namespaced     whether objects live in a namespace
 * @param shortNames     kubectl short names ("po")
 * @param categories     kubectl categories ("all")
 * @param modelClass     the fabric8 model class the JSON body must decode into
 * @param subresources   served subresources ("status", "scale", ...)
 * @param tracksGeneration whether metadata.generation is set on create and bumped on spec change
 * @param allowCreateOnUpdate whether PUT to a missing object creates it
 * @param returnDeletedObject whether DELETE answers with the object rather than a Status
 * @param nameRule       which name validation applies to metadata.name
 * @param fieldLabels    field selector labels beyond metadata.name/metadata.namespace, mapped to
 *                       the JSON pointer of the value they select
 * @param ttlSeconds     lifetime of stored objects (etcd lease), 0 for none (events: 3600)
 * @param deleteCollection whether DELETE on the collection is served; Kubernetes serves it for
 *                       every built-in resource but namespaces
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    Class<? extends HasMetadata> modelClass,
    Set<String> subresources,
    boolean tracksGeneration,
    boolean allowCreateOnUpdate,
    boolean returnDeletedObject,
    NameRule nameRule,
    Map<String, String> fieldLabels,
    long ttlSeconds,
    boolean deleteCollection) {

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** The validation metadata.name must pass, as Kubernetes' {@code ValidateNameFunc}s. */
  public enum NameRule {
    /** RFC 1123 subdomain: most resources. */
    DNS1123_SUBDOMAIN,
    /** RFC 1123 label: namespaces. */
    DNS1123_LABEL,
    /** RFC 1035 label: services. */
    DNS1035_LABEL,
    /** Any name that is a valid path segment: events, leases of some kinds. */
    PATH_SEGMENT
  }

  public ResourceType {
    for (String subresource : subresources) {
      if (!Subresource.isKnown(subresource)) {
        throw new IllegalArgumentException(kind + ": unknown subresource " + subresource);
      }
    }
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    subresources = Set.copyOf(subresources);
    fieldLabels = Map.copyOf(fieldLabels);
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }

  public String listKind() {
    return kind + "List";
  }

  /**
   * The verbs served on the resource itself (not its subresources), sorted as discovery lists
   * them: every verb, without {@code deletecollection} where it is not served.
   */
  public List<String> verbs() {
    return deleteCollection ? VERBS
        : VERBS.stream().filter(verb -> !verb.equals("deletecollection")).toList();
  }

  public boolean hasStatusSubresource() {
    return subresources.contains("status");
  }

  /** The discovery description of each served subresource, sorted by name. */
  public List<Subresource> subresourceTypes() {
    return subresources.stream().sorted().map(name -> Subresource.of(this, name)).toList();
  }

  /** {@code pods} or {@code deployments.apps}: how Kubernetes names the resource in messages. */
  public String groupResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  public static Builder builder(String group, String version, String kind, String plural) {
    return new Builder(group, version, kind, plural);
  }

  /** Builder with Kubernetes' defaults: namespaced, subdomain names, no subresources. */
  public static final class Builder {
    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private boolean namespaced = true;
    private List<String> shortNames = List.of();
    private List<String> categories = List.of();
    private Class<? extends HasMetadata> modelClass;
    private Set<String> subresources = Set.of();
    private boolean tracksGeneration;
    private boolean allowCreateOnUpdate;
    private boolean returnDeletedObject;
    private NameRule nameRule = NameRule.DNS1123_SUBDOMAIN;
    private Map<String, String> fieldLabels = Map.of();
    private long ttlSeconds;
    private boolean deleteCollection = true;

    private Builder(String group, String version, String kind, String plural) {
      this.group = group;
      this.version = version;
      this.kind = kind;
      this.plural = plural;
    }

    public Builder clusterScoped() {
      this.namespaced = false;
      return this;
    }

    public Builder shortNames(String... names) {
      this.shortNames = List.of(names);
      return this;
    }

    public Builder categories(String... names) {
      this.categories = List.of(names);
      return this;
    }

    public Builder model(Class<? extends HasMetadata> type) {
      this.modelClass = type;
      return this;
    }

    public Builder subresources(String... names) {
      this.subresources = Set.of(names);
      return this;
    }

    public Builder tracksGeneration() {
      this.tracksGeneration = true;
      return this;
    }

    public Builder allowCreateOnUpdate() {
      this.allowCreateOnUpdate = true;
      return this;
    }

    public Builder returnDeletedObject() {
      this.returnDeletedObject = true;
      return this;
    }

    public Builder nameRule(NameRule rule) {
      this.nameRule = rule;
      return this;
    }

    public Builder fieldLabels(Map<String, String> labels) {
      this.fieldLabels = labels;
      return this;
    }

    public Builder ttlSeconds(long seconds) {
      this.ttlSeconds = seconds;
      return this;
    }

    /** DELETE on the collection is not served (namespaces: one request must not delete all). */
    public Builder noDeleteCollection() {
      this.deleteCollection = false;
      return this;
    }

    public ResourceType build() {
      return new ResourceType(group, version, kind, plural, namespaced, shortNames, categories,
          modelClass, subresources, tracksGeneration, allowCreateOnUpdate, returnDeletedObject,
          nameRule, fieldLabels, ttlSeconds, deleteCollection);
    }
  }
}
