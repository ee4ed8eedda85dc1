package io.kubee.api.errors;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import java.util.List;

/**
 * Factories for the errors of the Kubernetes API, with Kubernetes' reasons, codes and messages.
 * Mirrors {@code k8s.io/apimachinery/pkg/api/errors/errors.go}.
 */
public final class Errors {
  private Errors() {}

  /** {@code resource} is the plural ("pods"); {@code group} is "" for the core group. */
  public static ApiException notFound(String group, String resource, String name) {
    return new ApiException(status(404, "NotFound",
        qualified(group, resource) + " \"" + name + "\" not found",
        details(group, resource, name)));
  }

  public static ApiException alreadyExists(String group, String resource, String name) {
    return new ApiException(status(409, "AlreadyExists",
        qualified(group, resource) + " \"" + name + "\" already exists",
        details(group, resource, name)));
  }

  /** The 409 of an optimistic-concurrency failure (stale resourceVersion, changed uid). */
  public static ApiException conflict(String group, String resource, String name, String why) {
    return new ApiException(status(409, "Conflict",
        "Operation cannot be fulfilled on " + qualified(group, resource) + " \"" + name + "\": " + why,
        details(group, resource, name)));
  }

  public static ApiException staleResourceVersion(String group, String resource, String name) {
    return conflict(group, resource, name,
        "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** 422 with one cause per invalid field; {@code kind} is the object's Kind ("Pod"). */
  public static ApiException invalid(String group, String kind, String name, List<StatusCause> causes) {
    StringBuilder message = new StringBuilder()
        .append(qualified(group, kind)).append(" \"").append(name).append("\" is invalid: ");
    if (causes.size() == 1) {
      message.append(causeText(causes.get(0)));
    } else {
      message.append('[');
      for (int i = 0; i < causes.size(); i++) {
        if (i > 0) {
          message.append(", ");
        }
        message.append(causeText(causes.get(i)));
      }
      message.append(']');
    }
    StatusDetails details = details(group, kind, name);
    details.setCauses(List.copyOf(causes));
    return new ApiException(status(422, "Invalid", message.toString(), details));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(status(400, "BadRequest", message, null));
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(status(401, "Unauthorized", message, null));
  }

  public static ApiException forbidden(String group, String resource, String name, String why) {
    String target = name == null || name.isEmpty()
        ? qualified(group, resource)
        : qualified(group, resource) + " \"" + name + "\"";
    return new ApiException(status(403, "Forbidden", target + " is forbidden: " + why,
        details(group, resource, name)));
  }

  public static ApiException methodNotSupported(String group, String resource, String action) {
    return new ApiException(status(405, "MethodNotAllowed",
        action + " is not supported on resources of kind \"" + qualified(group, resource) + "\"",
        details(group, resource, null)));
  }

  public static ApiException notAcceptable(String message) {
    return new ApiException(status(406, "NotAcceptable", message, null));
  }

  /** 410 for a resourceVersion older than what etcd or the watch cache still holds. */
  public static ApiException resourceExpired(String message) {
    return new ApiException(status(410, "Expired", message, null));
  }

  public static ApiException requestEntityTooLarge(String message) {
    return new ApiException(status(413, "RequestEntityTooLarge", message, null));
  }

  /** 415 for a body of an unknown media type; {@code accepted} lists what would be read. */
  public static ApiException unsupportedMediaType(String contentType, String... accepted) {
    String list = accepted.length == 0
        ? "application/json, application/yaml"
        : String.join(", ", accepted);
    return new ApiException(status(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + list,
        null));
  }

  /** 404 for a path that names no resource, as Kubernetes answers it. */
  public static ApiException pathNotFound() {
    return new ApiException(status(404, "NotFound",
        "the server could not find the requested resource", new StatusDetails()));
  }

  public static ApiException tooManyRequests(String message, int retryAfterSeconds) {
    StatusDetails details = new StatusDetails();
    details.setRetryAfterSeconds(retryAfterSeconds);
    return new ApiException(status(429, "TooManyRequests", message, details));
  }

  public static ApiException internalError(String message) {
    return new ApiException(status(500, "InternalError",
        "Internal error occurred: " + message, null));
  }

  public static ApiException serviceUnavailable(String message) {
    return new ApiException(status(503, "ServiceUnavailable", message, null));
  }

  public static ApiException timeout(String message) {
    return new ApiException(status(504, "Timeout", message, null));
  }

  /** The {@code Status} of a successful action that has no object to return (pods/binding). */
  public static Status success(int code) {
    Status status = new Status();
    status.setApiVersion("v1");
    status.setKind("Status");
    status.setMetadata(new ListMeta());
    status.setStatus("Success");
    status.setCode(code);
    return status;
  }

  /** The {@code Status} a successful DELETE answers with when it does not return the object. */
  public static Status success(String group, String resource, String name, String uid) {
    StatusDetails details = details(group, resource, name);
    details.setUid(uid);
    Status status = new Status();
    status.setApiVersion("v1");
    status.setKind("Status");
    status.setMetadata(new ListMeta());
    status.setStatus("Success");
    status.setDetails(details);
    return status;
  }

  public static StatusCause cause(String type, String field, String message) {
    StatusCause cause = new StatusCause();
    cause.setReason(type);
    cause.setField(field);
    cause.setMessage(message);
    return cause;
  }

  static Status status(int code, String reason, String message, StatusDetails details) {
    Status status = new Status();
    status.setApiVersion("v1");
    status.setKind("Status");
    status.setMetadata(new ListMeta());
    status.setStatus("Failure");
    status.setMessage(message);
    status.setReason(reason);
    status.setDetails(details);
    status.setCode(code);
    return status;
  }

  private static StatusDetails details(String group, String kind, String name) {
    StatusDetails details = new StatusDetails();
    details.setGroup(group == null ? "" : group);
    details.setKind(kind);
    if (name != null && !name.isEmpty()) {
      details.setName(name);
    }
    return details;
  }

  private static String qualified(String group, String resource) {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }

  private static String causeText(StatusCause cause) {
    return cause.getField() == null || cause.getField().isEmpty()
        ? cause.getMessage()
        : cause.getField() + ": " + cause.getMessage();
  }
}
