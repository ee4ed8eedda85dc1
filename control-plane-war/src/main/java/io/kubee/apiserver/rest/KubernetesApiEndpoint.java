package io.kubee.apiserver.rest;

import io.kubee.api.codec.Codec;
import io.kubee.api.errors.Errors;
import io.kubee.apiserver.ControlPlane;
import io.kubee.apiserver.auth.Authenticator;
import io.kubee.apiserver.handlers.ApiRequest;
import io.kubee.apiserver.handlers.ApiResponse;
import jakarta.enterprise.context.ApplicationScoped;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every request under {@code /api} and {@code /apis}: translated into an {@link ApiRequest},
 * handled by the {@link ControlPlane}'s pipeline, and rendered back. Thin by design; the
 * behaviour lives in {@code io.kubee.apiserver.handlers}.
 *
 * <p>One instance serves every request ({@code @ApplicationScoped}), with the request's context
 * as method parameters: a per-request bean made Weld create, inject and Bean-Validate a new
 * instance for each call, about 6 % of a request thread's CPU in the scheduler benchmark.
 */
@ApplicationScoped
@Path("{path: (api|apis)(/.*)?}")
public class KubernetesApiEndpoint {
  @Inject
  ControlPlane controlPlane;

  @GET
  public Response get(@Context UriInfo uri, @Context HttpHeaders headers,
      @Context HttpServletRequest servletRequest) {
    return handle("GET", null, uri, headers, servletRequest);
  }

  @HEAD
  public Response head(@Context UriInfo uri, @Context HttpHeaders headers,
      @Context HttpServletRequest servletRequest) {
    return handle("HEAD", null, uri, headers, servletRequest);
  }

  @POST
  public Response post(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
      @Context HttpServletRequest servletRequest) {
    return handle("POST", body, uri, headers, servletRequest);
  }

  @PUT
  public Response put(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
      @Context HttpServletRequest servletRequest) {
    return handle("PUT", body, uri, headers, servletRequest);
  }

  @PATCH
  public Response patch(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
      @Context HttpServletRequest servletRequest) {
    return handle("PATCH", body, uri, headers, servletRequest);
  }

  @DELETE
  public Response delete(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers,
      @Context HttpServletRequest servletRequest) {
    return handle("DELETE", body, uri, headers, servletRequest);
  }

  private Response handle(String method, InputStream body, UriInfo uri, HttpHeaders headers,
      HttpServletRequest servletRequest) {
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
      if (response instanceof ApiResponse.Stream stream) {
        // pods/log and proxy: the upstream's bytes as they come
        Response.ResponseBuilder builder = Response.status(stream.status())
            .type(stream.mediaType())
            .entity((StreamingOutput) out -> stream.body().writeTo(out));
        stream.headers().forEach(builder::header);
        return builder.build();
      }
      if (response instanceof ApiResponse.Upgrade) {
        // exec, attach and portforward are WebSocket connections (websocket.PodStreamEndpoint)
        return ApiExceptionMapper.toResponse(ApiExceptionMapper.statusOf(
            Errors.badRequest("Upgrade request required")));
      }
      ApiResponse.WatchStream stream = (ApiResponse.WatchStream) response;
      return WatchStreamOutput.response(stream);
    } catch (RuntimeException e) {
      return ApiExceptionMapper.toResponse(ApiExceptionMapper.statusOf(e));
    }
  }
}
