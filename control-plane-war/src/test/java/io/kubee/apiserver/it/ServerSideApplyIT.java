package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Server-side apply and managedFields through the pipeline. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerSideApplyIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  private static final String APPLY = "application/apply-patch+yaml";
  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";

  private static String deployment(String name, int replicas, String extraLabel) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          labels:
            app: %s
        %s
        spec:
          replicas: %d
          selector:
            matchLabels: {app: %s}
          template:
            metadata:
              labels: {app: %s}
            spec:
              containers:
              - name: main
                image: busybox:1.36
        """.formatted(name, name, extraLabel.isEmpty() ? "" : "    " + extraLabel, replicas,
        name, name);
  }

  @Test
  void applyCreatesThenChangesThenRemoves() {
    Reply created = api.call("PATCH", DEPLOYMENTS + "/ssa?fieldManager=tester",
        deployment("ssa", 2, "tier: web"), APPLY);
    assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.body().at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode entry = created.body().at("/metadata/managedFields/0");
    assertThat(entry.path("manager").asString()).isEqualTo("tester");
    assertThat(entry.path("operation").asString()).isEqualTo("Apply");
    assertThat(entry.at("/fieldsV1/f:spec/f:replicas").isObject()).isTrue();

    Reply changed = api.call("PATCH", DEPLOYMENTS + "/ssa?fieldManager=tester",
        deployment("ssa", 3, ""), APPLY);
    assertThat(changed.code()).isEqualTo(200);
    assertThat(changed.body().at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(changed.body().at("/metadata/labels").has("tier"))
        .as("a label the manager no longer applies is removed").isFalse();
  }

  @Test
  void anotherManagersChangeIsAConflictUnlessForced() {
    api.call("PATCH", DEPLOYMENTS + "/shared?fieldManager=owner", deployment("shared", 1, ""),
        APPLY);
    Reply scaled = api.call("PATCH", DEPLOYMENTS + "/shared?fieldManager=scaler",
        "{'spec':{'replicas':5}}", "application/merge-patch+json");
    assertThat(scaled.code()).isEqualTo(200);

    Reply conflict = api.call("PATCH", DEPLOYMENTS + "/shared?fieldManager=owner",
        deployment("shared", 1, ""), APPLY);
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.text("/message")).isEqualTo(
        "Apply failed with 1 conflict: conflict with \"scaler\" using apps/v1: .spec.replicas");
    assertThat(conflict.text("/details/causes/0/reason")).isEqualTo("FieldManagerConflict");
    assertThat(api.get(DEPLOYMENTS + "/shared").body().at("/spec/replicas").asInt()).isEqualTo(5);

    Reply forced = api.call("PATCH", DEPLOYMENTS + "/shared?fieldManager=owner&force=true",
        deployment("shared", 1, ""), APPLY);
    assertThat(forced.code()).isEqualTo(200);
    assertThat(forced.body().at("/spec/replicas").asInt()).isEqualTo(1);
  }

  @Test
  void applyNeedsAFieldManager() {
    Reply reply = api.call("PATCH", DEPLOYMENTS + "/nameless", deployment("nameless", 1, ""),
        APPLY);
    assertThat(reply.code()).isEqualTo(422);
    assertThat(reply.text("/message")).contains("fieldManager: Required value");
  }

  @Test
  void everyWriteIsRecordedUnderItsManager() {
    Reply created = api.post("/api/v1/namespaces/default/configmaps",
        "{'metadata':{'name':'tracked'},'data':{'a':'1'}}");
    JsonNode entry = created.body().at("/metadata/managedFields/0");
    assertThat(entry.path("manager").asString()).isEqualTo("kubee-tests");
    assertThat(entry.path("operation").asString()).isEqualTo("Update");
    assertThat(entry.at("/fieldsV1/f:data/f:a").isObject()).isTrue();

    Reply edited = api.call("PATCH",
        "/api/v1/namespaces/default/configmaps/tracked?fieldManager=kubectl-edit",
        "{'data':{'b':'2'}}", "application/merge-patch+json");
    assertThat(edited.body().path("metadata").path("managedFields").toString())
        .contains("\"manager\":\"kubectl-edit\"").contains("\"f:b\"");
  }

  @Test
  void theLastAppliedAnnotationIsKeptVerbatim() {
    String annotation = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{},"
        + "\"name\":\"annotated\",\"namespace\":\"default\"}}\n";
    Reply created = api.call("POST", "/api/v1/namespaces/default/configmaps",
        "{\"metadata\":{\"name\":\"annotated\",\"annotations\":{"
            + "\"kubectl.kubernetes.io/last-applied-configuration\":"
            + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(annotation)
            + "}}}", "application/json");
    assertThat(created.code()).isEqualTo(201);
    Reply read = api.get("/api/v1/namespaces/default/configmaps/annotated");
    assertThat(read.text("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration"))
        .isEqualTo(annotation);
  }
}
