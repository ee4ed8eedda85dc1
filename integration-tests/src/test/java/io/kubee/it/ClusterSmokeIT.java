package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole control plane as a user starts it: the EAR on WildFly against a real etcd answers
 * health probes and {@code /version}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClusterSmokeIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @Test
  void liveness_is_up() throws Exception {
    assertHealthUp("/health/live");
  }

  @Test
  void readiness_is_up_with_etcd_answering() throws Exception {
    JsonNode health = assertHealthUp("/health/ready");

    assertThat(health.path("checks").valueStream()
        .filter(check -> check.path("name").asString().equals("etcd")))
        .as(health.toString())
        .singleElement()
        .satisfies(check -> assertThat(check.path("status").asString()).isEqualTo("UP"));
  }

  @Test
  void startup_is_up() throws Exception {
    assertHealthUp("/health/started");
  }

  @Test
  void version_is_kubernetes_1_32() throws Exception {
    HttpResponse<String> response = get(Cluster.api("/version"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonNode version = JSON.readTree(response.body());
    assertThat(version.path("major").asString()).isEqualTo("1");
    assertThat(version.path("minor").asString()).isEqualTo("32");
  }

  /**
   * Waits until the probe answers 200 — jetcd connects in the background after deployment
   * (about 2 s) — and returns its body, asserting {@code "status":"UP"}.
   */
  private static JsonNode assertHealthUp(String path) throws IOException, InterruptedException {
    URI uri = URI.create(Cluster.managementBase() + path);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> get(uri).statusCode() == 200);
    HttpResponse<String> response = get(uri);

    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    JsonNode health = JSON.readTree(response.body());
    assertThat(health.path("status").asString()).as(response.body()).isEqualTo("UP");
    return health;
  }

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
