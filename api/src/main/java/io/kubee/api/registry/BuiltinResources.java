package io.kubee.api.registry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubee.api.registry.ResourceType.NameRule;
import java.util.List;
import java.util.Map;

/**
 * The resources served out of the box, with the names, scopes, field selectors and registry
 * flags Kubernetes 1.32 gives them (see each resource's {@code pkg/registry/.../storage} and
 * {@code strategy.go}).
 */
final class BuiltinResources {
  private BuiltinResources() {}

  static final ResourceType NAMESPACES = ResourceType.builder("", "v1", "Namespace", "namespaces")
      .clusterScoped().shortNames("ns").model(Namespace.class)
      .subresources("status", "finalize").returnDeletedObject()
      .nameRule(NameRule.DNS1123_LABEL).noDeleteCollection()
      .fieldLabels(Map.of("status.phase", "/status/phase"))
      .build();

  static final ResourceType PODS = ResourceType.builder("", "v1", "Pod", "pods")
      .shortNames("po").categories("all").model(Pod.class)
      .subresources("status", "binding", "eviction", "log", "exec", "attach", "portforward",
          "proxy")
      .returnDeletedObject()
      .fieldLabels(Map.of(
          "spec.nodeName", "/spec/nodeName",
          "spec.restartPolicy", "/spec/restartPolicy",
          "spec.schedulerName", "/spec/schedulerName",
          "spec.serviceAccountName", "/spec/serviceAccountName",
          "spec.hostNetwork", "/spec/hostNetwork",
          "status.phase", "/status/phase",
          "status.podIP", "/status/podIP",
          "status.nominatedNodeName", "/status/nominatedNodeName"))
      .build();

  static final ResourceType NODES = ResourceType.builder("", "v1", "Node", "nodes")
      .clusterScoped().shortNames("no").model(Node.class)
      .subresources("status", "proxy")
      .fieldLabels(Map.of("spec.unschedulable", "/spec/unschedulable"))
      .build();

  static final ResourceType SERVICES = ResourceType.builder("", "v1", "Service", "services")
      .shortNames("svc").categories("all").model(Service.class)
      .subresources("status", "proxy").allowCreateOnUpdate().returnDeletedObject()
      .nameRule(NameRule.DNS1035_LABEL)
      .fieldLabels(Map.of("spec.clusterIP", "/spec/clusterIP", "spec.type", "/spec/type"))
      .build();

  static final ResourceType ENDPOINTS = ResourceType.builder("", "v1", "Endpoints", "endpoints")
      .shortNames("ep").model(Endpoints.class).allowCreateOnUpdate()
      .build();

  static final ResourceType CONFIGMAPS = ResourceType.builder("", "v1", "ConfigMap", "configmaps")
      .shortNames("cm").model(ConfigMap.class)
      .build();

  static final ResourceType SECRETS = ResourceType.builder("", "v1", "Secret", "secrets")
      .model(Secret.class)
      .fieldLabels(Map.of("type", "/type"))
      .build();

  static final ResourceType EVENTS = ResourceType.builder("", "v1", "Event", "events")
      .shortNames("ev").model(Event.class).allowCreateOnUpdate()
      .ttlSeconds(3600).nameRule(NameRule.PATH_SEGMENT)
      .fieldLabels(Map.ofEntries(
          Map.entry("involvedObject.kind", "/involvedObject/kind"),
          Map.entry("involvedObject.namespace", "/involvedObject/namespace"),
          Map.entry("involvedObject.name", "/involvedObject/name"),
          Map.entry("involvedObject.uid", "/involvedObject/uid"),
          Map.entry("involvedObject.apiVersion", "/involvedObject/apiVersion"),
          Map.entry("involvedObject.resourceVersion", "/involvedObject/resourceVersion"),
          Map.entry("involvedObject.fieldPath", "/involvedObject/fieldPath"),
          Map.entry("reason", "/reason"),
          Map.entry("reportingComponent", "/reportingComponent"),
          Map.entry("source", "/source/component"),
          Map.entry("type", "/type")))
      .build();

  static final ResourceType SERVICE_ACCOUNTS =
      ResourceType.builder("", "v1", "ServiceAccount", "serviceaccounts")
          .shortNames("sa").model(ServiceAccount.class).allowCreateOnUpdate()
          .build();

  static final ResourceType DEPLOYMENTS =
      ResourceType.builder("apps", "v1", "Deployment", "deployments")
          .shortNames("deploy").categories("all").model(Deployment.class)
          .subresources("status", "scale").tracksGeneration()
          .build();

  static final ResourceType REPLICA_SETS =
      ResourceType.builder("apps", "v1", "ReplicaSet", "replicasets")
          .shortNames("rs").categories("all").model(ReplicaSet.class)
          .subresources("status", "scale").tracksGeneration()
          .fieldLabels(Map.of("status.replicas", "/status/replicas"))
          .build();

  static final ResourceType LEASES =
      ResourceType.builder("coordination.k8s.io", "v1", "Lease", "leases")
          .model(Lease.class).allowCreateOnUpdate()
          .build();

  static final ResourceType REPLICATION_CONTROLLERS =
      ResourceType.builder("", "v1", "ReplicationController", "replicationcontrollers")
          .shortNames("rc").categories("all").model(ReplicationController.class)
          .subresources("status", "scale").tracksGeneration()
          .fieldLabels(Map.of("status.replicas", "/status/replicas"))
          .build();

  static final ResourceType ENDPOINT_SLICES =
      ResourceType.builder("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices")
          .model(EndpointSlice.class)
          .build();

  static final ResourceType HORIZONTAL_POD_AUTOSCALERS =
      ResourceType.builder("autoscaling", "v2", "HorizontalPodAutoscaler",
              "horizontalpodautoscalers")
          .shortNames("hpa").categories("all").model(HorizontalPodAutoscaler.class)
          .subresources("status")
          .build();

  static final ResourceType PRIORITY_CLASSES =
      ResourceType.builder("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses")
          .clusterScoped().shortNames("pc").model(PriorityClass.class)
          .build();

  static final ResourceType POD_DISRUPTION_BUDGETS =
      ResourceType.builder("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets")
          .shortNames("pdb").model(PodDisruptionBudget.class)
          .subresources("status").tracksGeneration()
          .build();

  static List<ResourceType> all() {
    return List.of(NAMESPACES, PODS, NODES, SERVICES, ENDPOINTS, CONFIGMAPS, SECRETS, EVENTS,
        SERVICE_ACCOUNTS, DEPLOYMENTS, REPLICA_SETS, LEASES, REPLICATION_CONTROLLERS,
        ENDPOINT_SLICES, HORIZONTAL_POD_AUTOSCALERS,
        PRIORITY_CLASSES, POD_DISRUPTION_BUDGETS);
  }
}
