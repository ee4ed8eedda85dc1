package io.kubee.apiserver.rest;

import io.kubee.api.codec.Codec;
import io.kubee.apiserver.ControlPlane;
import io.kubee.apiserver.auth.Authenticator;
import io.kubee.apiserver.handlers.ApiRequest;
import io.kubee.apiserver.handlers.ApiResponse;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every request under {@code /api} and {@code /apis}: translated into an {@link ApiRequest},
 * handled by the {@link ControlPlane}'s pipeline, and rendered back. Thin by design; the
 * behaviour lives in {@code io.kubee.apiserver.handlers}.
 */
@Path("{path: (api|apis)(/.*)?}")
public class KubernetesApiEndpoint {
  @Inject
  ControlPlane controlPlane;

  @Context
  UriInfo uri;

  @Context
  HttpHeaders headers;

  @Context
  HttpServletRequest servletRequest;

  @GET
  public Response get() {
    return handle("GET", null);
  }

  @HEAD
  public Response head() {
    return handle("HEAD", null);
  }

  @POST
  public Response post(InputStream body) {
    return handle("POST", body);
  }

  @PUT
  public Response put(InputStream body) {
    return handle("PUT", body);
  }

  @PATCH
  public Response patch(InputStream body) {
    return handle("PATCH", body);
  }

  @DELETE
  public Response delete(InputStream body) {
    return handle("DELETE", body);
  }

  private Response handle(String method, InputStream body) {
    AtomicBoolean read = new AtomicBoolean();
    ApiRequest request = new ApiRequest(
        method,
        "/" + uri.getPath(true).replaceFirst("^/+", ""),
        uri.getQueryParameters(true),
        headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
        headers.getHeaderString(HttpHeaders.ACCEPT),
        headers.getHeaderString("Last-Event-ID"),
        headers.getHeaderString(HttpHeaders.USER_AGENT),
        new Authenticator.Credentials(headers.getHeaderString(HttpHeaders.AUTHORIZATION), null),
        () -> {
          if (read.getAndSet(true)) {
            throw new IllegalStateException("the request body was read twice");
          }
          return RequestBodies.read(body, servletRequest.getContentLengthLong());
        });
    try {
      ApiResponse response = controlPlane.handler().handle(request);
      if (response instanceof ApiResponse.Entity entity) {
        Response.ResponseBuilder builder = Response.status(entity.status())
            .type(entity.mediaType())
            .entity(Codec.INSTANCE.write(entity.body(), entity.format()));
        entity.headers().forEach(builder::header);
        return builder.build();
      }
      ApiResponse.WatchStream stream = (ApiResponse.WatchStream) response;
      return WatchStreamOutput.response(stream);
    } catch (RuntimeException e) {
      return ApiExceptionMapper.toResponse(ApiExceptionMapper.statusOf(e));
    }
  }
}
