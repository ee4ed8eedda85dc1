package io.kubee.apiserver.rest;

import io.kubee.api.codec.Codec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /version}. kubectl picks its behaviour by the server's minor version (see
 * shared/reference/KUBECTL.md), so Kubee reports the Kubernetes API level it implements.
 */
@Path("version")
public class VersionEndpoint {
  /** The Kubernetes release whose API Kubee serves. */
  public static final String MAJOR = "1";
  public static final String MINOR = "32";

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] version() {
    Map<String, String> version = new LinkedHashMap<>();
    version.put("major", MAJOR);
    version.put("minor", MINOR);
    version.put("gitVersion", "v" + MAJOR + "." + MINOR + ".0");
    version.put("gitCommit", "kubee");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "1970-01-01T00:00:00Z");
    version.put("goVersion", "java" + Runtime.version().feature());
    version.put("compiler", "javac");
    version.put("platform", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT)
        + "/" + System.getProperty("os.arch"));
    return Codec.INSTANCE.writeJson(version);
  }
}
