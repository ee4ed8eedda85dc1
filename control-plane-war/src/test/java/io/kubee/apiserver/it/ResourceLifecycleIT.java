package io.kubee.apiserver.it;

import static io.kubee.apiserver.it.ControlPlaneExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, read, update and the server-owned fields, through the whole pipeline and etcd. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResourceLifecycleIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  private static final String POD = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'%s',"
      + "'labels':{'app':'web'}},'spec':{'containers':[{'name':'c','image':'busybox:1.36'}]}}";

  @Test
  void systemNamespacesExistFromTheStart() {
    Reply list = api.get("/api/v1/namespaces");
    assertThat(list.code()).isEqualTo(200);
    assertThat(list.body().path("items").valueStream().map(n -> n.at("/metadata/name").asString()))
        .contains("default", "kube-system", "kube-public", "kube-node-lease");
    Reply system = api.get("/api/v1/namespaces/kube-system");
    assertThat(system.text("/status/phase")).isEqualTo("Active");
    assertThat(system.body().at("/spec/finalizers/0").asString()).isEqualTo("kubernetes");
  }

  @Test
  void createSetsServerFieldsDefaultsAndPendingStatus() {
    Reply created = api.post("/api/v1/namespaces/default/pods", pod("create-1"));
    assertThat(created.code()).isEqualTo(201);
    assertThat(created.text("/metadata/uid")).hasSize(36);
    assertThat(created.text("/metadata/creationTimestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(Long.parseLong(created.text("/metadata/resourceVersion"))).isPositive();
    assertThat(created.text("/metadata/namespace")).isEqualTo("default");
    assertThat(created.text("/status/phase")).isEqualTo("Pending");
    assertThat(created.text("/status/qosClass")).isEqualTo("BestEffort");
    assertThat(created.text("/spec/restartPolicy")).isEqualTo("Always");
    assertThat(created.text("/spec/containers/0/imagePullPolicy")).isEqualTo("IfNotPresent");

    Reply read = api.get("/api/v1/namespaces/default/pods/create-1");
    assertThat(read.code()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(created.body());
  }

  @Test
  void createFromYamlAnswersYamlWhenAsked() {
    String yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: from-yaml
        data:
          greeting: hello
        """;
    var request = ControlPlaneExtension.request("POST", "/api/v1/namespaces/default/configmaps",
        yaml, "application/yaml", "application/yaml");
    var response = (io.kubee.apiserver.handlers.ApiResponse.Entity)
        api.controlPlane().handler().handle(request);
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.format()).isEqualTo(io.kubee.api.codec.Format.YAML);
    assertThat(response.body().at("/data/greeting").asString()).isEqualTo("hello");
  }

  @Test
  void secondCreateOfTheSameNameIsAlreadyExists() {
    assertThat(api.post("/api/v1/namespaces/default/pods", pod("twice")).code()).isEqualTo(201);
    Reply again = api.post("/api/v1/namespaces/default/pods", pod("twice"));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.text("/reason")).isEqualTo("AlreadyExists");
    assertThat(again.text("/message")).isEqualTo("pods \"twice\" already exists");
    assertThat(again.text("/details/name")).isEqualTo("twice");
    assertThat(again.text("/details/kind")).isEqualTo("pods");
  }

  @Test
  void generateNameGivesAFreshName() {
    String body = "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'generateName':'gen-'}}";
    Reply first = api.post("/api/v1/namespaces/default/configmaps", body);
    Reply second = api.post("/api/v1/namespaces/default/configmaps", body);
    assertThat(first.code()).isEqualTo(201);
    assertThat(first.text("/metadata/name")).matches("gen-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(second.text("/metadata/name")).isNotEqualTo(first.text("/metadata/name"));
  }

  @Test
  void objectsInAMissingNamespaceAreNotFound() {
    Reply reply = api.post("/api/v1/namespaces/nowhere/configmaps",
        "{'metadata':{'name':'x'}}");
    assertThat(reply.code()).isEqualTo(404);
    assertThat(reply.text("/message")).isEqualTo("namespaces \"nowhere\" not found");
  }

  @Test
  void missingObjectIsNotFoundInKubernetesWords() {
    Reply reply = api.get("/apis/apps/v1/namespaces/default/deployments/ghost");
    assertThat(reply.code()).isEqualTo(404);
    assertThat(reply.text("/kind")).isEqualTo("Status");
    assertThat(reply.text("/status")).isEqualTo("Failure");
    assertThat(reply.text("/reason")).isEqualTo("NotFound");
    assertThat(reply.text("/message")).isEqualTo("deployments.apps \"ghost\" not found");
    assertThat(reply.text("/details/group")).isEqualTo("apps");
  }

  @Test
  void updateWithAStaleResourceVersionIsAConflict() {
    Reply created = api.post("/api/v1/namespaces/default/configmaps",
        "{'metadata':{'name':'cm-conflict'},'data':{'k':'1'}}");
    String rv = created.text("/metadata/resourceVersion");
    Reply updated = api.put("/api/v1/namespaces/default/configmaps/cm-conflict",
        "{'metadata':{'name':'cm-conflict','resourceVersion':'" + rv + "'},'data':{'k':'2'}}");
    assertThat(updated.code()).isEqualTo(200);
    assertThat(Long.parseLong(updated.text("/metadata/resourceVersion")))
        .isGreaterThan(Long.parseLong(rv));
    assertThat(updated.text("/metadata/uid")).isEqualTo(created.text("/metadata/uid"));
    assertThat(updated.text("/metadata/creationTimestamp"))
        .isEqualTo(created.text("/metadata/creationTimestamp"));

    Reply stale = api.put("/api/v1/namespaces/default/configmaps/cm-conflict",
        "{'metadata':{'name':'cm-conflict','resourceVersion':'" + rv + "'},'data':{'k':'3'}}");
    assertThat(stale.code()).isEqualTo(409);
    assertThat(stale.text("/reason")).isEqualTo("Conflict");
    assertThat(stale.text("/message")).isEqualTo("Operation cannot be fulfilled on configmaps "
        + "\"cm-conflict\": the object has been modified; please apply your changes to the "
        + "latest version and try again");
    assertThat(api.get("/api/v1/namespaces/default/configmaps/cm-conflict").text("/data/k"))
        .isEqualTo("2");
  }

  @Test
  void rewritingAnUnchangedObjectKeepsItsResourceVersion() {
    Reply created = api.post("/api/v1/namespaces/default/pods", pod("no-op"));
    Reply same = api.put("/api/v1/namespaces/default/pods/no-op", created.body().toString());
    assertThat(same.code()).isEqualTo(200);
    assertThat(same.text("/metadata/resourceVersion"))
        .isEqualTo(created.text("/metadata/resourceVersion"));
  }

  @Test
  void updateWithoutResourceVersionIsUnconditional() {
    api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'cm-free'}}");
    Reply updated = api.put("/api/v1/namespaces/default/configmaps/cm-free",
        "{'metadata':{'name':'cm-free'},'data':{'a':'b'}}");
    assertThat(updated.code()).isEqualTo(200);
    assertThat(updated.text("/data/a")).isEqualTo("b");
  }

  @Test
  void updateOfAMissingObjectIsNotFoundUnlessTheTypeAllowsCreate() {
    assertThat(api.put("/api/v1/namespaces/default/configmaps/absent",
        "{'metadata':{'name':'absent'}}").code()).isEqualTo(404);
    Reply lease = api.put("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1",
        "{'apiVersion':'coordination.k8s.io/v1','kind':'Lease','metadata':{'name':'n1'},"
            + "'spec':{'holderIdentity':'n1','leaseDurationSeconds':40}}");
    assertThat(lease.code()).isEqualTo(201);
  }

  @Test
  void mainResourceIgnoresStatusAndStatusSubresourceIgnoresSpec() {
    Reply created = api.post("/api/v1/namespaces/default/pods", pod("status-split"));
    ObjectNodeEditor pod = new ObjectNodeEditor(created.body());
    pod.set("/status/phase", "Running");
    pod.set("/metadata/labels/app", "changed");
    Reply main = api.put("/api/v1/namespaces/default/pods/status-split", pod.json());
    assertThat(main.code()).isEqualTo(200);
    assertThat(main.text("/status/phase")).isEqualTo("Pending");
    assertThat(main.text("/metadata/labels/app")).isEqualTo("changed");

    ObjectNodeEditor status = new ObjectNodeEditor(main.body());
    status.set("/status/phase", "Running");
    status.set("/spec/containers/0/image", "busybox:9.9");
    Reply viaStatus = api.put("/api/v1/namespaces/default/pods/status-split/status",
        status.json());
    assertThat(viaStatus.code()).isEqualTo(200);
    assertThat(viaStatus.text("/status/phase")).isEqualTo("Running");
    assertThat(viaStatus.text("/spec/containers/0/image")).isEqualTo("busybox:1.36");
  }

  @Test
  void generationStartsAtOneAndMovesWithTheSpecOnly() {
    String deployment = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'gen'},"
        + "'spec':{'replicas':1,'selector':{'matchLabels':{'app':'gen'}},'template':{'metadata':"
        + "{'labels':{'app':'gen'}},'spec':{'containers':[{'name':'c','image':'busybox'}]}}}}";
    Reply created = api.post("/apis/apps/v1/namespaces/default/deployments", deployment);
    assertThat(created.code()).isEqualTo(201);
    assertThat(created.body().at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(created.text("/spec/strategy/type")).isEqualTo("RollingUpdate");

    ObjectNodeEditor labelled = new ObjectNodeEditor(created.body());
    labelled.set("/metadata/labels/tier", "front");
    Reply relabelled = api.put("/apis/apps/v1/namespaces/default/deployments/gen",
        labelled.json());
    assertThat(relabelled.body().at("/metadata/generation").asLong()).isEqualTo(1);

    ObjectNodeEditor scaled = new ObjectNodeEditor(relabelled.body());
    scaled.set("/spec/replicas", 3);
    Reply rescaled = api.put("/apis/apps/v1/namespaces/default/deployments/gen", scaled.json());
    assertThat(rescaled.body().at("/metadata/generation").asLong()).isEqualTo(2);
  }

  @Test
  void mergePatchChangesOnlyWhatItNames() {
    api.post("/api/v1/namespaces/default/configmaps",
        "{'metadata':{'name':'patched','labels':{'a':'1'}},'data':{'x':'1','y':'2'}}");
    Reply patched = api.call("PATCH", "/api/v1/namespaces/default/configmaps/patched",
        json("{'data':{'x':null,'z':'3'},'metadata':{'labels':{'b':'2'}}}").toString(),
        "application/merge-patch+json");
    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.body().at("/data")).isEqualTo(json("{'y':'2','z':'3'}"));
    assertThat(patched.body().at("/metadata/labels")).isEqualTo(json("{'a':'1','b':'2'}"));
  }

  @Test
  void clusterScopedObjectsIgnoreANamespace() {
    Reply node = api.post("/api/v1/nodes",
        "{'apiVersion':'v1','kind':'Node','metadata':{'name':'node-a','namespace':'default'},"
            + "'status':{'capacity':{'cpu':'2'}}}");
    assertThat(node.code()).isEqualTo(201);
    assertThat(node.body().at("/metadata/namespace").isMissingNode()).isTrue();
    assertThat(node.text("/status/capacity/cpu")).isEqualTo("2");
  }

  @Test
  void dryRunStoresNothing() {
    Reply dry = api.post("/api/v1/namespaces/default/configmaps?dryRun=All",
        "{'metadata':{'name':'dry'}}");
    assertThat(dry.code()).isEqualTo(201);
    assertThat(api.get("/api/v1/namespaces/default/configmaps/dry").code()).isEqualTo(404);
  }

  private static String pod(String name) {
    return String.format(POD, name);
  }
}
