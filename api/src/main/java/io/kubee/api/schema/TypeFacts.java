package io.kubee.api.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts about Kubernetes' types that the fabric8 classes do not carry: which string fields are
 * {@code metav1.Time}/{@code MicroTime} or {@code []byte}, which fields are required, and the
 * documentation Kubee publishes in OpenAPI. Required fields follow {@code types.go} of
 * Kubernetes 1.32 (a field without {@code omitempty} and without {@code +optional}), plus the
 * types fabric8 8.0 carries from later releases.
 *
 * <p>Keys are written {@code "<api package> <Type>.<jsonField>"} as in {@link PatchFacts}.
 */
final class TypeFacts {
  private TypeFacts() {}

  /** Fields whose fabric8 type (String, ZonedDateTime) stands for a named Kubernetes scalar. */
  private static final Map<String, ScalarSchema> SCALARS = new HashMap<>();
  /** Fields whose fabric8 type is Object or an interface, with the definition Kubernetes uses. */
  private static final Map<String, String> FREE_FORM = Map.of(
      PatchFacts.key("meta/v1 WatchEvent.object"), DefinitionNames.RAW_EXTENSION);
  private static final Map<String, List<String>> REQUIRED = new HashMap<>();
  private static final Map<String, String> DESCRIPTIONS = new HashMap<>();

  static {
    time("meta/v1 ObjectMeta.creationTimestamp");
    time("meta/v1 ObjectMeta.deletionTimestamp");
    time("meta/v1 ManagedFieldsEntry.time");
    time("meta/v1 Condition.lastTransitionTime");
    time("core/v1 PodStatus.startTime");
    time("core/v1 PodCondition.lastProbeTime");
    time("core/v1 PodCondition.lastTransitionTime");
    time("core/v1 PodVolumeHealth.lastTransitionTime");
    time("core/v1 ContainerStateRunning.startedAt");
    time("core/v1 ContainerStateTerminated.startedAt");
    time("core/v1 ContainerStateTerminated.finishedAt");
    time("core/v1 NodeCondition.lastHeartbeatTime");
    time("core/v1 NodeCondition.lastTransitionTime");
    time("core/v1 NamespaceCondition.lastTransitionTime");
    time("core/v1 Taint.timeAdded");
    time("core/v1 Event.firstTimestamp");
    time("core/v1 Event.lastTimestamp");
    microTime("core/v1 Event.eventTime");
    microTime("core/v1 EventSeries.lastObservedTime");
    microTime("coordination/v1 LeaseSpec.acquireTime");
    microTime("coordination/v1 LeaseSpec.renewTime");
    time("apps/v1 DeploymentCondition.lastTransitionTime");
    time("apps/v1 DeploymentCondition.lastUpdateTime");
    time("apps/v1 ReplicaSetCondition.lastTransitionTime");
    time("core/v1 ReplicationControllerCondition.lastTransitionTime");
    time("autoscaling/v2 HorizontalPodAutoscalerStatus.lastScaleTime");
    time("autoscaling/v2 HorizontalPodAutoscalerCondition.lastTransitionTime");
    // map[string][]byte: base64 values
    SCALARS.put(PatchFacts.key("core/v1 Secret.data"), ScalarSchema.BYTES);
    SCALARS.put(PatchFacts.key("core/v1 ConfigMap.binaryData"), ScalarSchema.BYTES);

    required("core/v1 Volume", "name");
    required("core/v1 PersistentVolumeClaimVolumeSource", "claimName");
    required("core/v1 TypedObjectReference", "kind", "name");
    required("core/v1 HostPathVolumeSource", "path");
    required("core/v1 GlusterfsVolumeSource", "endpoints", "path");
    required("core/v1 RBDVolumeSource", "monitors", "image");
    required("core/v1 CinderVolumeSource", "volumeID");
    required("core/v1 CephFSVolumeSource", "monitors");
    required("core/v1 GCEPersistentDiskVolumeSource", "pdName");
    required("core/v1 QuobyteVolumeSource", "registry", "volume");
    required("core/v1 FlexVolumeSource", "driver");
    required("core/v1 AWSElasticBlockStoreVolumeSource", "volumeID");
    required("core/v1 GitRepoVolumeSource", "repository");
    required("core/v1 NFSVolumeSource", "server", "path");
    required("core/v1 ISCSIVolumeSource", "targetPortal", "iqn", "lun");
    required("core/v1 AzureFileVolumeSource", "secretName", "shareName");
    required("core/v1 VsphereVirtualDiskVolumeSource", "volumePath");
    required("core/v1 PhotonPersistentDiskVolumeSource", "pdID");
    required("core/v1 AzureDiskVolumeSource", "diskName", "diskURI");
    required("core/v1 PortworxVolumeSource", "volumeID");
    required("core/v1 ScaleIOVolumeSource", "gateway", "system", "secretRef");
    required("core/v1 ServiceAccountTokenProjection", "path");
    required("core/v1 ClusterTrustBundleProjection", "path");
    required("core/v1 KeyToPath", "key", "path");
    required("core/v1 CSIVolumeSource", "driver");
    required("core/v1 PersistentVolumeClaimTemplate", "spec");
    required("core/v1 ContainerPort", "containerPort");
    required("core/v1 VolumeMount", "name", "mountPath");
    required("core/v1 VolumeDevice", "name", "devicePath");
    required("core/v1 EnvVar", "name");
    required("core/v1 ObjectFieldSelector", "fieldPath");
    required("core/v1 ResourceFieldSelector", "resource");
    required("core/v1 ConfigMapKeySelector", "key");
    required("core/v1 SecretKeySelector", "key");
    required("core/v1 HTTPHeader", "name", "value");
    required("core/v1 HTTPGetAction", "port");
    required("core/v1 TCPSocketAction", "port");
    required("core/v1 GRPCAction", "port");
    required("core/v1 SleepAction", "seconds");
    required("core/v1 ContainerResizePolicy", "resourceName", "restartPolicy");
    required("core/v1 ResourceClaim", "name");
    required("core/v1 Container", "name");
    required("core/v1 ContainerStateTerminated", "exitCode");
    required("core/v1 ContainerStatus", "name", "ready", "restartCount", "image", "imageID");
    required("core/v1 ResourceStatus", "name");
    required("core/v1 ResourceHealth", "resourceID");
    required("core/v1 LinuxContainerUser", "uid", "gid");
    required("core/v1 PodCondition", "type", "status");
    required("core/v1 VolumeMountStatus", "name", "mountPath");
    required("core/v1 NodeSelector", "nodeSelectorTerms");
    required("core/v1 NodeSelectorRequirement", "key", "operator");
    required("core/v1 WeightedPodAffinityTerm", "weight", "podAffinityTerm");
    required("core/v1 PodAffinityTerm", "topologyKey");
    required("core/v1 PreferredSchedulingTerm", "weight", "preference");
    required("core/v1 Taint", "key", "effect");
    required("core/v1 PodReadinessGate", "conditionType");
    required("core/v1 PodSpec", "containers");
    required("core/v1 PodResourceClaim", "name");
    required("core/v1 PodResourceClaimStatus", "name");
    required("core/v1 PodOS", "name");
    required("core/v1 PodSchedulingGate", "name");
    required("core/v1 TopologySpreadConstraint", "maxSkew", "topologyKey", "whenUnsatisfiable");
    required("core/v1 HostAlias", "ip");
    required("core/v1 SeccompProfile", "type");
    required("core/v1 AppArmorProfile", "type");
    required("core/v1 PodIP", "ip");
    required("core/v1 HostIP", "ip");
    required("core/v1 ServicePort", "port");
    required("core/v1 EndpointAddress", "ip");
    required("core/v1 EndpointPort", "port");
    required("core/v1 ConfigMapNodeConfigSource", "namespace", "name", "kubeletConfigKey");
    required("core/v1 DaemonEndpoint", "Port");
    required("core/v1 NodeSystemInfo",
        "machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture");
    required("core/v1 AttachedVolume", "name", "devicePath");
    required("core/v1 NodeCondition", "type", "status");
    required("core/v1 NodeAddress", "type", "address");
    required("core/v1 NamespaceCondition", "type", "status");
    required("core/v1 TypedLocalObjectReference", "kind", "name");
    required("core/v1 Event", "metadata", "involvedObject");
    required("core/v1 DownwardAPIVolumeFile", "path");
    required("core/v1 Sysctl", "name", "value");
    required("core/v1 PortStatus", "port", "protocol");
    required("apps/v1 DeploymentSpec", "selector", "template");
    required("apps/v1 DeploymentCondition", "type", "status");
    required("apps/v1 ReplicaSetSpec", "selector");
    required("apps/v1 ReplicaSetStatus", "replicas");
    required("apps/v1 ReplicaSetCondition", "type", "status");
    required("scheduling/v1 PriorityClass", "value");
    required("policy/v1 PodDisruptionBudgetStatus", "disruptionsAllowed", "currentHealthy",
        "desiredHealthy", "expectedPods");
    required("core/v1 ReplicationControllerCondition", "type", "status");
    required("discovery/v1 EndpointSlice", "addressType", "endpoints");
    required("discovery/v1 Endpoint", "addresses");
    required("discovery/v1 ForZone", "name");
    required("discovery/v1 ForNode", "name");
    required("autoscaling/v2 HorizontalPodAutoscalerSpec", "scaleTargetRef", "maxReplicas");
    required("autoscaling/v2 CrossVersionObjectReference", "kind", "name");
    required("autoscaling/v2 MetricSpec", "type");
    required("autoscaling/v2 MetricStatus", "type");
    required("autoscaling/v2 MetricTarget", "type");
    required("autoscaling/v2 ResourceMetricSource", "name", "target");
    required("autoscaling/v2 ResourceMetricStatus", "name", "current");
    required("autoscaling/v2 HPAScalingPolicy", "type", "value", "periodSeconds");
    required("autoscaling/v2 HorizontalPodAutoscalerStatus", "desiredReplicas");
    required("autoscaling/v2 HorizontalPodAutoscalerCondition", "type", "status");
    required("meta/v1 OwnerReference", "apiVersion", "kind", "name", "uid");
    required("meta/v1 LabelSelectorRequirement", "key", "operator");
    required("meta/v1 Condition", "type", "status", "lastTransitionTime", "reason", "message");
    required("core/v1 VolumeHealthCondition", "status", "reason");
    required("core/v1 PodVolumeHealth", "name");
    required("core/v1 PodCertificateProjection", "signerName", "keyType");
    required("core/v1 FileKeySelector", "volumeName", "path", "key");
    required("core/v1 ImageVolumeStatus", "imageRef");
    required("core/v1 ContainerRestartRule", "action");
    required("core/v1 ContainerRestartRuleOnExitCodes", "operator");
    required("core/v1 PodExtendedResourceClaimStatus", "requestMappings", "resourceClaimName");
    required("core/v1 ContainerExtendedResourceRequest",
        "containerName", "resourceName", "requestName");
    required("core/v1 EvictionResponder", "name", "priority");
    required("core/v1 NodeAllocatableResourceClaimStatus", "resourceClaimName");
    required("core/v1 NodeAllocatableMappedResources", "name", "quantity");
    required("core/v1 NodeAllocatableOverheadResources", "name");

    describe("core/v1 Namespace", "Namespace provides a scope for names: every object of a "
        + "namespaced kind lives in exactly one namespace.");
    describe("core/v1 Pod", "Pod is a group of containers scheduled together onto one node, "
        + "sharing its network identity and volumes.");
    describe("core/v1 Node", "Node is a machine that runs pods; its node agent reports its "
        + "capacity and conditions in status.");
    describe("core/v1 Service", "Service gives a stable name and virtual address to the pods a "
        + "label selector chooses.");
    describe("core/v1 Endpoints", "Endpoints lists the addresses and ports that implement a "
        + "Service.");
    describe("core/v1 ConfigMap", "ConfigMap holds non-confidential configuration as key-value "
        + "pairs for pods to consume.");
    describe("core/v1 Secret", "Secret holds sensitive data such as passwords, tokens or keys; "
        + "data values are base64-encoded.");
    describe("core/v1 Event", "Event reports something that happened to an object in the "
        + "cluster.");
    describe("core/v1 ServiceAccount", "ServiceAccount is an identity for processes that run "
        + "in pods.");
    describe("apps/v1 Deployment", "Deployment declares the desired state of a set of "
        + "replicated pods and rolls changes out through ReplicaSets.");
    describe("apps/v1 ReplicaSet", "ReplicaSet keeps a given number of replicas of a pod "
        + "template running.");
    describe("core/v1 ReplicationController", "ReplicationController keeps a given number of "
        + "replicas of a pod template running; the ReplicaSet's predecessor.");
    describe("discovery/v1 EndpointSlice", "EndpointSlice lists a subset of the endpoints that "
        + "implement a Service.");
    describe("autoscaling/v2 HorizontalPodAutoscaler", "HorizontalPodAutoscaler scales a "
        + "workload's replicas to keep its pods' metrics at a target.");
    describe("coordination/v1 Lease", "Lease is a lightweight lock, used for leader election "
        + "and node heartbeats.");
    describe("scheduling/v1 PriorityClass", "PriorityClass maps a priority class name to the "
        + "integer priority of the pods that name it.");
    describe("policy/v1 PodDisruptionBudget", "PodDisruptionBudget limits how many pods of a "
        + "collection voluntary disruptions may take down at once.");
    describe("meta/v1 ObjectMeta", "ObjectMeta is the metadata every persisted object carries: "
        + "name, namespace, labels, annotations, and what the server records about it.");
    describe("meta/v1 ListMeta", "ListMeta is the metadata of a list: its resourceVersion and "
        + "the continue token of a paged list.");
    describe("meta/v1 Status", "Status is the result of an operation that returns no object, "
        + "and the body of every error.");
    describe("meta/v1 DeleteOptions", "DeleteOptions may be sent with a DELETE request.");
    describe("meta/v1 WatchEvent", "WatchEvent is one event of a watch stream: its type and "
        + "the object it concerns.");
    describe("meta/v1 Patch", "Patch is the body of a PATCH request; its format is given by the "
        + "Content-Type.");
    describe("meta/v1 FieldsV1", "FieldsV1 is the set of fields a manager owns, in the format "
        + "of server-side apply.");
    describe("meta/v1 Time", "Time is a timestamp in RFC 3339 format, to the second.");
    describe("meta/v1 MicroTime", "MicroTime is a timestamp in RFC 3339 format with "
        + "microseconds.");
    DESCRIPTIONS.put(ScalarSchema.INT_OR_STRING.definitionName(), "IntOrString holds either an "
        + "integer or a string (a port number or name, a count or a percentage).");
    DESCRIPTIONS.put(ScalarSchema.QUANTITY.definitionName(), "Quantity is a fixed-point number "
        + "with an optional suffix: 100m, 1.5, 2Gi, 1e3.");
    DESCRIPTIONS.put(DefinitionNames.RAW_EXTENSION, "RawExtension holds any object, kept as "
        + "the JSON it was sent as.");
  }

  /** Descriptions of the fields every top-level object has. */
  private static final Map<String, String> COMMON_FIELDS = Map.of(
      "apiVersion", "The versioned schema of this object: group/version, or the version alone "
          + "for the core group.",
      "kind", "The kind of this object, in CamelCase.",
      "metadata", "Standard object metadata.",
      "spec", "The desired state of the object.",
      "status", "The most recently observed state of the object. Read-only for clients; "
          + "written through the status subresource.");

  /** The named scalar a field stands for, or null when its Java type says it all. */
  static ScalarSchema scalar(String definitionName, String field) {
    return SCALARS.get(definitionName + "." + field);
  }

  /** The definition of a field typed as any JSON, or null when it is anonymous. */
  static String freeForm(String definitionName, String field) {
    return FREE_FORM.get(definitionName + "." + field);
  }

  static List<String> required(String definitionName) {
    return REQUIRED.getOrDefault(definitionName, List.of());
  }

  static String description(String definitionName) {
    return DESCRIPTIONS.getOrDefault(definitionName, "");
  }

  /** Documentation of a field of an API object (a Pod), "" for fields of its own. */
  static String objectFieldDescription(String field) {
    return COMMON_FIELDS.getOrDefault(field, "");
  }

  /** Documentation of a field of a list (a PodList). */
  static String listFieldDescription(String field) {
    return switch (field) {
      case "items" -> "The objects of the list.";
      case "metadata" -> "Standard list metadata: resourceVersion and the continue token.";
      default -> COMMON_FIELDS.getOrDefault(field, "");
    };
  }

  private static void time(String where) {
    SCALARS.put(PatchFacts.key(where), ScalarSchema.TIME);
  }

  private static void microTime(String where) {
    SCALARS.put(PatchFacts.key(where), ScalarSchema.MICRO_TIME);
  }

  private static void required(String type, String... fields) {
    REQUIRED.put(PatchFacts.type(type), List.of(fields));
  }

  private static void describe(String type, String text) {
    DESCRIPTIONS.put(PatchFacts.type(type), text);
  }
}
