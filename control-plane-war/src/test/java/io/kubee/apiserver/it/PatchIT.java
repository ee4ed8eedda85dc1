package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Strategic merge patch and JSON patch through the pipeline, as kubectl and fabric8 send them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PatchIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
  private static final String SMP = "application/strategic-merge-patch+json";

  @Test
  void strategicPatchMergesContainersByName() {
    deployment("smp");
    Reply patched = api.call("PATCH", DEPLOYMENTS + "/smp", "{'spec':{'template':{'spec':"
        + "{'containers':[{'name':'sidecar','image':'busybox:1.36'},{'name':'main',"
        + "'env':[{'name':'MODE','value':'fast'}]}]}}}}", SMP);
    assertThat(patched.code()).as(patched.body().toString()).isEqualTo(200);
    JsonNode containers = patched.body().at("/spec/template/spec/containers");
    assertThat(names(containers)).containsExactlyInAnyOrder("main", "sidecar");
    for (JsonNode container : containers) {
      if (container.path("name").asString().equals("main")) {
        assertThat(container.path("image").asString()).isEqualTo("busybox");
        assertThat(container.at("/env/0/value").asString()).isEqualTo("fast");
      }
    }
    assertThat(patched.body().at("/metadata/generation").asInt()).isEqualTo(2);
  }

  @Test
  void kubectlApplysPatchWithSetElementOrderAndDeletion() {
    deployment("applied");
    api.call("PATCH", DEPLOYMENTS + "/applied", "{'spec':{'template':{'spec':{'containers':"
        + "[{'name':'extra','image':'busybox'}]}}}}", SMP);
    Reply patched = api.call("PATCH", DEPLOYMENTS + "/applied", "{'spec':{'template':{'spec':{"
        + "'$setElementOrder/containers':[{'name':'main'}],"
        + "'containers':[{'$patch':'delete','name':'extra'}]}}}}", SMP);
    assertThat(patched.code()).as(patched.body().toString()).isEqualTo(200);
    assertThat(names(patched.body().at("/spec/template/spec/containers"))).containsExactly("main");
  }

  @Test
  void labelAndCordonStylePatches() {
    api.post("/api/v1/nodes", "{'metadata':{'name':'n1'}}");
    Reply cordoned = api.call("PATCH", "/api/v1/nodes/n1", "{'spec':{'unschedulable':true}}", SMP);
    assertThat(cordoned.body().at("/spec/unschedulable").asBoolean()).isTrue();
    Reply labelled = api.call("PATCH", "/api/v1/nodes/n1",
        "{'metadata':{'labels':{'zone':'a'}}}", SMP);
    assertThat(labelled.text("/metadata/labels/zone")).isEqualTo("a");
    Reply uncordoned = api.call("PATCH", "/api/v1/nodes/n1", "{'spec':{'unschedulable':null}}",
        SMP);
    assertThat(uncordoned.body().at("/spec/unschedulable").isMissingNode()).isTrue();
  }

  @Test
  void jsonPatchCarryingAStaleResourceVersionConflicts() {
    Reply created = api.post("/api/v1/namespaces/default/configmaps",
        "{'metadata':{'name':'edited'},'data':{'a':'1'}}");
    String rv = created.text("/metadata/resourceVersion");
    Reply first = api.call("PATCH", "/api/v1/namespaces/default/configmaps/edited",
        "[{'op':'replace','path':'/data/a','value':'2'},"
            + "{'op':'replace','path':'/metadata/resourceVersion','value':'" + rv + "'}]",
        "application/json-patch+json");
    assertThat(first.code()).as(first.body().toString()).isEqualTo(200);
    assertThat(first.text("/data/a")).isEqualTo("2");
    // fabric8's edit() sends the resourceVersion it read: now stale
    Reply second = api.call("PATCH", "/api/v1/namespaces/default/configmaps/edited",
        "[{'op':'replace','path':'/data/a','value':'3'},"
            + "{'op':'replace','path':'/metadata/resourceVersion','value':'" + rv + "'}]",
        "application/json-patch+json");
    assertThat(second.code()).isEqualTo(409);
    assertThat(api.get("/api/v1/namespaces/default/configmaps/edited").text("/data/a"))
        .isEqualTo("2");
  }

  @Test
  void strategicPatchOfTheScaleSubresource() {
    deployment("scaled-smp");
    Reply scaled = api.call("PATCH", DEPLOYMENTS + "/scaled-smp/scale",
        "{'spec':{'replicas':4}}", SMP);
    assertThat(scaled.code()).isEqualTo(200);
    assertThat(scaled.body().at("/spec/replicas").asInt()).isEqualTo(4);
  }

  private static void deployment(String name) {
    Reply reply = api.post(DEPLOYMENTS, "{'apiVersion':'apps/v1','kind':'Deployment','metadata':"
        + "{'name':'" + name + "'},'spec':{'selector':{'matchLabels':{'app':'" + name + "'}},"
        + "'template':{'metadata':{'labels':{'app':'" + name + "'}},'spec':{'containers':"
        + "[{'name':'main','image':'busybox'}]}}}}");
    assertThat(reply.code()).as(reply.body().toString()).isEqualTo(201);
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(item -> names.add(item.path("name").asString()));
    return names;
  }
}
