package io.kubee.api.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' merge metadata for the fields of the served kinds, written down as facts: the
 * {@code patchStrategy}/{@code patchMergeKey} struct tags and the {@code +listType},
 * {@code +listMapKey}, {@code +mapType} and {@code +structType} markers of
 * {@code k8s.io/api/core/v1}, {@code apps/v1}, {@code coordination/v1} and
 * {@code k8s.io/apimachinery/pkg/apis/meta/v1} ({@code types.go}, Kubernetes 1.32 plus the
 * fields the fabric8 8.0 model already carries from later releases). Every list reachable from
 * the twelve served kinds has a row ({@code ModelSchemaTest} checks it); a list without a row
 * would be replaced by patches and treated as atomic, as Kubernetes treats undeclared lists.
 *
 * <p>Keys are {@code "<api package> <Type>.<jsonField>"}, e.g. {@code "core/v1 PodSpec.volumes"}.
 */
final class PatchFacts {
  private PatchFacts() {}

  /** Merge metadata of one list field. */
  record ListFact(String patchStrategy, String patchMergeKey, String listType,
      List<String> listMapKeys) {}

  private static final Map<String, ListFact> LISTS = new HashMap<>();

  static {
    // Pods: containers and their parts.          patchStrategy       mergeKey          listType
    list("core/v1 PodSpec.containers",            "merge",            "name",           "map", "name");
    list("core/v1 PodSpec.initContainers",        "merge",            "name",           "map", "name");
    list("core/v1 PodSpec.ephemeralContainers",   "merge",            "name",           "map", "name");
    list("core/v1 PodSpec.volumes",               "merge,retainKeys", "name",           "map", "name");
    list("core/v1 PodSpec.imagePullSecrets",      "merge",            "name",           "map", "name");
    list("core/v1 PodSpec.hostAliases",           "merge",            "ip",             "map", "ip");
    list("core/v1 PodSpec.topologySpreadConstraints", "merge",        "topologyKey",    "map",
        "topologyKey", "whenUnsatisfiable");
    list("core/v1 PodSpec.schedulingGates",       "merge",            "name",           "map", "name");
    list("core/v1 PodSpec.resourceClaims",        "merge,retainKeys", "name",           "map", "name");
    list("core/v1 PodSpec.evictionResponders",    "merge",            "name",           "map", "name");
    list("core/v1 PodSpec.tolerations",           "",                 "",               "atomic");
    list("core/v1 PodSpec.readinessGates",        "",                 "",               "atomic");
    for (String container : List.of("Container", "EphemeralContainer")) {
      String c = "core/v1 " + container + ".";
      list(c + "ports",                           "merge",            "containerPort",  "map",
          "containerPort", "protocol");
      list(c + "env",                             "merge",            "name",           "map", "name");
      list(c + "volumeMounts",                    "merge",            "mountPath",      "map", "mountPath");
      list(c + "volumeDevices",                   "merge",            "devicePath",     "map", "devicePath");
      list(c + "command",                         "",                 "",               "atomic");
      list(c + "args",                            "",                 "",               "atomic");
      list(c + "envFrom",                         "",                 "",               "atomic");
      list(c + "resizePolicy",                    "",                 "",               "atomic");
      list(c + "restartPolicyRules",              "",                 "",               "atomic");
    }
    list("core/v1 ResourceRequirements.claims",   "",                 "",               "map", "name");
    list("core/v1 ContainerRestartRuleOnExitCodes.values", "",        "",               "set");
    list("core/v1 VolumeMount.bindMountOptions",  "",                 "",               "set");
    list("core/v1 ExecAction.command",            "",                 "",               "atomic");
    list("core/v1 HTTPGetAction.httpHeaders",     "",                 "",               "atomic");
    list("core/v1 Capabilities.add",              "",                 "",               "atomic");
    list("core/v1 Capabilities.drop",             "",                 "",               "atomic");
    list("core/v1 LinuxContainerUser.supplementalGroups", "",         "",               "atomic");
    list("core/v1 PodSecurityContext.supplementalGroups", "",         "",               "atomic");
    list("core/v1 PodSecurityContext.sysctls",    "",                 "",               "atomic");
    list("core/v1 PodDNSConfig.nameservers",      "",                 "",               "atomic");
    list("core/v1 PodDNSConfig.searches",         "",                 "",               "atomic");
    list("core/v1 PodDNSConfig.options",          "",                 "",               "atomic");
    list("core/v1 HostAlias.hostnames",           "",                 "",               "atomic");
    list("core/v1 TopologySpreadConstraint.matchLabelKeys", "",       "",               "atomic");

    // Scheduling constraints.
    list("core/v1 NodeSelector.nodeSelectorTerms", "",                "",               "atomic");
    list("core/v1 NodeSelectorTerm.matchExpressions", "",             "",               "atomic");
    list("core/v1 NodeSelectorTerm.matchFields",  "",                 "",               "atomic");
    list("core/v1 NodeSelectorRequirement.values", "",                "",               "atomic");
    list("core/v1 NodeAffinity.preferredDuringSchedulingIgnoredDuringExecution", "", "", "atomic");
    list("core/v1 PodAffinity.requiredDuringSchedulingIgnoredDuringExecution", "", "",  "atomic");
    list("core/v1 PodAffinity.preferredDuringSchedulingIgnoredDuringExecution", "", "", "atomic");
    list("core/v1 PodAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution", "", "", "atomic");
    list("core/v1 PodAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution", "", "", "atomic");
    list("core/v1 PodAffinityTerm.namespaces",    "",                 "",               "atomic");
    list("core/v1 PodAffinityTerm.matchLabelKeys", "",                "",               "atomic");
    list("core/v1 PodAffinityTerm.mismatchLabelKeys", "",             "",               "atomic");

    // Volume sources.
    list("core/v1 SecretVolumeSource.items",      "",                 "",               "atomic");
    list("core/v1 ConfigMapVolumeSource.items",   "",                 "",               "atomic");
    list("core/v1 DownwardAPIVolumeSource.items", "",                 "",               "atomic");
    list("core/v1 ProjectedVolumeSource.sources", "",                 "",               "atomic");
    list("core/v1 SecretProjection.items",        "",                 "",               "atomic");
    list("core/v1 ConfigMapProjection.items",     "",                 "",               "atomic");
    list("core/v1 DownwardAPIProjection.items",   "",                 "",               "atomic");
    list("core/v1 RBDVolumeSource.monitors",      "",                 "",               "atomic");
    list("core/v1 CephFSVolumeSource.monitors",   "",                 "",               "atomic");
    list("core/v1 ISCSIVolumeSource.portals",     "",                 "",               "atomic");
    list("core/v1 FCVolumeSource.targetWWNs",     "",                 "",               "atomic");
    list("core/v1 FCVolumeSource.wwids",          "",                 "",               "atomic");
    list("core/v1 PersistentVolumeClaimSpec.accessModes", "",         "",               "atomic");

    // Pod status.
    list("core/v1 PodStatus.conditions",          "merge",            "type",           "map", "type");
    list("core/v1 PodStatus.podIPs",              "merge",            "ip",             "map", "ip");
    list("core/v1 PodStatus.hostIPs",             "merge",            "ip",             "atomic");
    list("core/v1 PodStatus.initContainerStatuses", "",               "",               "atomic");
    list("core/v1 PodStatus.containerStatuses",   "",                 "",               "atomic");
    list("core/v1 PodStatus.ephemeralContainerStatuses", "",          "",               "atomic");
    list("core/v1 PodStatus.resourceClaimStatuses", "merge,retainKeys", "name",         "map", "name");
    list("core/v1 PodStatus.nodeAllocatableResourceClaimStatuses", "merge", "resourceClaimName", "map",
        "resourceClaimName");
    list("core/v1 PodStatus.volumeHealth",        "",                 "",               "map", "name");
    list("core/v1 PodVolumeHealth.healthConditions", "merge",         "status",         "map",
        "status", "reason");
    list("core/v1 PodExtendedResourceClaimStatus.requestMappings", "", "",              "atomic");
    list("core/v1 NodeAllocatableResourceClaimStatus.containers", "", "",               "set");
    list("core/v1 NodeAllocatableResourceClaimStatus.mapping", "merge", "name",         "map", "name");
    list("core/v1 NodeAllocatableResourceClaimStatus.overhead", "merge", "name",        "map", "name");
    list("core/v1 ContainerStatus.volumeMounts",  "merge",            "mountPath",      "map", "mountPath");
    list("core/v1 ContainerStatus.allocatedResourcesStatus", "merge", "name",           "map", "name");
    list("core/v1 ResourceStatus.resources",      "",                 "",               "map", "resourceID");

    // Nodes.
    list("core/v1 NodeSpec.podCIDRs",             "merge",            "",               "set");
    list("core/v1 NodeSpec.taints",               "",                 "",               "atomic");
    list("core/v1 NodePodPreemptionPolicy.disableResizePreemption", "", "",             "set");
    list("core/v1 NodeStatus.conditions",         "merge",            "type",           "map", "type");
    list("core/v1 NodeStatus.addresses",          "merge",            "type",           "map", "type");
    list("core/v1 NodeStatus.images",             "",                 "",               "atomic");
    list("core/v1 NodeStatus.volumesInUse",       "",                 "",               "atomic");
    list("core/v1 NodeStatus.volumesAttached",    "",                 "",               "atomic");
    list("core/v1 NodeStatus.runtimeHandlers",    "",                 "",               "atomic");
    list("core/v1 NodeStatus.declaredFeatures",   "",                 "",               "atomic");
    list("core/v1 ContainerImage.names",          "",                 "",               "atomic");

    // Services, endpoints, namespaces, service accounts.
    list("core/v1 ServiceSpec.ports",             "merge",            "port",           "map",
        "port", "protocol");
    list("core/v1 ServiceSpec.clusterIPs",        "",                 "",               "atomic");
    list("core/v1 ServiceSpec.externalIPs",       "",                 "",               "atomic");
    list("core/v1 ServiceSpec.loadBalancerSourceRanges", "",          "",               "atomic");
    list("core/v1 ServiceSpec.ipFamilies",        "",                 "",               "atomic");
    list("core/v1 ServiceStatus.conditions",      "merge",            "type",           "map", "type");
    list("core/v1 LoadBalancerStatus.ingress",    "",                 "",               "atomic");
    list("core/v1 LoadBalancerIngress.ports",     "",                 "",               "atomic");
    list("core/v1 Endpoints.subsets",             "",                 "",               "atomic");
    list("core/v1 EndpointSubset.addresses",      "",                 "",               "atomic");
    list("core/v1 EndpointSubset.notReadyAddresses", "",              "",               "atomic");
    list("core/v1 EndpointSubset.ports",          "",                 "",               "atomic");
    list("core/v1 NamespaceSpec.finalizers",      "",                 "",               "atomic");
    list("core/v1 NamespaceStatus.conditions",    "merge",            "type",           "map", "type");
    list("core/v1 ServiceAccount.secrets",        "merge",            "name",           "map", "name");
    list("core/v1 ServiceAccount.imagePullSecrets", "",               "",               "atomic");

    // apps/v1.
    list("apps/v1 DeploymentStatus.conditions",   "merge",            "type",           "map", "type");
    list("apps/v1 ReplicaSetStatus.conditions",   "merge",            "type",           "map", "type");

    // core/v1 ReplicationController, discovery/v1 EndpointSlice, autoscaling/v2 HPA.
    list("core/v1 ReplicationControllerStatus.conditions", "merge",   "type",           "map", "type");
    list("discovery/v1 EndpointSlice.endpoints",  "",                 "",               "atomic");
    list("discovery/v1 EndpointSlice.ports",      "",                 "",               "atomic");
    list("discovery/v1 Endpoint.addresses",       "",                 "",               "set");
    list("discovery/v1 EndpointHints.forZones",   "",                 "",               "atomic");
    list("discovery/v1 EndpointHints.forNodes",   "",                 "",               "atomic");
    list("autoscaling/v2 HorizontalPodAutoscalerSpec.metrics", "",    "",               "atomic");
    list("autoscaling/v2 HPAScalingRules.policies", "",               "",               "atomic");
    list("autoscaling/v2 HorizontalPodAutoscalerStatus.conditions", "merge", "type",    "map", "type");
    list("autoscaling/v2 HorizontalPodAutoscalerStatus.currentMetrics", "", "",         "atomic");

    // policy/v1 PodDisruptionBudget (scheduling.k8s.io/v1 PriorityClass has no lists).
    list("policy/v1 PodDisruptionBudgetStatus.conditions", "merge", "type",           "map", "type");

    // meta/v1.
    list("meta/v1 ObjectMeta.finalizers",         "merge",            "",               "set");
    list("meta/v1 ObjectMeta.ownerReferences",    "merge",            "uid",            "map", "uid");
    list("meta/v1 ObjectMeta.managedFields",      "",                 "",               "atomic");
    list("meta/v1 LabelSelector.matchExpressions", "",                "",               "atomic");
    list("meta/v1 LabelSelectorRequirement.values", "",               "",               "atomic");
    list("meta/v1 DeleteOptions.dryRun",          "",                 "",               "atomic");
    list("meta/v1 StatusDetails.causes",          "",                 "",               "atomic");
    list("meta/v1 APIResource.shortNames",        "",                 "",               "atomic");
    list("meta/v1 APIResource.categories",        "",                 "",               "atomic");
    list("meta/v1 APIResourceList.resources",     "",                 "",               "atomic");
  }

  /** Non-list fields with a patch strategy: unions whose unset members a patch clears. */
  private static final Map<String, String> FIELD_STRATEGIES = Map.of(
      key("apps/v1 DeploymentSpec.strategy"), "retainKeys");

  /** Maps declared {@code +mapType=atomic}: server-side apply replaces them whole. */
  private static final Map<String, String> MAP_TYPES = Map.of(
      key("core/v1 PodSpec.nodeSelector"), "atomic",
      key("core/v1 ServiceSpec.selector"), "atomic");

  /** Types declared {@code +structType=atomic}. */
  private static final Set<String> ATOMIC_STRUCTS = Set.of(
      type("core/v1 ObjectFieldSelector"),
      type("core/v1 ResourceFieldSelector"),
      type("core/v1 ConfigMapKeySelector"),
      type("core/v1 SecretKeySelector"),
      type("core/v1 FileKeySelector"),
      type("core/v1 NodeSelector"),
      type("core/v1 NodeSelectorTerm"),
      type("core/v1 TopologySelectorTerm"),
      type("core/v1 EndpointAddress"),
      type("core/v1 EndpointPort"),
      type("core/v1 ObjectReference"),
      type("core/v1 LocalObjectReference"),
      type("core/v1 TypedLocalObjectReference"),
      type("core/v1 SecretReference"),
      type("core/v1 EvictionResponder"),
      type("meta/v1 OwnerReference"),
      type("meta/v1 LabelSelector"));

  /** The list metadata of a field, or null when Kubernetes declares none. */
  static ListFact list(String definitionName, String field) {
    return LISTS.get(definitionName + "." + field);
  }

  /** The patch strategy of a non-list field ("retainKeys"), or "". */
  static String fieldStrategy(String definitionName, String field) {
    return FIELD_STRATEGIES.getOrDefault(definitionName + "." + field, "");
  }

  /** The declared map type of a map field, or "". */
  static String mapType(String definitionName, String field) {
    return MAP_TYPES.getOrDefault(definitionName + "." + field, "");
  }

  /** "atomic" for a type declared {@code +structType=atomic}, else "". */
  static String structType(String definitionName) {
    return ATOMIC_STRUCTS.contains(definitionName) ? "atomic" : "";
  }

  /** Every list fact, keyed by definition name and field ("io.k8s.api.core.v1.PodSpec.volumes"). */
  static Map<String, ListFact> lists() {
    return Map.copyOf(LISTS);
  }

  private static void list(String where, String strategy, String mergeKey, String listType,
      String... mapKeys) {
    if (LISTS.put(key(where), new ListFact(strategy, mergeKey, listType, List.of(mapKeys)))
        != null) {
      throw new IllegalStateException("list fact written twice: " + where);
    }
  }

  /** {@code "core/v1 PodSpec.volumes"} → {@code "io.k8s.api.core.v1.PodSpec.volumes"}. */
  static String key(String where) {
    return type(where);
  }

  /** {@code "core/v1 PodSpec"} → {@code "io.k8s.api.core.v1.PodSpec"}. */
  static String type(String where) {
    int space = where.indexOf(' ');
    return DefinitionNames.packageOf(where.substring(0, space)) + "." + where.substring(space + 1);
  }
}
