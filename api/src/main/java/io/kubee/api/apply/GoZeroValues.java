package io.kubee.api.apply;

import io.kubee.api.registry.ResourceType;
import io.kubee.api.schema.ModelSchema;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields a Go object of Kubernetes' API types always has, empty or not: structs held by
 * value ({@code spec}, {@code template}, a container's {@code resources}) and fields without
 * {@code omitempty}, as structured-merge-diff reads a typed Go object by reflection. Kubernetes
 * compares the old and new objects of a write in that form, and creates start from the Go zero
 * value ({@code scope.Creater.New}), so that a created object owns {@code f:spec.f:replicas}
 * but not {@code f:spec} itself, while a new label map or container is owned with
 * {@code "."}. Kubee stores objects without these empty fields; comparisons see them through
 * {@link #overlay}.
 *
 * <p>The facts are the direct fields of each type reachable from the served kinds, as
 * {@code types.go} of {@code k8s.io/api} core/v1, apps/v1, coordination/v1 and
 * {@code k8s.io/apimachinery} meta/v1 declare them (types without such fields have no row):
 * null for pointers, slices and maps without {@code omitempty}, the zero scalar for scalars
 * without it ("", 0, false; "0" for a Quantity), and {@code {}} for structs held by value
 * (filled in turn from their own row). Immutable.
 */
final class GoZeroValues {
  private GoZeroValues() {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, ObjectNode> ZERO = new HashMap<>();

  static {
    zero("apps/v1 Deployment", "{'metadata':{},'spec':{},'status':{}}");
    zero("apps/v1 DeploymentCondition", "{'lastTransitionTime':null,'lastUpdateTime':null,'status':'','type':''}");
    zero("apps/v1 DeploymentSpec", "{'selector':null,'strategy':{},'template':{}}");
    zero("apps/v1 ReplicaSet", "{'metadata':{},'spec':{},'status':{}}");
    zero("apps/v1 ReplicaSetCondition", "{'lastTransitionTime':null,'status':'','type':''}");
    zero("apps/v1 ReplicaSetSpec", "{'selector':null,'template':{}}");
    zero("apps/v1 ReplicaSetStatus", "{'replicas':0}");
    zero("autoscaling/v2 CrossVersionObjectReference", "{'kind':'','name':''}");
    zero("autoscaling/v2 HPAScalingPolicy", "{'periodSeconds':0,'type':'','value':0}");
    zero("autoscaling/v2 HorizontalPodAutoscaler", "{'metadata':{},'spec':{},'status':{}}");
    zero("autoscaling/v2 HorizontalPodAutoscalerCondition", "{'lastTransitionTime':null,'status':'','type':''}");
    zero("autoscaling/v2 HorizontalPodAutoscalerSpec", "{'maxReplicas':0,'scaleTargetRef':{}}");
    zero("autoscaling/v2 HorizontalPodAutoscalerStatus", "{'currentMetrics':null,'desiredReplicas':0}");
    zero("autoscaling/v2 MetricSpec", "{'type':''}");
    zero("autoscaling/v2 MetricTarget", "{'type':''}");
    zero("autoscaling/v2 ResourceMetricSource", "{'name':'','target':{}}");
    zero("coordination/v1 Lease", "{'metadata':{},'spec':{}}");
    zero("core/v1 AWSElasticBlockStoreVolumeSource", "{'volumeID':''}");
    zero("core/v1 AppArmorProfile", "{'type':''}");
    zero("core/v1 AttachedVolume", "{'devicePath':'','name':''}");
    zero("core/v1 AzureDiskVolumeSource", "{'diskName':'','diskURI':''}");
    zero("core/v1 AzureFileVolumeSource", "{'secretName':'','shareName':''}");
    zero("core/v1 CSIVolumeSource", "{'driver':''}");
    zero("core/v1 CephFSVolumeSource", "{'monitors':null}");
    zero("core/v1 CinderVolumeSource", "{'volumeID':''}");
    zero("core/v1 ClusterTrustBundleProjection", "{'path':''}");
    zero("core/v1 ConfigMap", "{'metadata':{}}");
    zero("core/v1 ConfigMapKeySelector", "{'key':''}");
    zero("core/v1 ConfigMapNodeConfigSource", "{'kubeletConfigKey':'','name':'','namespace':''}");
    zero("core/v1 Container", "{'name':'','resources':{}}");
    zero("core/v1 ContainerExtendedResourceRequest", "{'containerName':'','requestName':'','resourceName':''}");
    zero("core/v1 ContainerImage", "{'names':null}");
    zero("core/v1 ContainerPort", "{'containerPort':0}");
    zero("core/v1 ContainerResizePolicy", "{'resourceName':'','restartPolicy':''}");
    zero("core/v1 ContainerStateRunning", "{'startedAt':null}");
    zero("core/v1 ContainerStateTerminated", "{'exitCode':0,'finishedAt':null,'startedAt':null}");
    zero("core/v1 ContainerStatus", "{'image':'','imageID':'','lastState':{},'name':'','ready':false,'restartCount':0,'state':{}}");
    zero("core/v1 DaemonEndpoint", "{'Port':0}");
    zero("core/v1 DownwardAPIVolumeFile", "{'path':''}");
    zero("core/v1 EndpointAddress", "{'ip':''}");
    zero("core/v1 EndpointPort", "{'port':0}");
    zero("core/v1 Endpoints", "{'metadata':{}}");
    zero("core/v1 EnvVar", "{'name':''}");
    zero("core/v1 EphemeralContainer", "{'name':'','resources':{}}");
    zero("core/v1 Event", "{'eventTime':null,'firstTimestamp':null,'involvedObject':{},'lastTimestamp':null,'metadata':{},'reportingComponent':'','reportingInstance':'','source':{}}");
    zero("core/v1 EventSeries", "{'lastObservedTime':null}");
    zero("core/v1 EvictionResponder", "{'name':'','priority':null}");
    zero("core/v1 FileKeySelector", "{'key':'','path':'','volumeName':''}");
    zero("core/v1 FlexVolumeSource", "{'driver':''}");
    zero("core/v1 GCEPersistentDiskVolumeSource", "{'pdName':''}");
    zero("core/v1 GRPCAction", "{'port':0,'service':null}");
    zero("core/v1 GitRepoVolumeSource", "{'repository':''}");
    zero("core/v1 GlusterfsVolumeSource", "{'endpoints':'','path':''}");
    zero("core/v1 HTTPGetAction", "{'port':0}");
    zero("core/v1 HTTPHeader", "{'name':'','value':''}");
    zero("core/v1 HostAlias", "{'ip':''}");
    zero("core/v1 HostIP", "{'ip':''}");
    zero("core/v1 HostPathVolumeSource", "{'path':''}");
    zero("core/v1 ISCSIVolumeSource", "{'iqn':'','lun':0,'targetPortal':''}");
    zero("core/v1 KeyToPath", "{'key':'','path':''}");
    zero("core/v1 LinuxContainerUser", "{'gid':0,'uid':0}");
    zero("core/v1 NFSVolumeSource", "{'path':'','server':''}");
    zero("core/v1 Namespace", "{'metadata':{},'spec':{},'status':{}}");
    zero("core/v1 NamespaceCondition", "{'lastTransitionTime':null,'status':'','type':''}");
    zero("core/v1 Node", "{'metadata':{},'spec':{},'status':{}}");
    zero("core/v1 NodeAddress", "{'address':'','type':''}");
    zero("core/v1 NodeAllocatableMappedResources", "{'name':'','quantity':null}");
    zero("core/v1 NodeAllocatableOverheadResources", "{'name':''}");
    zero("core/v1 NodeAllocatableResourceClaimStatus", "{'resourceClaimName':''}");
    zero("core/v1 NodeCondition", "{'lastHeartbeatTime':null,'lastTransitionTime':null,'status':'','type':''}");
    zero("core/v1 NodeDaemonEndpoints", "{'kubeletEndpoint':{}}");
    zero("core/v1 NodeRuntimeHandler", "{'name':''}");
    zero("core/v1 NodeSelector", "{'nodeSelectorTerms':null}");
    zero("core/v1 NodeSelectorRequirement", "{'key':'','operator':''}");
    zero("core/v1 NodeStatus", "{'daemonEndpoints':{},'nodeInfo':{}}");
    zero("core/v1 NodeSystemInfo", "{'architecture':'','bootID':'','containerRuntimeVersion':'','kernelVersion':'','kubeProxyVersion':'','kubeletVersion':'','machineID':'','operatingSystem':'','osImage':'','systemUUID':''}");
    zero("core/v1 ObjectFieldSelector", "{'fieldPath':''}");
    zero("core/v1 PersistentVolumeClaimSpec", "{'resources':{}}");
    zero("core/v1 PersistentVolumeClaimTemplate", "{'metadata':{},'spec':{}}");
    zero("core/v1 PersistentVolumeClaimVolumeSource", "{'claimName':''}");
    zero("core/v1 PhotonPersistentDiskVolumeSource", "{'pdID':''}");
    zero("core/v1 Pod", "{'metadata':{},'spec':{},'status':{}}");
    zero("core/v1 PodAffinityTerm", "{'topologyKey':''}");
    zero("core/v1 PodCondition", "{'lastProbeTime':null,'lastTransitionTime':null,'status':'','type':''}");
    zero("core/v1 PodExtendedResourceClaimStatus", "{'requestMappings':null,'resourceClaimName':''}");
    zero("core/v1 PodIP", "{'ip':''}");
    zero("core/v1 PodOS", "{'name':''}");
    zero("core/v1 PodReadinessGate", "{'conditionType':''}");
    zero("core/v1 PodResourceClaim", "{'name':''}");
    zero("core/v1 PodResourceClaimStatus", "{'name':''}");
    zero("core/v1 PodSchedulingGate", "{'name':''}");
    zero("core/v1 PodSpec", "{'containers':null}");
    zero("core/v1 PodTemplateSpec", "{'metadata':{},'spec':{}}");
    zero("core/v1 PodVolumeHealth", "{'lastTransitionTime':null,'name':''}");
    zero("core/v1 PortStatus", "{'port':0,'protocol':''}");
    zero("core/v1 PortworxVolumeSource", "{'volumeID':''}");
    zero("core/v1 PreferredSchedulingTerm", "{'preference':{},'weight':0}");
    zero("core/v1 ProjectedVolumeSource", "{'sources':null}");
    zero("core/v1 QuobyteVolumeSource", "{'registry':'','volume':''}");
    zero("core/v1 RBDVolumeSource", "{'image':'','monitors':null}");
    zero("core/v1 ReplicationController", "{'metadata':{},'spec':{},'status':{}}");
    zero("core/v1 ReplicationControllerCondition", "{'lastTransitionTime':null,'status':'','type':''}");
    zero("core/v1 ReplicationControllerStatus", "{'replicas':0}");
    zero("core/v1 ResourceClaim", "{'name':''}");
    zero("core/v1 ResourceFieldSelector", "{'divisor':'0','resource':''}");
    zero("core/v1 ResourceHealth", "{'resourceID':''}");
    zero("core/v1 ResourceStatus", "{'name':''}");
    zero("core/v1 ScaleIOVolumeSource", "{'gateway':'','secretRef':null,'system':''}");
    zero("core/v1 SeccompProfile", "{'type':''}");
    zero("core/v1 Secret", "{'metadata':{}}");
    zero("core/v1 SecretKeySelector", "{'key':''}");
    zero("core/v1 Service", "{'metadata':{},'spec':{},'status':{}}");
    zero("core/v1 ServiceAccount", "{'metadata':{}}");
    zero("core/v1 ServiceAccountTokenProjection", "{'path':''}");
    zero("core/v1 ServicePort", "{'port':0,'targetPort':0}");
    zero("core/v1 ServiceStatus", "{'loadBalancer':{}}");
    zero("core/v1 SleepAction", "{'seconds':0}");
    zero("core/v1 Sysctl", "{'name':'','value':''}");
    zero("core/v1 TCPSocketAction", "{'port':0}");
    zero("core/v1 Taint", "{'effect':'','key':''}");
    zero("core/v1 TopologySpreadConstraint", "{'maxSkew':0,'topologyKey':'','whenUnsatisfiable':''}");
    zero("core/v1 TypedLocalObjectReference", "{'apiGroup':null,'kind':'','name':''}");
    zero("core/v1 TypedObjectReference", "{'apiGroup':null,'kind':'','name':''}");
    zero("core/v1 Volume", "{'name':''}");
    zero("core/v1 VolumeDevice", "{'devicePath':'','name':''}");
    zero("core/v1 VolumeHealthCondition", "{'reason':'','status':''}");
    zero("core/v1 VolumeMount", "{'mountPath':'','name':''}");
    zero("core/v1 VolumeMountStatus", "{'mountPath':'','name':''}");
    zero("core/v1 VsphereVirtualDiskVolumeSource", "{'volumePath':''}");
    zero("core/v1 WeightedPodAffinityTerm", "{'podAffinityTerm':{},'weight':0}");
    zero("discovery/v1 Endpoint", "{'addresses':null,'conditions':{}}");
    zero("discovery/v1 EndpointSlice", "{'addressType':'','endpoints':null,'metadata':{}}");
    zero("discovery/v1 ForNode", "{'name':''}");
    zero("discovery/v1 ForZone", "{'name':''}");
    zero("meta/v1 Condition", "{'lastTransitionTime':null,'message':'','reason':'','status':'','type':''}");
    zero("meta/v1 LabelSelectorRequirement", "{'key':'','operator':''}");
    zero("meta/v1 ObjectMeta", "{'creationTimestamp':null}");
    zero("meta/v1 OwnerReference", "{'apiVersion':'','kind':'','name':'','uid':''}");
    zero("policy/v1 PodDisruptionBudget", "{'metadata':{},'spec':{},'status':{}}");
    zero("policy/v1 PodDisruptionBudgetStatus", "{'currentHealthy':0,'desiredHealthy':0,'disruptionsAllowed':0,'expectedPods':0}");
    zero("scheduling/v1 PriorityClass", "{'metadata':{},'value':0}");
  }

  /**
   * The Go zero value of a served kind as structured-merge-diff reads it: what Kubernetes
   * compares a created object with.
   */
  static ObjectNode emptyObject(ResourceType type) {
    return (ObjectNode) overlay(JsonNodeFactory.instance.objectNode(),
        Shape.of(ModelSchema.forKind(type)));
  }

  /** A copy of {@code value} with the fields its Go type always has filled in where absent. */
  static JsonNode overlay(JsonNode value, Shape declared) {
    if (value == null || value.isNull()) {
      return value;
    }
    Shape shape = declared.deduce(value);
    if (!shape.accepts(value)) {
      return value.deepCopy();
    }
    switch (shape.kind()) {
      case STRUCT, MAP -> {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          Shape field = shape.field(e.getKey());
          copy.set(e.getKey(), overlay(e.getValue(), field == null ? Shape.UNTYPED : field));
        }
        ObjectNode zero = shape.kind() == Shape.Kind.STRUCT
            ? ZERO.get(shape.definitionName()) : null;
        if (zero != null) {
          for (Map.Entry<String, JsonNode> e : zero.properties()) {
            Shape field = shape.field(e.getKey());
            if (field != null && !copy.has(e.getKey())) {
              copy.set(e.getKey(), overlay(e.getValue().deepCopy(), field));
            }
          }
        }
        return copy;
      }
      case LIST -> {
        var copy = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : value.values()) {
          copy.add(overlay(item, shape.elements()));
        }
        return copy;
      }
      default -> {
        return value.deepCopy();
      }
    }
  }

  /** Every row, by definition name (for tests that hold it against the schema). */
  static Map<String, ObjectNode> facts() {
    return java.util.Collections.unmodifiableMap(ZERO);
  }

  private static void zero(String type, String json) {
    int space = type.indexOf(' ');
    String pkg = type.substring(0, space);
    String prefix = pkg.equals("meta/v1") ? "io.k8s.apimachinery.pkg.apis.meta.v1."
        : "io.k8s.api." + pkg.replace('/', '.') + ".";
    ZERO.put(prefix + type.substring(space + 1),
        (ObjectNode) JSON.readTree(json.replace('\'', '"')));
  }
}
