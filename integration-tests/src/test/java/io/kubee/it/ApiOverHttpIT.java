package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.it.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The REST API over HTTP on the deployed EAR, as curl uses it: YAML and JSON bodies and answers,
 * selectors, conflicts, discovery and the health endpoints.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ApiOverHttpIT {
  private static final String POD_YAML = """
      apiVersion: v1
      kind: Pod
      metadata:
        name: %s
        labels:
          app: %s
      spec:
        containers:
        - name: main
          image: busybox:1.36
          command: ["sleep", "3600"]
      """;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @Test
  void createsAPodFromYamlAndListsItByLabel() {
    Reply created = Http.post("/api/v1/namespaces/default/pods", POD_YAML.formatted("yaml-1", "web"),
        "application/yaml");
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    assertThat(created.contentType()).startsWith("application/json");
    assertThat(created.text("/metadata/uid")).isNotEmpty();
    Http.post("/api/v1/namespaces/default/pods", POD_YAML.formatted("yaml-2", "db"),
        "application/yaml");

    Reply list = Http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb");
    assertThat(list.code()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    list.json().path("items").forEach(p -> names.add(p.at("/metadata/name").asString()));
    assertThat(names).containsExactly("yaml-1");

    Reply yaml = Http.get("/api/v1/namespaces/default/pods/yaml-1", "application/yaml");
    assertThat(yaml.code()).isEqualTo(200);
    assertThat(yaml.contentType()).startsWith("application/yaml");
    assertThat(yaml.body()).contains("name: yaml-1").contains("phase: Pending");
  }

  @Test
  void staleUpdatesConflictAndTheStoredObjectSurvives() {
    Reply created = Http.post("/api/v1/namespaces/default/configmaps",
        "{\"metadata\":{\"name\":\"http-cm\"},\"data\":{\"v\":\"1\"}}", "application/json");
    String rv = created.text("/metadata/resourceVersion");
    Reply first = Http.put("/api/v1/namespaces/default/configmaps/http-cm",
        "{\"metadata\":{\"name\":\"http-cm\",\"resourceVersion\":\"" + rv + "\"},"
            + "\"data\":{\"v\":\"2\"}}");
    assertThat(first.code()).isEqualTo(200);
    Reply second = Http.put("/api/v1/namespaces/default/configmaps/http-cm",
        "{\"metadata\":{\"name\":\"http-cm\",\"resourceVersion\":\"" + rv + "\"},"
            + "\"data\":{\"v\":\"3\"}}");
    assertThat(second.code()).isEqualTo(409);
    assertThat(second.text("/reason")).isEqualTo("Conflict");
    assertThat(Http.get("/api/v1/namespaces/default/configmaps/http-cm").text("/data/v"))
        .isEqualTo("2");
    assertThat(Http.post("/api/v1/namespaces/default/configmaps",
        "{\"metadata\":{\"name\":\"http-cm\"}}", "application/json").text("/reason"))
        .isEqualTo("AlreadyExists");
  }

  /**
   * Every patch type reaches the apiserver over HTTP. RESTEasy's own PATCH filter used to take
   * merge-patch and json-patch requests first and fail them with a 500 (disabled in web.xml).
   */
  @Test
  void everyPatchTypeReachesTheApiserver() {
    String path = "/api/v1/namespaces/default/configmaps/patched";
    assertThat(Http.post("/api/v1/namespaces/default/configmaps",
        "{\"metadata\":{\"name\":\"patched\"},\"data\":{\"a\":\"1\"}}",
        "application/json").code()).isEqualTo(201);

    Reply merge = Http.send("PATCH", path, "{\"data\":{\"b\":\"2\"}}",
        "application/merge-patch+json");
    assertThat(merge.code()).as(merge.body()).isEqualTo(200);
    Reply json = Http.send("PATCH", path,
        "[{\"op\":\"add\",\"path\":\"/data/c\",\"value\":\"3\"}]",
        "application/json-patch+json");
    assertThat(json.code()).as(json.body()).isEqualTo(200);
    Reply strategic = Http.send("PATCH", path, "{\"data\":{\"a\":null}}",
        "application/strategic-merge-patch+json");
    assertThat(strategic.code()).as(strategic.body()).isEqualTo(200);
    assertThat(strategic.json().path("data").toString()).isEqualTo("{\"b\":\"2\",\"c\":\"3\"}");

    Reply missing = Http.send("PATCH", "/api/v1/namespaces/default/configmaps/nothing",
        "{\"data\":{}}", "application/merge-patch+json");
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.text("/reason")).isEqualTo("NotFound");
  }

  @Test
  void deploymentsLiveUnderTheirGroupAndDeleteCascadesToNothingYet() {
    String deployment = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":"
        + "{\"name\":\"web\"},\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
        + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":"
        + "[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}";
    Reply created = Http.post("/apis/apps/v1/namespaces/default/deployments", deployment,
        "application/json");
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/spec/replicas").asInt()).isEqualTo(1);
    // other test classes leave deployments in the shared etcd: look for this one
    assertThat(Http.get("/apis/apps/v1/deployments?fieldSelector=metadata.namespace%3Ddefault,"
        + "metadata.name%3Dweb").json().path("items").size()).isEqualTo(1);
    Reply deleted = Http.delete("/apis/apps/v1/namespaces/default/deployments/web");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(Http.get("/apis/apps/v1/namespaces/default/deployments/web").code()).isEqualTo(404);
  }

  @Test
  void discoveryListsTheServedResources() {
    assertThat(Http.get("/api").json().path("versions").get(0).asString()).isEqualTo("v1");
    Reply core = Http.get("/api/v1");
    assertThat(core.text("/kind")).isEqualTo("APIResourceList");
    List<String> resources = new ArrayList<>();
    core.json().path("resources").forEach(r -> resources.add(r.path("name").asString()));
    assertThat(resources).contains("pods", "pods/status", "namespaces", "nodes", "services",
        "endpoints", "configmaps", "secrets", "events", "serviceaccounts");
    Reply groups = Http.get("/apis");
    assertThat(groups.text("/kind")).isEqualTo("APIGroupList");
    assertThat(groups.body()).contains("\"apps/v1\"").contains("\"coordination.k8s.io/v1\"");
    assertThat(Http.get("/apis/apps/v1").body()).contains("\"deployments\"")
        .contains("\"replicasets\"");
  }

  @Test
  void kubernetesHealthEndpointsAnswer() {
    for (String path : List.of("/livez", "/readyz", "/healthz", "/readyz/etcd", "/livez/ping")) {
      Reply reply = Http.get(path);
      assertThat(reply.code()).as(path).isEqualTo(200);
      assertThat(reply.body()).as(path).isEqualTo("ok");
    }
    assertThat(Http.get("/readyz?verbose").body()).contains("[+]etcd ok")
        .contains("readyz check passed");
    assertThat(Http.get("/readyz/nothing").code()).isEqualTo(404);
  }
}
