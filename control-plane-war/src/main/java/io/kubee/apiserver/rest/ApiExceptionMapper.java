package io.kubee.apiserver.rest;

import io.fabric8.kubernetes.api.model.Status;
import io.kubee.api.codec.Codec;
import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure leaves the server as a Kubernetes {@code Status}: {@link ApiException}s as they
 * are, JAX-RS routing failures with their code, anything else as a 500 that is logged (a bug).
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMapper.class);

  @Override
  public Response toResponse(Throwable failure) {
    return toResponse(statusOf(failure));
  }

  static Response toResponse(ApiException e) {
    Status status = e.status();
    return Response.status(status.getCode())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Codec.INSTANCE.writeJson(status))
        .build();
  }

  static ApiException statusOf(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof WebApplicationException web) {
      int code = web.getResponse().getStatus();
      return switch (code) {
        case 404 -> Errors.pathNotFound();
        case 405 -> Errors.methodNotSupported("", "this path", "this method");
        case 406 -> Errors.notAcceptable("only the following media types are accepted: "
            + "application/json, application/yaml");
        case 415 -> Errors.unsupportedMediaType(null);
        default -> code >= 500
            ? internal(failure)
            : Errors.badRequest(web.getMessage() == null ? "bad request" : web.getMessage());
      };
    }
    return internal(failure);
  }

  private static ApiException internal(Throwable failure) {
    LOG.error("unexpected failure serving an API request", failure);
    return Errors.internalError("an unexpected error occurred; the server log has the details");
  }
}
