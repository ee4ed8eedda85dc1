package io.kubee.apiserver.handlers;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.kubee.api.codec.Codec;
import io.kubee.api.codec.Format;
import io.kubee.api.errors.Errors;
import io.kubee.api.meta.Meta;
import io.kubee.api.registry.ResourceType;
import io.kubee.api.selector.FieldSelector;
import io.kubee.api.selector.LabelSelector;
import io.kubee.apiserver.registry.DeleteRequest;
import io.kubee.apiserver.registry.ListQuery;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Parses the query parameters and option bodies of API requests (Kubernetes'
 * {@code ListOptions}, {@code DeleteOptions}, {@code CreateOptions}), answering 400 for values
 * Kubernetes rejects.
 */
final class RequestOptions {
  private static final Set<String> PROPAGATION_POLICIES = Set.of("Orphan", "Background", "Foreground");

  private RequestOptions() {}

  /**
   * @param name a name from the path (the deprecated single-object watch), or ""
   */
  static ListQuery listQuery(ApiRequest request, ResourceType type, String name) {
    String fields = request.param("fieldSelector");
    if (!name.isEmpty()) {
      fields = "metadata.name=" + name + (fields == null || fields.isEmpty() ? "" : "," + fields);
    }
    LabelSelector labels = LabelSelector.parse(nullToEmpty(request.param("labelSelector")));
    FieldSelector fieldSelector = FieldSelector.parse(nullToEmpty(fields), type);

    String rvParam = request.param("resourceVersion");
    boolean rvGiven = rvParam != null && !rvParam.isEmpty();
    long rv = Meta.parseResourceVersion(rvParam);
    if (rv < 0) {
      throw Errors.badRequest("resourceVersion: Invalid value: \"" + rvParam
          + "\": must be a resource version returned by the server");
    }
    String match = request.param("resourceVersionMatch");
    boolean exact = false;
    if (match != null && !match.isEmpty()) {
      if (!rvGiven) {
        throw Errors.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is "
            + "forbidden unless resourceVersion is provided");
      }
      switch (match) {
        case "Exact" -> exact = true;
        case "NotOlderThan" -> exact = false;
        default -> throw Errors.badRequest("resourceVersionMatch: Unsupported value: \"" + match
            + "\": supported values: \"Exact\", \"NotOlderThan\"");
      }
      if (exact && rv == 0) {
        throw Errors.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"Exact\" "
            + "is forbidden for resourceVersion \"0\"");
      }
    }
    String continueToken = request.param("continue");
    if (continueToken != null && continueToken.isEmpty()) {
      continueToken = null;
    }
    return new ListQuery(labels, fieldSelector, rv, rvGiven, exact,
        nonNegative(request, "limit"), continueToken, nonNegative(request, "timeoutSeconds"),
        isTrue(request.param("allowWatchBookmarks")));
  }

  /** {@code dryRun=All}; any other value is refused. */
  static boolean dryRun(ApiRequest request) {
    List<String> values = request.query().get("dryRun");
    return dryRun(values);
  }

  /** DeleteOptions from the body (JSON or YAML, optional) and the query parameters. */
  static DeleteRequest deleteRequest(ApiRequest request, byte[] body, Format format) {
    return deleteRequest(request, body.length == 0 ? null
        : Codec.INSTANCE.parseObject(body, format));
  }

  /**
   * DeleteOptions from a parsed object (a DELETE body, or an Eviction's deleteOptions; null
   * when absent) and the query parameters.
   */
  static DeleteRequest deleteRequest(ApiRequest request, JsonNode body) {
    DeleteOptions options = new DeleteOptions();
    if (body != null && !body.isNull() && !body.isMissingNode()) {
      options = Codec.INSTANCE.toTyped(body, DeleteOptions.class, "DeleteOptions", "v1");
    }
    String policy = options.getPropagationPolicy();
    if (request.param("propagationPolicy") != null) {
      policy = request.param("propagationPolicy");
    }
    Long grace = options.getGracePeriodSeconds();
    if (request.param("gracePeriodSeconds") != null) {
      grace = parseLong(request, "gracePeriodSeconds");
    }
    Boolean orphan = options.getOrphanDependents();
    if (request.param("orphanDependents") != null) {
      orphan = isTrue(request.param("orphanDependents"));
    }
    if (policy != null && !policy.isEmpty()) {
      if (!PROPAGATION_POLICIES.contains(policy)) {
        throw Errors.invalid("meta.k8s.io", "DeleteOptions", "", List.of(Errors.cause(
            "FieldValueNotSupported", "propagationPolicy", "Unsupported value: \"" + policy
                + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"")));
      }
      if (orphan != null) {
        throw Errors.invalid("meta.k8s.io", "DeleteOptions", "", List.of(Errors.cause(
            "FieldValueInvalid", "orphanDependents", "Invalid value: " + orphan
                + ": Cannot set both propagationPolicy and orphanDependents")));
      }
    } else if (orphan != null) {
      policy = orphan ? "Orphan" : "Background";
    }
    if (grace != null && grace < 0) {
      grace = 1L; // Kubernetes: a negative grace period means "as soon as possible"
    }
    List<String> dryRun = request.query().get("dryRun");
    if (dryRun == null && options.getDryRun() != null && !options.getDryRun().isEmpty()) {
      dryRun = options.getDryRun();
    }
    String uid = "";
    String resourceVersion = "";
    if (options.getPreconditions() != null) {
      uid = nullToEmpty(options.getPreconditions().getUid());
      resourceVersion = nullToEmpty(options.getPreconditions().getResourceVersion());
    }
    return new DeleteRequest(uid, resourceVersion, nullToEmpty(policy), grace, dryRun(dryRun));
  }

  private static boolean dryRun(List<String> values) {
    if (values == null || values.isEmpty()) {
      return false;
    }
    for (String value : values) {
      if (!value.equals("All")) {
        throw Errors.badRequest("Invalid dry run value: \"" + value
            + "\": supported values: \"All\"");
      }
    }
    return true;
  }

  private static long nonNegative(ApiRequest request, String name) {
    if (request.param(name) == null || request.param(name).isEmpty()) {
      return 0;
    }
    return Math.max(0, parseLong(request, name));
  }

  private static long parseLong(ApiRequest request, String name) {
    String value = request.param(name);
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw Errors.badRequest(name + ": Invalid value: \"" + value + "\": must be an integer");
    }
  }

  private static boolean isTrue(String value) {
    return value != null && (value.equals("true") || value.equals("1"));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
