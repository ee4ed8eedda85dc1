package io.kubee.apiserver.admission;

import io.kubee.api.errors.Errors;
import io.kubee.api.meta.Meta;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' Priority admission plugin (plugin/pkg/admission/priority/admission.go): a new pod's
 * {@code spec.priorityClassName} is resolved to {@code spec.priority} and
 * {@code spec.preemptionPolicy} (a missing class is 403); a pod without one gets the global
 * default class, or priority 0 and PreemptLowerPriority; an update keeps the priority set at
 * creation. Only one PriorityClass may be the global default. The system classes
 * (system-cluster-critical, system-node-critical) resolve even before the apiserver stored them.
 */
public final class Priority implements AdmissionPlugin {
  /** Kubernetes' built-in classes and their values (scheduling.SystemPriorityClasses). */
  public static final Map<String, Long> SYSTEM_PRIORITY_CLASSES = Map.of(
      "system-cluster-critical", 2_000_000_000L,
      "system-node-critical", 2_000_001_000L);
  static final String PREEMPT_LOWER_PRIORITY = "PreemptLowerPriority";

  /** Where the plugin finds PriorityClasses; the apiserver keeps them in a watch-fed cache. */
  public interface PriorityClassLookup {
    Optional<ObjectNode> find(String name);

    /** Every class known (for the global default); may lag a moment behind storage. */
    List<ObjectNode> all();
  }

  private final PriorityClassLookup classes;

  public Priority(PriorityClassLookup classes) {
    this.classes = classes;
  }

  @Override
  public String name() {
    return "Priority";
  }

  @Override
  public boolean mutates() {
    return true;
  }

  @Override
  public void admit(AdmissionRequest request) {
    if (!request.subresource().isEmpty() || request.object() == null) {
      return;
    }
    String resource = request.type().groupResource();
    if (resource.equals("pods")) {
      if (request.operation() == Operation.CREATE) {
        admitNewPod(request);
      } else if (request.operation() == Operation.UPDATE && request.oldObject() != null) {
        keep(request.object(), request.oldObject(), "priority");
        keep(request.object(), request.oldObject(), "preemptionPolicy");
      }
    } else if (resource.equals("priorityclasses.scheduling.k8s.io")
        && request.object().path("globalDefault").asBoolean(false)) {
      ObjectNode current = defaultClass();
      if (current != null && (request.operation() == Operation.CREATE
          || !Meta.name(current).equals(request.name()))) {
        throw Errors.forbidden("scheduling.k8s.io", "priorityclasses", request.name(),
            "PriorityClass " + Meta.name(current) + " is already marked as default. Only one "
                + "default can exist");
      }
    }
  }

  private void admitNewPod(AdmissionRequest request) {
    ObjectNode spec = request.object().withObjectProperty("spec");
    String className = spec.path("priorityClassName").asString("");
    long priority;
    String policy;
    if (className.isEmpty()) {
      ObjectNode defaultClass = defaultClass();
      if (defaultClass != null) {
        spec.put("priorityClassName", Meta.name(defaultClass));
      }
      priority = defaultClass == null ? 0 : defaultClass.path("value").asLong(0);
      policy = defaultClass == null ? PREEMPT_LOWER_PRIORITY
          : defaultClass.path("preemptionPolicy").asString(PREEMPT_LOWER_PRIORITY);
    } else {
      Optional<ObjectNode> pc = classes.find(className);
      if (pc.isPresent()) {
        priority = pc.get().path("value").asLong(0);
        policy = pc.get().path("preemptionPolicy").asString(PREEMPT_LOWER_PRIORITY);
      } else if (SYSTEM_PRIORITY_CLASSES.containsKey(className)) {
        priority = SYSTEM_PRIORITY_CLASSES.get(className);
        policy = PREEMPT_LOWER_PRIORITY;
      } else {
        throw Errors.forbidden("", "pods", request.name(), "no PriorityClass with name "
            + className + " was found");
      }
    }
    JsonNode given = spec.get("priority");
    if (given != null && !given.isNull() && given.asLong() != priority) {
      throw Errors.forbidden("", "pods", request.name(), "the integer value of priority ("
          + given.asLong() + ") must not be provided in pod spec; priority admission controller "
          + "computed " + priority + " from the given PriorityClass name");
    }
    spec.put("priority", priority);
    JsonNode givenPolicy = spec.get("preemptionPolicy");
    if (givenPolicy != null && !givenPolicy.isNull() && !givenPolicy.asString().equals(policy)) {
      throw Errors.forbidden("", "pods", request.name(), "the string value of PreemptionPolicy ("
          + givenPolicy.asString() + ") must not be provided in pod spec; priority admission "
          + "controller computed " + policy + " from the given PriorityClass name");
    }
    spec.put("preemptionPolicy", policy);
  }

  /** The global default class; with several (a race), the lowest value, as Kubernetes. */
  private ObjectNode defaultClass() {
    ObjectNode result = null;
    for (ObjectNode pc : classes.all()) {
      if (pc.path("globalDefault").asBoolean(false) && (result == null
          || result.path("value").asLong(0) > pc.path("value").asLong(0))) {
        result = pc;
      }
    }
    return result;
  }

  private static void keep(ObjectNode pod, ObjectNode old, String field) {
    ObjectNode spec = pod.withObjectProperty("spec");
    JsonNode before = old.path("spec").get(field);
    if ((spec.get(field) == null || spec.get(field).isNull()) && before != null
        && !before.isNull()) {
      spec.set(field, before.deepCopy());
    }
  }
}
