package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kinds served for the controller manager: core/v1 ReplicationControllers with their scale
 * subresource, discovery.k8s.io/v1 EndpointSlices and autoscaling/v2 HorizontalPodAutoscalers
 * with their status subresource; in discovery; and new pods' default tolerations.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControllerKindsIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  @Test
  void replicationControllersAreDefaultedAndScaleThroughTheirLabelMap() {
    Reply created = api.post("/api/v1/namespaces/default/replicationcontrollers",
        "{'metadata':{'name':'rc1'},'spec':{'template':{'metadata':{'labels':{'app':'rc1'}},"
            + "'spec':{'containers':[{'name':'c','image':'busybox'}]}}}}");
    assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.body().at("/spec/selector/app").asString()).isEqualTo("rc1");
    assertThat(created.body().at("/metadata/generation").asInt()).isEqualTo(1);
    assertThat(created.body().at("/status").toString()).isEqualTo("{}");

    Reply scale = api.get("/api/v1/namespaces/default/replicationcontrollers/rc1/scale");
    assertThat(scale.text("/status/selector")).isEqualTo("app=rc1");
    assertThat(scale.body().at("/spec/replicas").asInt()).isEqualTo(1);
    Reply scaled = api.call("PATCH", "/api/v1/namespaces/default/replicationcontrollers/rc1/scale",
        "{'spec':{'replicas':4}}", "application/merge-patch+json");
    assertThat(scaled.code()).isEqualTo(200);
    Reply rc = api.get("/api/v1/namespaces/default/replicationcontrollers/rc1");
    assertThat(rc.body().at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(rc.body().at("/metadata/generation").asInt()).isEqualTo(2);

    Reply status = api.put("/api/v1/namespaces/default/replicationcontrollers/rc1/status",
        "{'metadata':{'name':'rc1'},'status':{'replicas':4,'readyReplicas':2,"
            + "'observedGeneration':2}}");
    assertThat(status.code()).isEqualTo(200);
    assertThat(status.body().at("/status/readyReplicas").asInt()).isEqualTo(2);
  }

  @Test
  void endpointSlicesAndAutoscalersAreServed() {
    Reply slice = api.post("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices",
        "{'metadata':{'name':'web-abc','labels':{'kubernetes.io/service-name':'web'}},"
            + "'addressType':'IPv4','endpoints':[{'addresses':['10.1.0.4'],"
            + "'conditions':{'ready':true}}],'ports':[{'name':'http','port':8080}]}");
    assertThat(slice.code()).as(slice.body().toString()).isEqualTo(201);
    assertThat(slice.body().at("/ports/0/protocol").asString()).isEqualTo("TCP");
    Reply listed = api.get("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices"
        + "?labelSelector=kubernetes.io%2Fservice-name%3Dweb");
    assertThat(listed.body().path("items").size()).isEqualTo(1);

    Reply hpa = api.post("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers",
        "{'metadata':{'name':'web'},'spec':{'scaleTargetRef':{'apiVersion':'apps/v1',"
            + "'kind':'Deployment','name':'web'},'maxReplicas':5}}");
    assertThat(hpa.code()).as(hpa.body().toString()).isEqualTo(201);
    assertThat(hpa.body().at("/spec/minReplicas").asInt()).isEqualTo(1);
    assertThat(hpa.body().at("/spec/metrics/0/resource/target/averageUtilization").asInt())
        .isEqualTo(80);
    Reply status = api.put(
        "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web/status",
        "{'metadata':{'name':'web'},'status':{'desiredReplicas':0,'conditions':[{'type':"
            + "'ScalingActive','status':'False','reason':'FailedGetResourceMetric'}]}}");
    assertThat(status.code()).as(status.body().toString()).isEqualTo(200);

    assertThat(api.get("/apis/discovery.k8s.io/v1").body().toString())
        .contains("\"endpointslices\"");
    assertThat(api.get("/apis/autoscaling/v2").body().toString())
        .contains("\"horizontalpodautoscalers\"").contains("\"hpa\"");
    assertThat(api.get("/api/v1").body().toString())
        .contains("\"replicationcontrollers/scale\"");
  }

  @Test
  void newPodsTolerateAnUnreachableNodeForFiveMinutes() {
    Reply pod = api.post("/api/v1/namespaces/default/pods", "{'metadata':{'name':'tolerant'},"
        + "'spec':{'containers':[{'name':'c','image':'busybox'}]}}");
    assertThat(pod.body().at("/spec/tolerations").toString()).isEqualTo(
        "[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\","
            + "\"effect\":\"NoExecute\",\"tolerationSeconds\":300},"
            + "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\","
            + "\"effect\":\"NoExecute\",\"tolerationSeconds\":300}]");
  }
}
