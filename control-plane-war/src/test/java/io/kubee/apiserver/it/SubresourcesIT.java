package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.handlers.ApiResponse;
import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** scale, binding, eviction, the node-proxied subresources, finalize; graceful pod deletion. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubresourcesIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
  private static final String PODS = "/api/v1/namespaces/default/pods";

  @Test
  void scaleShowsAndChangesTheReplicas() {
    deployment("scaled");
    Reply scale = api.get(DEPLOYMENTS + "/scaled/scale");
    assertThat(scale.code()).isEqualTo(200);
    assertThat(scale.text("/kind")).isEqualTo("Scale");
    assertThat(scale.text("/apiVersion")).isEqualTo("autoscaling/v1");
    assertThat(scale.body().at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(scale.text("/status/selector")).isEqualTo("app=scaled");

    Reply put = api.put(DEPLOYMENTS + "/scaled/scale",
        "{'kind':'Scale','apiVersion':'autoscaling/v1','metadata':{'name':'scaled'},"
            + "'spec':{'replicas':5}}");
    assertThat(put.code()).isEqualTo(200);
    assertThat(put.body().at("/spec/replicas").asInt()).isEqualTo(5);
    Reply deployment = api.get(DEPLOYMENTS + "/scaled");
    assertThat(deployment.body().at("/spec/replicas").asInt()).isEqualTo(5);
    assertThat(deployment.body().at("/metadata/generation").asInt()).isEqualTo(2);

    // kubectl scale sends a merge patch to the scale subresource
    Reply patched = api.call("PATCH", DEPLOYMENTS + "/scaled/scale",
        "{'spec':{'replicas':2}}", "application/merge-patch+json");
    assertThat(patched.code()).isEqualTo(200);
    assertThat(api.get(DEPLOYMENTS + "/scaled").body().at("/spec/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void scaleRefusesStaleVersionsAndNegativeReplicas() {
    Reply created = deployment("guarded");
    String stale = created.text("/metadata/resourceVersion");
    api.put(DEPLOYMENTS + "/guarded/scale", "{'spec':{'replicas':3}}");
    Reply conflict = api.put(DEPLOYMENTS + "/guarded/scale",
        "{'metadata':{'name':'guarded','resourceVersion':'" + stale + "'},'spec':{'replicas':4}}");
    assertThat(conflict.code()).isEqualTo(409);
    Reply negative = api.put(DEPLOYMENTS + "/guarded/scale", "{'spec':{'replicas':-1}}");
    assertThat(negative.code()).isEqualTo(422);
    assertThat(negative.text("/message")).startsWith("Scale.autoscaling \"guarded\" is invalid");
    assertThat(api.get(DEPLOYMENTS + "/guarded").body().at("/spec/replicas").asInt()).isEqualTo(3);
  }

  @Test
  void bindingAssignsANodeOnce() {
    pod("to-bind", "");
    Reply bound = api.post(PODS + "/to-bind/binding", "{'apiVersion':'v1','kind':'Binding',"
        + "'metadata':{'name':'to-bind'},'target':{'apiVersion':'v1','kind':'Node',"
        + "'name':'node-1'}}");
    assertThat(bound.code()).isEqualTo(201);
    assertThat(bound.text("/status")).isEqualTo("Success");
    Reply pod = api.get(PODS + "/to-bind");
    assertThat(pod.text("/spec/nodeName")).isEqualTo("node-1");
    JsonNode condition = pod.body().at("/status/conditions/0");
    assertThat(condition.path("type").asString()).isEqualTo("PodScheduled");
    assertThat(condition.path("status").asString()).isEqualTo("True");

    Reply again = api.post(PODS + "/to-bind/binding",
        "{'metadata':{'name':'to-bind'},'target':{'name':'node-2'}}");
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.text("/message")).contains("is already assigned to node \"node-1\"");
    assertThat(api.post(PODS + "/nobody/binding",
        "{'metadata':{'name':'nobody'},'target':{'name':'node-2'}}").code()).isEqualTo(404);
  }

  @Test
  void nodeNameCannotBeChangedByAnUpdate() {
    Reply pod = pod("pinned", "");
    Reply update = api.put(PODS + "/pinned", pod.body().toString()
        .replace("\"spec\":{", "\"spec\":{\"nodeName\":\"sneaky\","));
    assertThat(update.code()).isEqualTo(422);
  }

  @Test
  void scheduledPodsAreDeletedGracefully() {
    pod("graceful", "node-1");
    Instant before = Instant.now();
    Reply deleting = api.delete(PODS + "/graceful");
    assertThat(deleting.code()).isEqualTo(200);
    assertThat(deleting.body().at("/metadata/deletionGracePeriodSeconds").asInt()).isEqualTo(30);
    Instant deadline = Instant.parse(deleting.text("/metadata/deletionTimestamp"));
    assertThat(Duration.between(before, deadline).getSeconds()).isBetween(28L, 31L);
    assertThat(api.get(PODS + "/graceful").code()).isEqualTo(200);

    Reply shorter = api.delete(PODS + "/graceful?gracePeriodSeconds=5");
    assertThat(shorter.body().at("/metadata/deletionGracePeriodSeconds").asInt()).isEqualTo(5);

    // the node agent reports status while it stops the pod: that does not end the grace period
    // (Kubernetes' ShouldDeleteDuringUpdate deletes only without one)
    Reply status = api.call("PATCH", PODS + "/graceful/status",
        "{'status':{'phase':'Running','conditions':[{'type':'Ready','status':'False'}]}}",
        "application/merge-patch+json");
    assertThat(status.code()).as(status.body().toString()).isEqualTo(200);
    assertThat(api.get(PODS + "/graceful").code()).isEqualTo(200);

    Reply forced = api.delete(PODS + "/graceful?gracePeriodSeconds=0");
    assertThat(forced.code()).isEqualTo(200);
    assertThat(api.get(PODS + "/graceful").code()).isEqualTo(404);
  }

  @Test
  void evictionDeletesThePod() {
    pod("evicted", "");
    Reply evicted = api.post(PODS + "/evicted/eviction",
        "{'apiVersion':'policy/v1','kind':'Eviction','metadata':{'name':'evicted'}}");
    assertThat(evicted.code()).isEqualTo(201);
    assertThat(api.get(PODS + "/evicted").code()).isEqualTo(404);

    pod("evicted-gently", "node-1");
    api.post(PODS + "/evicted-gently/eviction", "{'apiVersion':'policy/v1','kind':'Eviction',"
        + "'metadata':{'name':'evicted-gently'},'deleteOptions':{'gracePeriodSeconds':10}}");
    Reply terminating = api.get(PODS + "/evicted-gently");
    assertThat(terminating.body().at("/metadata/deletionGracePeriodSeconds").asInt()).isEqualTo(10);
    assertThat(api.post(PODS + "/gone/eviction", "{'metadata':{'name':'gone'}}").code())
        .isEqualTo(404);
  }

  @Test
  void nodeProxiedSubresourcesSayWhyTheyCannotAnswer() {
    pod("unscheduled", "");
    Reply noHost = api.get(PODS + "/unscheduled/log");
    assertThat(noHost.code()).isEqualTo(400);
    assertThat(noHost.text("/message")).isEqualTo("pod unscheduled does not have a host assigned");

    // Kubernetes looks the node up (NodeConnectionInfoGetter) and passes its NotFound through.
    pod("running", "node-1");
    Reply log = api.get(PODS + "/running/log?container=c&follow=true");
    assertThat(log.code()).isEqualTo(404);
    assertThat(log.text("/reason")).isEqualTo("NotFound");
    assertThat(log.text("/message")).isEqualTo("nodes \"node-1\" not found");
    assertThat(log.text("/details/kind")).isEqualTo("nodes");
    assertThat(log.text("/details/name")).isEqualTo("node-1");
    Reply badContainer = api.get(PODS + "/running/log?container=nope");
    assertThat(badContainer.code()).isEqualTo(400);
    assertThat(badContainer.text("/message")).isEqualTo("container nope is not valid for pod running");
    Reply exec = api.call("POST", PODS + "/running/exec?command=ls&container=c", null, null);
    assertThat(exec.code()).isEqualTo(404);
    assertThat(exec.text("/message")).isEqualTo("nodes \"node-1\" not found");
    assertThat(api.get(PODS + "/missing/log").code()).isEqualTo(404);
  }

  @Test
  void finalizeChangesOnlyTheNamespaceFinalizers() {
    api.post("/api/v1/namespaces", "{'metadata':{'name':'finalized','labels':{'a':'b'}}}");
    Reply finalized = api.put("/api/v1/namespaces/finalized/finalize",
        "{'metadata':{'name':'finalized'},'spec':{'finalizers':[]}}");
    assertThat(finalized.code()).isEqualTo(200);
    assertThat(finalized.body().at("/spec/finalizers").isEmpty()).isTrue();
    assertThat(finalized.text("/metadata/labels/a")).isEqualTo("b");
  }

  @Test
  void aggregatedDiscoveryListsResourcesWithTheirSubresources() {
    var response = (ApiResponse.Entity) api.controlPlane().handler().handle(
        ControlPlaneExtension.request("GET", "/api", null, null,
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
                + "application/json"));
    assertThat(response.mediaType())
        .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    JsonNode body = response.body();
    assertThat(body.path("kind").asString()).isEqualTo("APIGroupDiscoveryList");
    JsonNode pods = null;
    for (JsonNode resource : body.at("/items/0/versions/0/resources")) {
      if (resource.path("resource").asString().equals("pods")) {
        pods = resource;
      }
    }
    assertThat(pods).isNotNull();
    assertThat(pods.path("shortNames").get(0).asString()).isEqualTo("po");
    assertThat(pods.path("scope").asString()).isEqualTo("Namespaced");
    assertThat(pods.path("subresources").toString())
        .contains("{\"subresource\":\"eviction\",\"responseKind\":{\"group\":\"policy\","
            + "\"version\":\"v1\",\"kind\":\"Eviction\"},\"verbs\":[\"create\"]}");

    Reply legacy = api.get("/apis/apps/v1");
    assertThat(legacy.body().toString()).contains("\"name\":\"deployments/scale\","
        + "\"singularName\":\"\",\"namespaced\":true,\"group\":\"autoscaling\","
        + "\"version\":\"v1\",\"kind\":\"Scale\"");
  }

  @Test
  void namespacesCannotBeDeletedAsACollection() {
    Reply core = api.get("/api/v1");
    for (JsonNode resource : core.body().path("resources")) {
      String name = resource.path("name").asString();
      if (name.equals("namespaces")) {
        assertThat(resource.path("verbs").toString())
            .isEqualTo("[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\","
                + "\"watch\"]");
      } else if (name.equals("nodes") || name.equals("pods")) {
        assertThat(resource.path("verbs").toString()).contains("\"deletecollection\"");
      }
    }

    assertThat(api.post("/api/v1/namespaces", "{'metadata':{'name':'keep-me'}}").code())
        .isEqualTo(201);
    // Kubernetes' namespace storage has no DeleteCollection: 405, nothing deleted
    Reply deleteAll = api.delete("/api/v1/namespaces");
    assertThat(deleteAll.code()).as(deleteAll.body().toString()).isEqualTo(405);
    assertThat(deleteAll.text("/reason")).isEqualTo("MethodNotAllowed");
    assertThat(api.get("/api/v1/namespaces/keep-me").text("/status/phase")).isEqualTo("Active");
  }

  private static Reply deployment(String name) {
    Reply reply = api.post(DEPLOYMENTS, "{'apiVersion':'apps/v1','kind':'Deployment','metadata':"
        + "{'name':'" + name + "'},'spec':{'selector':{'matchLabels':{'app':'" + name + "'}},"
        + "'template':{'metadata':{'labels':{'app':'" + name + "'}},'spec':{'containers':"
        + "[{'name':'c','image':'busybox'}]}}}}");
    assertThat(reply.code()).as(reply.body().toString()).isEqualTo(201);
    return reply;
  }

  private static Reply pod(String name, String node) {
    Reply reply = api.post(PODS, "{'metadata':{'name':'" + name + "'},'spec':{"
        + (node.isEmpty() ? "" : "'nodeName':'" + node + "',")
        + "'containers':[{'name':'c','image':'busybox'}]}}");
    assertThat(reply.code()).as(reply.body().toString()).isEqualTo(201);
    return reply;
  }
}
