package io.kubee.api.errors;

import io.fabric8.kubernetes.api.model.Status;

/**
 * A failure that reaches the client as a Kubernetes {@code Status} object with the HTTP code it
 * carries. Everything the apiserver rejects is thrown as one of these (see {@link Errors}); any
 * other exception reaching the REST layer is a bug.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Status status;

  public ApiException(Status status) {
    super(status.getMessage(), null, false, false);
    this.status = status;
  }

  public Status status() {
    return status;
  }

  public int code() {
    return status.getCode();
  }

  public String reason() {
    return status.getReason();
  }
}
