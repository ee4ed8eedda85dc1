package io.kubee.api.defaults;

import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills in the defaults Kubernetes gives API objects when it decodes them
 * ({@code pkg/apis/core/v1/defaults.go}, {@code pkg/apis/apps/v1/defaults.go} and the declarative
 * {@code +default} markers of {@code k8s.io/api}), in place, on the JSON tree.
 *
 * <p>{@link #apply} is what decoding does and is safe on every write: it only fills fields that
 * are absent, so applying it twice changes nothing. {@link #applyOnCreate} and
 * {@link #applyOnUpdate} add the few values Kubernetes' registry strategies set at those moments
 * rather than in defaulting (a namespace's "kubernetes" finalizer, which the namespace controller
 * later removes and defaulting must not put back; a Service's allocated fields carried over from
 * the stored object). Stateless and thread-safe.
 */
public final class Defaulter {
  private Defaulter() {}

  /** Applies the decoding defaults of {@code type} to {@code obj}, in place. Idempotent. */
  public static void apply(ResourceType type, ObjectNode obj) {
    switch (type.group() + "/" + type.kind()) {
      case "/Pod" -> PodDefaults.podSpec(Nodes.ensureObject(obj, "spec"), true);
      case "/Service" -> service(obj);
      case "/Secret" -> Nodes.putIfAbsent(obj, "type", "Opaque");
      case "/Namespace" -> namespace(obj);
      case "/Node" -> node(obj);
      case "/Endpoints" -> {
        for (ObjectNode subset : Nodes.objects(obj, "subsets")) {
          for (ObjectNode port : Nodes.objects(subset, "ports")) {
            Nodes.putIfAbsent(port, "protocol", "TCP");
          }
        }
      }
      case "apps/Deployment" -> deployment(obj);
      case "apps/ReplicaSet" -> replicaSet(obj);
      case "/ReplicationController" -> ControllerKindDefaults.replicationController(obj);
      case "discovery.k8s.io/EndpointSlice" -> ControllerKindDefaults.endpointSlice(obj);
      case "autoscaling/HorizontalPodAutoscaler" ->
          ControllerKindDefaults.horizontalPodAutoscaler(obj);
      // SetDefaults_PriorityClass
      case "scheduling.k8s.io/PriorityClass" ->
          Nodes.putIfAbsent(obj, "preemptionPolicy", "PreemptLowerPriority");
      default -> { } // events, leases, configmaps, serviceaccounts: nothing to default
    }
  }

  /**
   * {@link #apply}, then what Kubernetes' strategies set when the object is created: a
   * namespace's "kubernetes" finalizer, a Service's {@code clusterIPs} from its {@code clusterIP}.
   */
  public static void applyOnCreate(ResourceType type, ObjectNode obj) {
    apply(type, obj);
    if (type.group().isEmpty() && type.kind().equals("Service")) {
      ObjectNode spec = Nodes.ensureObject(obj, "spec");
      // an old client gives only clusterIP; the plural field is derived from it
      if (!Nodes.text(spec, "clusterIP").isEmpty()
          && (!Nodes.has(spec, "clusterIPs") || spec.get("clusterIPs").isEmpty())) {
        spec.putArray("clusterIPs").add(Nodes.text(spec, "clusterIP"));
      }
    }
    if (type.group().isEmpty() && type.kind().equals("Namespace")) {
      ObjectNode spec = Nodes.ensureObject(obj, "spec");
      JsonNode finalizers = spec.get("finalizers");
      ArrayNode list = finalizers instanceof ArrayNode a ? a : spec.putArray("finalizers");
      boolean present = false;
      for (JsonNode f : list) {
        present |= f.isString() && f.asString().equals("kubernetes");
      }
      if (!present) {
        list.add("kubernetes");
      }
    }
  }

  /**
   * {@link #apply} to an object replacing {@code old}, after carrying over what the user may omit
   * on a replace because the apiserver allocated it: a Service's cluster IPs, IP families and
   * policy, node ports and health check node port (Kubernetes' {@code patchAllocatedValues}).
   */
  public static void applyOnUpdate(ResourceType type, ObjectNode obj, ObjectNode old) {
    if (old != null && type.group().isEmpty() && type.kind().equals("Service")) {
      carryOverAllocated(Nodes.ensureObject(obj, "spec"), Nodes.object(old, "spec"));
    }
    apply(type, obj);
  }

  // ---- core/v1 ----

  private static void service(ObjectNode obj) {
    ObjectNode spec = Nodes.ensureObject(obj, "spec");
    Nodes.putIfAbsent(spec, "sessionAffinity", "None");
    String affinity = Nodes.text(spec, "sessionAffinity");
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP")) {
      ObjectNode clientIp = Nodes.object(Nodes.object(spec, "sessionAffinityConfig"), "clientIP");
      if (clientIp == null || !Nodes.has(clientIp, "timeoutSeconds")) {
        spec.putObject("sessionAffinityConfig").putObject("clientIP")
            .put("timeoutSeconds", 10800);
      }
    }
    Nodes.putIfAbsent(spec, "type", "ClusterIP");
    String type = Nodes.text(spec, "type");
    for (ObjectNode port : Nodes.objects(spec, "ports")) {
      Nodes.putIfAbsent(port, "protocol", "TCP");
      JsonNode target = port.get("targetPort");
      boolean unset = target == null || target.isNull()
          || (target.isNumber() && target.asLong(0) == 0)
          || (target.isString() && target.asString().isEmpty());
      if (unset && Nodes.has(port, "port")) {
        port.set("targetPort", port.get("port").deepCopy());
      }
    }
    boolean externallyAccessible = type.equals("LoadBalancer") || type.equals("NodePort")
        || (type.equals("ClusterIP") && Nodes.has(spec, "externalIPs")
            && !spec.get("externalIPs").isEmpty());
    if (externallyAccessible) {
      Nodes.putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
    }
    if (!Nodes.has(spec, "internalTrafficPolicy")
        && List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
      spec.put("internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      if (!Nodes.has(spec, "allocateLoadBalancerNodePorts")) {
        spec.put("allocateLoadBalancerNodePorts", true);
      }
      ObjectNode lb = Nodes.object(Nodes.object(obj, "status"), "loadBalancer");
      for (ObjectNode ingress : Nodes.objects(lb, "ingress")) {
        if (!Nodes.text(ingress, "ip").isEmpty() && !Nodes.has(ingress, "ipMode")) {
          ingress.put("ipMode", "VIP");
        }
      }
    }
    if (!type.equals("ExternalName") && !Nodes.has(spec, "ipFamilyPolicy")) {
      // what the allocator infers when the user gives no policy; it also sets ipFamilies
      boolean headlessSelectorless = Nodes.text(spec, "clusterIP").equals("None")
          && (!Nodes.has(spec, "selector") || spec.get("selector").isEmpty());
      spec.put("ipFamilyPolicy", headlessSelectorless ? "RequireDualStack" : "SingleStack");
    }
  }

  private static void carryOverAllocated(ObjectNode spec, ObjectNode old) {
    if (old == null) {
      return;
    }
    String type = Nodes.text(spec, "type").isEmpty() ? "ClusterIP" : Nodes.text(spec, "type");
    String oldType = Nodes.text(old, "type");
    if (!type.equals("ExternalName") && !oldType.equals("ExternalName")) {
      if (Nodes.text(spec, "clusterIP").isEmpty() && Nodes.has(old, "clusterIP")) {
        spec.set("clusterIP", old.get("clusterIP").deepCopy());
      }
      if ((!Nodes.has(spec, "clusterIPs") || spec.get("clusterIPs").isEmpty())
          && Nodes.has(old, "clusterIPs")) {
        spec.set("clusterIPs", old.get("clusterIPs").deepCopy());
      }
      if (!Nodes.has(spec, "ipFamilyPolicy") && Nodes.has(old, "ipFamilyPolicy")) {
        spec.set("ipFamilyPolicy", old.get("ipFamilyPolicy").deepCopy());
      }
      if ((!Nodes.has(spec, "ipFamilies") || spec.get("ipFamilies").isEmpty())
          && Nodes.has(old, "ipFamilies")) {
        spec.set("ipFamilies", old.get("ipFamilies").deepCopy());
      }
    }
    boolean needsNodePort = type.equals("NodePort") || type.equals("LoadBalancer");
    boolean oldNeedsNodePort = oldType.equals("NodePort") || oldType.equals("LoadBalancer");
    if (needsNodePort && oldNeedsNodePort) {
      Set<Long> oldUsed = new HashSet<>();
      Map<String, Long> byName = new HashMap<>();
      for (ObjectNode p : Nodes.objects(old, "ports")) {
        long np = Nodes.longValue(p, "nodePort");
        oldUsed.add(np);
        byName.put(Nodes.text(p, "name"), np);
      }
      Set<Long> used = new HashSet<>();
      for (ObjectNode p : Nodes.objects(spec, "ports")) {
        long np = Nodes.longValue(p, "nodePort");
        if (np != 0 && oldUsed.contains(np)) {
          used.add(np);
        }
      }
      for (ObjectNode p : Nodes.objects(spec, "ports")) {
        if (Nodes.longValue(p, "nodePort") == 0) {
          Long previous = byName.get(Nodes.text(p, "name"));
          if (previous != null && previous != 0 && !used.contains(previous)) {
            p.put("nodePort", previous.longValue());
          }
        }
      }
    }
    boolean hc = type.equals("LoadBalancer")
        && Nodes.text(spec, "externalTrafficPolicy").equals("Local");
    boolean oldHc = oldType.equals("LoadBalancer")
        && Nodes.text(old, "externalTrafficPolicy").equals("Local");
    if (hc && oldHc && Nodes.longValue(spec, "healthCheckNodePort") == 0
        && Nodes.has(old, "healthCheckNodePort")) {
      spec.set("healthCheckNodePort", old.get("healthCheckNodePort").deepCopy());
    }
  }

  private static void namespace(ObjectNode obj) {
    String name = Meta.name(obj);
    if (!name.isEmpty()) {
      ObjectNode labels = Nodes.ensureObject(Meta.metadata(obj), "labels");
      labels.put("kubernetes.io/metadata.name", name);
    }
    Nodes.putIfAbsent(Nodes.ensureObject(obj, "status"), "phase", "Active");
  }

  private static void node(ObjectNode obj) {
    ObjectNode status = Nodes.object(obj, "status");
    if (status != null && Nodes.has(status, "capacity") && !Nodes.has(status, "allocatable")) {
      status.set("allocatable", status.get("capacity").deepCopy());
    }
  }

  // ---- apps/v1 ----

  private static void deployment(ObjectNode obj) {
    ObjectNode spec = Nodes.ensureObject(obj, "spec");
    if (!Nodes.has(spec, "replicas")) {
      spec.put("replicas", 1);
    }
    ObjectNode strategy = Nodes.ensureObject(spec, "strategy");
    Nodes.putIfAbsent(strategy, "type", "RollingUpdate");
    if (Nodes.text(strategy, "type").equals("RollingUpdate")) {
      ObjectNode rolling = Nodes.ensureObject(strategy, "rollingUpdate");
      if (!Nodes.has(rolling, "maxUnavailable")) {
        rolling.put("maxUnavailable", "25%");
      }
      if (!Nodes.has(rolling, "maxSurge")) {
        rolling.put("maxSurge", "25%");
      }
    }
    if (!Nodes.has(spec, "revisionHistoryLimit")) {
      spec.put("revisionHistoryLimit", 10);
    }
    if (!Nodes.has(spec, "progressDeadlineSeconds")) {
      spec.put("progressDeadlineSeconds", 600);
    }
    template(spec);
  }

  private static void replicaSet(ObjectNode obj) {
    ObjectNode spec = Nodes.ensureObject(obj, "spec");
    if (!Nodes.has(spec, "replicas")) {
      spec.put("replicas", 1);
    }
    template(spec);
  }

  private static void template(ObjectNode spec) {
    PodDefaults.podSpec(Nodes.ensureObject(Nodes.ensureObject(spec, "template"), "spec"), false);
  }
}
