package io.kubee.apiserver.registry.strategy;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pods start Pending with their QoS class computed (pkg/registry/core/pod/strategy.go and
 * pkg/apis/core/helper/qos/qos.go).
 */
final class PodStrategy implements Strategy {
  private static final List<String> QOS_RESOURCES = List.of("cpu", "memory");

  @Override
  public void prepareForCreate(ObjectNode object) {
    ObjectNode status = object.putObject("status");
    status.put("phase", "Pending");
    status.put("qosClass", qosClass(object.path("spec")));
  }

  /**
   * The pod's own terminationGracePeriodSeconds unless the request names one; 0 for a pod no
   * node runs (unscheduled) or that has finished, since nobody has anything to stop.
   */
  @Override
  public long gracePeriodSeconds(ObjectNode pod, Long requested) {
    long period = requested != null ? requested
        : pod.path("spec").path("terminationGracePeriodSeconds").asLong(0);
    String phase = pod.path("status").path("phase").asString("");
    if (pod.path("spec").path("nodeName").asString("").isEmpty()
        || phase.equals("Succeeded") || phase.equals("Failed")) {
      return 0;
    }
    return period < 0 ? 1 : period;
  }

  /**
   * BestEffort when no container requests or limits cpu or memory; Guaranteed when every
   * container limits both and requests (defaulting to the limits) equal the limits; else
   * Burstable.
   */
  static String qosClass(JsonNode spec) {
    List<JsonNode> containers = new ArrayList<>();
    spec.path("initContainers").forEach(containers::add);
    spec.path("containers").forEach(containers::add);
    boolean anySet = false;
    boolean guaranteed = true;
    for (JsonNode container : containers) {
      JsonNode requests = container.path("resources").path("requests");
      JsonNode limits = container.path("resources").path("limits");
      for (String resource : QOS_RESOURCES) {
        BigDecimal request = amount(requests.get(resource));
        BigDecimal limit = amount(limits.get(resource));
        if ((request != null && request.signum() != 0) || (limit != null && limit.signum() != 0)) {
          anySet = true;
        }
        if (limit == null || (request != null && request.compareTo(limit) != 0)) {
          guaranteed = false;
        }
      }
    }
    if (!anySet) {
      return "BestEffort";
    }
    return guaranteed ? "Guaranteed" : "Burstable";
  }

  private static BigDecimal amount(JsonNode quantity) {
    if (quantity == null || quantity.isNull()) {
      return null;
    }
    try {
      return Quantity.getAmountInBytes(new Quantity(quantity.asString()));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null; // validation reports the bad quantity
    }
  }
}
