package io.kubee.api.validation;

import io.kubee.api.validation.field.FieldErrors;
import io.kubee.api.validation.field.FieldPath;
import io.kubee.api.validation.syntax.Names;
import io.kubee.api.validation.syntax.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Resource names and quantities: container requests and limits, pod overhead, node capacity.
 * Mirrors the resource parts of {@code pkg/apis/core/validation/validation.go} and
 * {@code pkg/apis/core/helper/helpers.go}.
 */
final class ResourceValidation {
  private ResourceValidation() {}

  private static final String HUGEPAGES_PREFIX = "hugepages-";
  private static final String NATIVE_PREFIX = "kubernetes.io/";
  private static final String REQUESTS_PREFIX = "requests.";

  private static final Set<String> STANDARD_CONTAINER_RESOURCES =
      Set.of("cpu", "memory", "ephemeral-storage");

  private static final Set<String> STANDARD_RESOURCES = Set.of(
      "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
      "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
      "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
      "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports",
      "services.loadbalancers");

  private static final Set<String> INTEGER_RESOURCES = Set.of(
      "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
      "persistentvolumeclaims", "services.nodeports", "services.loadbalancers");

  /** Requests and limits of a container (or pod overhead, with limits only). */
  static void requirements(JsonNode resources, FieldPath path, FieldErrors errs) {
    FieldPath limPath = path.child("limits");
    FieldPath reqPath = path.child("requests");
    Map<String, JsonNode> limits = quantities(resources, "limits");
    Map<String, JsonNode> requests = quantities(resources, "requests");
    boolean limCpuOrMemory = false;
    boolean reqCpuOrMemory = false;
    boolean hugePages = false;
    for (Map.Entry<String, JsonNode> e : limits.entrySet()) {
      String name = e.getKey();
      FieldPath p = limPath.key(name);
      containerResourceName(name, p, errs);
      quantityValue(name, e.getValue(), p, errs);
      hugePages |= isHugePages(name);
      limCpuOrMemory |= name.equals("cpu") || name.equals("memory");
    }
    for (Map.Entry<String, JsonNode> e : requests.entrySet()) {
      String name = e.getKey();
      FieldPath p = reqPath.key(name);
      containerResourceName(name, p, errs);
      Quantity request = quantityValue(name, e.getValue(), p, errs);
      JsonNode limitNode = limits.get(name);
      if (limitNode != null) {
        Quantity limit = parse(limitNode);
        if (request != null && limit != null) {
          if (request.compareTo(limit) != 0 && !isOvercommitAllowed(name)) {
            errs.invalid(reqPath, request.text(), "must be equal to " + name + " limit of "
                + limit.text());
          } else if (request.compareTo(limit) > 0) {
            errs.invalid(reqPath, request.text(), "must be less than or equal to " + name
                + " limit of " + limit.text());
          }
        }
      } else if (!isOvercommitAllowed(name)) {
        errs.required(limPath, "Limit must be set for non overcommitable resources");
      }
      hugePages |= isHugePages(name);
      reqCpuOrMemory |= name.equals("cpu") || name.equals("memory");
    }
    if (!limCpuOrMemory && !reqCpuOrMemory && hugePages) {
      errs.forbidden(path, "HugePages require cpu or memory");
    }
  }

  /** Capacity, allocatable and the like: every value a valid, non-negative quantity. */
  static void quantityMap(JsonNode parent, String field, FieldPath path, FieldErrors errs) {
    quantities(parent, field).forEach((name, value) ->
        quantityValue(name, value, path.child(name), errs));
  }

  private static Map<String, JsonNode> quantities(JsonNode parent, String field) {
    JsonNode m = Json.get(parent, field);
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    if (m != null && m.isObject()) {
      for (Map.Entry<String, JsonNode> e : m.properties()) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** ValidateResourceQuantityValue; returns the quantity when it parses. */
  static Quantity quantityValue(String resource, JsonNode node, FieldPath path, FieldErrors errs) {
    String text = Json.text(node);
    Quantity q;
    try {
      q = Quantity.parse(text);
    } catch (IllegalArgumentException e) {
      errs.invalid(path, text, e.getMessage());
      return null;
    }
    if (q.signum() < 0) {
      errs.invalid(path, q.text(), MetadataValidation.NEGATIVE);
    }
    if (isIntegerResource(resource) && !q.isInteger()) {
      errs.invalid(path, q.text(), "must be an integer");
    }
    return q;
  }

  static Quantity parse(JsonNode node) {
    try {
      return Quantity.parse(Json.text(node));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void containerResourceName(String name, FieldPath path, FieldErrors errs) {
    resourceName(name, path, errs);
    if (!name.contains("/")) {
      if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !isHugePages(name)) {
        errs.invalid(path, name, "must be a standard resource for containers");
      }
    } else if (!isNative(name) && !isExtended(name)) {
      errs.invalid(path, name, "doesn't follow extended resource name standard");
    }
  }

  private static void resourceName(String name, FieldPath path, FieldErrors errs) {
    List<String> problems = Names.qualifiedName(name);
    for (String msg : problems) {
      errs.invalid(path, name, msg);
    }
    if (problems.isEmpty() && !name.contains("/") && !isStandardResource(name)) {
      errs.invalid(path, name, "must be a standard resource type or fully qualified");
    }
  }

  private static boolean isStandardResource(String name) {
    return STANDARD_RESOURCES.contains(name) || isHugePages(name)
        || name.startsWith(REQUESTS_PREFIX + HUGEPAGES_PREFIX);
  }

  static boolean isHugePages(String name) {
    return name.startsWith(HUGEPAGES_PREFIX);
  }

  static boolean isNative(String name) {
    return !name.contains("/") || name.contains(NATIVE_PREFIX);
  }

  static boolean isExtended(String name) {
    if (isNative(name) || name.startsWith(REQUESTS_PREFIX)) {
      return false;
    }
    return Names.qualifiedName(REQUESTS_PREFIX + name).isEmpty();
  }

  static boolean isOvercommitAllowed(String name) {
    return isNative(name) && !isHugePages(name);
  }

  private static boolean isIntegerResource(String name) {
    return INTEGER_RESOURCES.contains(name) || isExtended(name);
  }
}
