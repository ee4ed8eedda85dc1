package io.kubee.apiserver.rest;

import io.kubee.apiserver.ControlPlane;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Kubernetes' health endpoints: {@code /livez}, {@code /readyz} (ready only while etcd answers)
 * and the older {@code /healthz}, each also per check ({@code /readyz/etcd}) and with
 * {@code ?verbose}. The MicroProfile Health endpoints on the management port report the same.
 */
@Path("/")
public class HealthEndpoints {
  @Inject
  ControlPlane controlPlane;

  @GET
  @Path("livez")
  public Response livez(@QueryParam("verbose") String verbose) {
    return report("livez", liveChecks(), verbose != null);
  }

  @GET
  @Path("readyz")
  public Response readyz(@QueryParam("verbose") String verbose) {
    return report("readyz", readyChecks(), verbose != null);
  }

  @GET
  @Path("healthz")
  public Response healthz(@QueryParam("verbose") String verbose) {
    return report("healthz", readyChecks(), verbose != null);
  }

  @GET
  @Path("{endpoint: livez|readyz|healthz}/{check}")
  public Response single(@PathParam("endpoint") String endpoint, @PathParam("check") String check) {
    Map<String, BooleanSupplier> checks = endpoint.equals("livez") ? liveChecks() : readyChecks();
    BooleanSupplier probe = checks.get(check);
    if (probe == null) {
      return Response.status(404).type("text/plain").entity("404 page not found\n").build();
    }
    boolean ok = probe.getAsBoolean();
    return Response.status(ok ? 200 : 503).type("text/plain")
        .entity(ok ? "ok" : "internal server error: " + check + " check failed").build();
  }

  private Map<String, BooleanSupplier> liveChecks() {
    Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    checks.put("ping", () -> true);
    return checks;
  }

  private Map<String, BooleanSupplier> readyChecks() {
    Map<String, BooleanSupplier> checks = liveChecks();
    checks.put("etcd", () -> controlPlane.storage().isHealthy());
    return checks;
  }

  private static Response report(String endpoint, Map<String, BooleanSupplier> checks,
      boolean verbose) {
    StringBuilder text = new StringBuilder();
    boolean healthy = true;
    for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
      boolean ok = check.getValue().getAsBoolean();
      healthy &= ok;
      text.append(ok ? "[+]" : "[-]").append(check.getKey())
          .append(ok ? " ok" : " failed: reason withheld").append('\n');
    }
    String body;
    if (healthy) {
      body = verbose ? text + endpoint + " check passed\n" : "ok";
    } else {
      body = text + endpoint + " check failed\n";
    }
    return Response.status(healthy ? 200 : 503).type("text/plain").entity(body).build();
  }
}
