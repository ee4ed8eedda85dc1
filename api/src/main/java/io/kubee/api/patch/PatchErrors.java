package io.kubee.api.patch;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import java.util.List;

/**
 * The two answers a patch that cannot be applied gets, as kube-apiserver's
 * {@code handlers/patch.go} gives them: 400 BadRequest for a patch document that is malformed
 * ({@code interpretStrategicMergePatchError}'s {@code ErrBadPatchFormat*}, an undecodable JSON
 * patch), 422 Invalid for a well-formed patch that does not apply to the object (a failed JSON
 * patch operation, {@code ErrNoListOfLists}, a value of the wrong type).
 */
final class PatchErrors {
  private PatchErrors() {}

  static ApiException badRequest(String message) {
    return Errors.badRequest(message);
  }

  /**
   * 422 Invalid with Kubernetes' empty details ({@code NewGenericServerResponse(422, ...)}).
   * Kubernetes replaces the message with "the server rejected our request due to an error in
   * our request"; we keep the engine's message, which is what a user needs to fix the patch.
   */
  static ApiException invalid(String message) {
    return new ApiException(status(422, "Invalid", message, new StatusDetails()));
  }

  /**
   * 422 Invalid naming the position in the patched object, as a field error: kubectl prints
   * it as "The request is invalid: * field: message".
   */
  static ApiException invalidAt(String field, String reason, String message) {
    if (field == null || field.isEmpty()) {
      return invalid(message);
    }
    StatusDetails details = new StatusDetails();
    details.setCauses(List.of(Errors.cause(reason, field, message)));
    return new ApiException(status(422, "Invalid", field + ": " + message, details));
  }

  private static Status status(int code, String reason, String message, StatusDetails details) {
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
}
