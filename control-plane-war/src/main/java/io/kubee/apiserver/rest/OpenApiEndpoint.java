package io.kubee.apiserver.rest;

import io.kubee.apiserver.openapi.OpenApiDocuments;
import io.kubee.apiserver.openapi.OpenApiService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * {@code GET /openapi/v2}, {@code /openapi/v3} and {@code /openapi/v3/<group-version>}: the
 * OpenAPI documents kubectl reads for {@code apply}, {@code create -f} and {@code explain}.
 * Generated from the model of the built-in resources on first use and cached for the life of the
 * deployment; the behaviour lives in {@link OpenApiService}.
 */
@Path("openapi")
public class OpenApiEndpoint {
  private static final OpenApiService SERVICE = new OpenApiService(Documents::get,
      Clock.systemUTC());

  @GET
  @Path("v2")
  public Response v2(@HeaderParam(HttpHeaders.ACCEPT) String accept,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return toResponse(SERVICE.v2(accept, ifNoneMatch));
  }

  @GET
  @Path("v3")
  public Response v3Index(@HeaderParam(HttpHeaders.ACCEPT) String accept,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return toResponse(SERVICE.v3Index(accept, ifNoneMatch));
  }

  @GET
  @Path("v3/{path: .+}")
  public Response v3(@PathParam("path") String path, @QueryParam("hash") String hash,
      @HeaderParam(HttpHeaders.ACCEPT) String accept,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return toResponse(SERVICE.v3(path, hash, accept, ifNoneMatch));
  }

  private static Response toResponse(OpenApiService.Reply reply) {
    Response.ResponseBuilder builder = Response.status(reply.status());
    reply.headers().forEach((name, value) -> {
      if (name.equals("Content-Type")) {
        builder.type(value);
      } else {
        builder.header(name, value);
      }
    });
    if (reply.body().length > 0) {
      builder.entity(reply.body());
    }
    return builder.build();
  }

  /** The documents, built on first use: the class loads when the first request needs them. */
  private static final class Documents {
    private static final OpenApiDocuments INSTANCE = OpenApiDocuments.builtin(
        "v" + VersionEndpoint.MAJOR + "." + VersionEndpoint.MINOR + ".0");

    static OpenApiDocuments get() {
      return INSTANCE;
    }
  }
}
