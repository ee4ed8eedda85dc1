package io.kubee.api.validation;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.validation.field.FieldErrors;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates API objects as Kubernetes' registry strategies do before an object is stored: the
 * metadata rules every object follows, then the rules of its kind (pods, services, nodes,
 * namespaces, configmaps, secrets, events, endpoints, serviceaccounts, leases, and the apps/v1
 * deployments and replicasets). Kinds it does not know get the metadata rules only.
 *
 * <p>Callers apply {@link io.kubee.api.defaults.Defaulter} first, as Kubernetes decodes with
 * defaulting: fields Kubernetes defaults (a pod's restartPolicy, a container's imagePullPolicy...)
 * are required here. Causes carry Kubernetes' field paths, reasons and messages; an empty list
 * means valid, and the caller answers 422 with {@code Errors.invalid}. The caller also enforces
 * what it owns on update: immutable name, namespace, uid and creationTimestamp, the resourceVersion
 * precondition, generation, and clearing the namespace of cluster-scoped objects before
 * validation (a namespace left on a Node is reported as Forbidden).
 *
 * <p>Stateless and thread-safe.
 */
public final class ObjectValidator {
  /** The default {@code --service-node-port-range} of kube-apiserver. */
  public static final int DEFAULT_NODE_PORT_MIN = 30000;
  public static final int DEFAULT_NODE_PORT_MAX = 32767;

  private final int nodePortMin;
  private final int nodePortMax;

  public ObjectValidator() {
    this(DEFAULT_NODE_PORT_MIN, DEFAULT_NODE_PORT_MAX);
  }

  /** With the range a Service's {@code nodePort}s must fall in. */
  public ObjectValidator(int nodePortMin, int nodePortMax) {
    this.nodePortMin = nodePortMin;
    this.nodePortMax = nodePortMax;
  }

  /** The problems of an object about to be created; empty when it is valid. */
  public List<StatusCause> validateCreate(ResourceType type, ObjectNode obj) {
    FieldErrors errs = new FieldErrors();
    String kind = kind(type);
    if (kind.equals("/Event")) {
      // core/v1 events get the legacy event checks, then the generic metadata pass
      EventValidation.validate(obj, errs);
      MetadataValidation.create(obj, type, errs);
      return errs.causes();
    }
    MetadataValidation.create(obj, type, errs);
    switch (kind) {
      case "/Pod" -> PodValidation.create(obj, errs);
      case "/Service" -> ServiceValidation.validate(obj, nodePortMin, nodePortMax, errs);
      case "/Node" -> NodeValidation.validate(obj, errs);
      case "/Namespace" -> NamespaceValidation.validate(obj, false, errs);
      case "/ConfigMap" -> ConfigMapValidation.validate(obj, errs);
      case "/Secret" -> SecretValidation.validate(obj, errs);
      case "/Endpoints" -> EndpointsValidation.validate(obj, errs);
      case "apps/Deployment" -> WorkloadValidation.deployment(obj, errs);
      case "apps/ReplicaSet" -> WorkloadValidation.replicaSet(obj, errs);
      case "coordination.k8s.io/Lease" -> LeaseValidation.validate(obj, errs);
      case "/ReplicationController" -> ControllerKindValidation.replicationController(obj, errs);
      case "discovery.k8s.io/EndpointSlice" -> ControllerKindValidation.endpointSlice(obj, errs);
      case "autoscaling/HorizontalPodAutoscaler" ->
          ControllerKindValidation.horizontalPodAutoscaler(obj, errs);
      case "scheduling.k8s.io/PriorityClass" -> SchedulingPolicyValidation.priorityClass(obj, errs);
      case "policy/PodDisruptionBudget" -> SchedulingPolicyValidation.podDisruptionBudget(obj, errs);
      default -> { } // ServiceAccount and unknown kinds: metadata only
    }
    return errs.causes();
  }

  /**
   * The problems of replacing {@code old} (as stored) with {@code obj}; empty when the update is
   * valid. Both are non-null and already defaulted.
   */
  public List<StatusCause> validateUpdate(ResourceType type, ObjectNode obj, ObjectNode old) {
    FieldErrors errs = new FieldErrors();
    String kind = kind(type);
    MetadataValidation.update(obj, old, errs);
    switch (kind) {
      case "/Pod" -> PodValidation.update(obj, old, errs);
      case "/Service" -> {
        ServiceValidation.update(obj, old, errs);
        ServiceValidation.validate(obj, nodePortMin, nodePortMax, errs);
      }
      case "/Node" -> NodeValidation.update(obj, old, errs);
      case "/ConfigMap" -> {
        ConfigMapValidation.update(obj, old, errs);
        ConfigMapValidation.validate(obj, errs);
      }
      case "/Secret" -> {
        SecretValidation.update(obj, old, errs);
        SecretValidation.validate(obj, errs);
      }
      case "/Event" -> EventValidation.validate(obj, errs);
      case "/Endpoints" -> EndpointsValidation.validate(obj, errs);
      case "apps/Deployment" -> {
        WorkloadValidation.deployment(obj, errs);
        WorkloadValidation.selectorUpdate(obj, old, errs);
      }
      case "apps/ReplicaSet" -> {
        WorkloadValidation.replicaSet(obj, errs);
        WorkloadValidation.selectorUpdate(obj, old, errs);
      }
      case "coordination.k8s.io/Lease" -> LeaseValidation.validate(obj, errs);
      case "/ReplicationController" -> ControllerKindValidation.replicationController(obj, errs);
      case "discovery.k8s.io/EndpointSlice" -> {
        ControllerKindValidation.endpointSlice(obj, errs);
        ControllerKindValidation.endpointSliceUpdate(obj, old, errs);
      }
      case "autoscaling/HorizontalPodAutoscaler" ->
          ControllerKindValidation.horizontalPodAutoscaler(obj, errs);
      case "scheduling.k8s.io/PriorityClass" -> {
        SchedulingPolicyValidation.priorityClass(obj, errs);
        SchedulingPolicyValidation.priorityClassUpdate(obj, old, errs);
      }
      case "policy/PodDisruptionBudget" -> SchedulingPolicyValidation.podDisruptionBudget(obj, errs);
      default -> { } // Namespace, ServiceAccount and unknown kinds: metadata only
    }
    return errs.causes();
  }

  private static String kind(ResourceType type) {
    return type.group() + "/" + type.kind();
  }
}
