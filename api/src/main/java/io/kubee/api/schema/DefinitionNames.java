package io.kubee.api.schema;

import java.util.Map;
import java.util.Set;

/**
 * How Kubernetes names the types of the fabric8 model in OpenAPI: {@code
 * io.fabric8.kubernetes.api.model.Pod} is {@code io.k8s.api.core.v1.Pod}, {@code ObjectMeta} is
 * {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}, {@code apps.Deployment} is {@code
 * io.k8s.api.apps.v1.Deployment}. fabric8 generates its classes from Kubernetes' definitions, so
 * the simple names agree; only the packages differ.
 */
public final class DefinitionNames {
  private DefinitionNames() {}

  private static final String MODEL = "io.fabric8.kubernetes.api.model";
  static final String CORE = "io.k8s.api.core.v1";
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1";
  public static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";

  /** Types of fabric8's core package that Kubernetes keeps in apimachinery's meta/v1. */
  private static final Set<String> META_TYPES = Set.of(
      "ObjectMeta", "ListMeta", "OwnerReference", "ManagedFieldsEntry", "FieldsV1",
      "LabelSelector", "LabelSelectorRequirement", "Condition", "Status", "StatusDetails",
      "StatusCause", "DeleteOptions", "Preconditions", "WatchEvent", "Patch", "APIResource",
      "APIResourceList", "APIGroup", "APIGroupList", "APIVersions", "GroupVersionForDiscovery",
      "ServerAddressByClientCIDR", "Time", "MicroTime", "ShardInfo", "Duration");

  private static final Map<String, String> PACKAGES = Map.of(
      "core/v1", CORE,
      "apps/v1", "io.k8s.api.apps.v1",
      "coordination/v1", "io.k8s.api.coordination.v1",
      "policy/v1", "io.k8s.api.policy.v1",
      "scheduling/v1", "io.k8s.api.scheduling.v1",
      "discovery/v1", "io.k8s.api.discovery.v1",
      "autoscaling/v2", "io.k8s.api.autoscaling.v2",
      "meta/v1", META);

  /** The OpenAPI definition name of a fabric8 model class. */
  public static String of(Class<?> modelClass) {
    String simple = modelClass.getSimpleName();
    String pkg = modelClass.getPackageName();
    if (pkg.equals(MODEL)) {
      return (META_TYPES.contains(simple) ? META : CORE) + "." + simple;
    }
    if (pkg.equals(MODEL + ".runtime")) {
      return "io.k8s.apimachinery.pkg.runtime." + simple;
    }
    if (pkg.startsWith(MODEL + ".")) {
      // apps → apps/v1; coordination.v1 → coordination/v1; networking.v1beta1 → ...
      String rest = pkg.substring(MODEL.length() + 1);
      int dot = rest.lastIndexOf('.');
      String last = dot < 0 ? rest : rest.substring(dot + 1);
      boolean versioned = last.matches("v\\d+((alpha|beta)\\d+)?");
      String group = versioned ? (dot < 0 ? "" : rest.substring(0, dot)) : rest;
      String version = versioned ? last : "v1";
      return "io.k8s.api." + group + "." + version + "." + simple;
    }
    return modelClass.getName();
  }

  /** {@code "core/v1"} → {@code "io.k8s.api.core.v1"}; the short forms of {@link PatchFacts}. */
  static String packageOf(String shortForm) {
    String pkg = PACKAGES.get(shortForm);
    if (pkg == null) {
      throw new IllegalArgumentException("unknown API package " + shortForm);
    }
    return pkg;
  }
}
