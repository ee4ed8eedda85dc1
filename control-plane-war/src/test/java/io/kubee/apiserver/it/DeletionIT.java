package io.kubee.apiserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.apiserver.it.ControlPlaneExtension.Reply;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DELETE: preconditions, options, finalizers, collections and namespaces. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeletionIT {
  @RegisterExtension
  static final ControlPlaneExtension api = new ControlPlaneExtension();

  @Test
  void deletingAConfigMapAnswersAStatusAndRemovesIt() {
    Reply created = api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'d1'}}");
    Reply deleted = api.call("DELETE", "/api/v1/namespaces/default/configmaps/d1",
        "{'kind':'DeleteOptions','apiVersion':'v1','propagationPolicy':'Background'}",
        "application/json");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.text("/kind")).isEqualTo("Status");
    assertThat(deleted.text("/status")).isEqualTo("Success");
    assertThat(deleted.text("/details/name")).isEqualTo("d1");
    assertThat(deleted.text("/details/uid")).isEqualTo(created.text("/metadata/uid"));
    assertThat(api.get("/api/v1/namespaces/default/configmaps/d1").code()).isEqualTo(404);
    assertThat(api.delete("/api/v1/namespaces/default/configmaps/d1").code()).isEqualTo(404);
  }

  @Test
  void deletingAPodAnswersThePod() {
    api.post("/api/v1/namespaces/default/pods", "{'metadata':{'name':'p1'},"
        + "'spec':{'containers':[{'name':'c','image':'busybox'}]}}");
    Reply deleted = api.delete("/api/v1/namespaces/default/pods/p1?propagationPolicy=Foreground");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.text("/kind")).isEqualTo("Pod");
    assertThat(deleted.text("/metadata/name")).isEqualTo("p1");
  }

  @Test
  void preconditionsProtectAChangedObject() {
    Reply created = api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'d2'}}");
    Reply wrongUid = api.call("DELETE", "/api/v1/namespaces/default/configmaps/d2",
        "{'preconditions':{'uid':'00000000-0000-0000-0000-000000000000'}}", "application/json");
    assertThat(wrongUid.code()).isEqualTo(409);
    assertThat(wrongUid.text("/message")).contains("Precondition failed: UID in precondition");
    Reply wrongVersion = api.call("DELETE", "/api/v1/namespaces/default/configmaps/d2",
        "{'preconditions':{'resourceVersion':'1'}}", "application/json");
    assertThat(wrongVersion.code()).isEqualTo(409);
    assertThat(api.get("/api/v1/namespaces/default/configmaps/d2").code()).isEqualTo(200);
    Reply right = api.call("DELETE", "/api/v1/namespaces/default/configmaps/d2",
        "{'preconditions':{'uid':'" + created.text("/metadata/uid") + "','resourceVersion':'"
            + created.text("/metadata/resourceVersion") + "'}}", "application/json");
    assertThat(right.code()).isEqualTo(200);
  }

  @Test
  void unknownPropagationPolicyIsInvalid() {
    api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'d3'}}");
    Reply reply = api.delete("/api/v1/namespaces/default/configmaps/d3?propagationPolicy=Later");
    assertThat(reply.code()).isEqualTo(422);
    assertThat(reply.text("/details/causes/0/field")).isEqualTo("propagationPolicy");
    assertThat(api.get("/api/v1/namespaces/default/configmaps/d3").code()).isEqualTo(200);
  }

  @Test
  void finalizersHoldAnObjectUntilTheyAreRemoved() {
    api.post("/api/v1/namespaces/default/configmaps",
        "{'metadata':{'name':'held','finalizers':['example.com/hold']}}");
    Reply marked = api.delete("/api/v1/namespaces/default/configmaps/held");
    assertThat(marked.code()).isEqualTo(200);
    assertThat(marked.text("/metadata/deletionTimestamp")).isNotEmpty();
    Reply still = api.get("/api/v1/namespaces/default/configmaps/held");
    assertThat(still.code()).isEqualTo(200);
    assertThat(still.text("/metadata/deletionTimestamp")).isNotEmpty();

    Reply released = api.put("/api/v1/namespaces/default/configmaps/held",
        "{'metadata':{'name':'held','finalizers':[]}}");
    assertThat(released.code()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/default/configmaps/held").code()).isEqualTo(404);
  }

  @Test
  void deleteCollectionRemovesTheSelectedObjectsOnly() {
    for (String name : new String[] {"keep", "drop-1", "drop-2"}) {
      api.post("/api/v1/namespaces/default/secrets", "{'metadata':{'name':'" + name
          + "','labels':{'drop':'" + name.startsWith("drop") + "'}}}");
    }
    Reply deleted = api.delete("/api/v1/namespaces/default/secrets?labelSelector=drop%3Dtrue");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.text("/kind")).isEqualTo("SecretList");
    assertThat(deleted.body().path("items").size()).isEqualTo(2);
    assertThat(api.get("/api/v1/namespaces/default/secrets").body().path("items").size())
        .isEqualTo(1);
  }

  /**
   * The apiserver only marks a namespace Terminating; emptying and finalizing it is the namespace
   * controller's work, done here by hand as the controller does it.
   */
  @Test
  void deletingANamespaceMarksItTerminatingUntilItIsEmptiedAndFinalized() {
    api.post("/api/v1/namespaces", "{'metadata':{'name':'doomed'}}");
    api.post("/api/v1/namespaces/doomed/configmaps", "{'metadata':{'name':'c1'}}");
    Reply deleted = api.delete("/api/v1/namespaces/doomed");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.text("/status/phase")).isEqualTo("Terminating");
    assertThat(deleted.text("/metadata/deletionTimestamp")).isNotEmpty();
    assertThat(deleted.body().at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");
    assertThat(api.get("/api/v1/namespaces/doomed/configmaps/c1").code()).isEqualTo(200);
    Reply refused = api.post("/api/v1/namespaces/doomed/configmaps", "{'metadata':{'name':'c2'}}");
    assertThat(refused.code()).isEqualTo(403);

    // a second DELETE while the finalizer remains changes nothing
    assertThat(api.delete("/api/v1/namespaces/doomed").text("/status/phase"))
        .isEqualTo("Terminating");
    // a status update of a terminating namespace does not delete it either
    Reply status = api.put("/api/v1/namespaces/doomed/status", "{'metadata':{'name':'doomed'},"
        + "'status':{'phase':'Terminating','conditions':[{'type':'NamespaceContentRemaining',"
        + "'status':'True','reason':'SomeResourcesRemain','message':'1 configmaps'}]}}");
    assertThat(status.code()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/doomed").code()).isEqualTo(200);

    assertThat(api.delete("/api/v1/namespaces/doomed/configmaps/c1").code()).isEqualTo(200);
    Reply finalized = api.put("/api/v1/namespaces/doomed/finalize",
        "{'metadata':{'name':'doomed'},'spec':{'finalizers':[]}}");
    assertThat(finalized.code()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/doomed").code()).isEqualTo(404);
  }

  @Test
  void foregroundAndOrphanLeaveTheirFinalizersForTheGarbageCollector() {
    api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'fg'}}");
    Reply foreground = api.delete(
        "/api/v1/namespaces/default/configmaps/fg?propagationPolicy=Foreground");
    assertThat(foreground.code()).isEqualTo(200);
    assertThat(foreground.body().at("/metadata/finalizers").toString())
        .isEqualTo("[\"foregroundDeletion\"]");
    assertThat(foreground.text("/metadata/deletionTimestamp")).isNotEmpty();

    api.post("/api/v1/namespaces/default/configmaps", "{'metadata':{'name':'or'}}");
    Reply orphan = api.call("DELETE", "/api/v1/namespaces/default/configmaps/or",
        "{'kind':'DeleteOptions','apiVersion':'v1','propagationPolicy':'Orphan'}",
        "application/json");
    assertThat(orphan.body().at("/metadata/finalizers").toString()).isEqualTo("[\"orphan\"]");

    // the collector removes the finalizer when it is done: the object goes
    Reply released = api.call("PATCH", "/api/v1/namespaces/default/configmaps/or",
        "{'metadata':{'finalizers':null}}", "application/merge-patch+json");
    assertThat(released.code()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/default/configmaps/or").code()).isEqualTo(404);

    // a replication controller orphans its pods unless told otherwise (core/v1's default)
    api.post("/api/v1/namespaces/default/replicationcontrollers", "{'metadata':{'name':'rc'},"
        + "'spec':{'replicas':0,'template':{'metadata':{'labels':{'app':'rc'}},"
        + "'spec':{'containers':[{'name':'c','image':'busybox'}]}}}}");
    Reply rc = api.delete("/api/v1/namespaces/default/replicationcontrollers/rc");
    assertThat(rc.body().at("/metadata/finalizers").toString()).isEqualTo("[\"orphan\"]");
  }

  @Test
  void systemNamespacesCannotBeDeleted() {
    Reply reply = api.delete("/api/v1/namespaces/kube-system");
    assertThat(reply.code()).isEqualTo(403);
    assertThat(reply.text("/message"))
        .isEqualTo("namespaces \"kube-system\" is forbidden: this namespace may not be deleted");
    assertThat(api.get("/api/v1/namespaces/kube-system").text("/status/phase")).isEqualTo("Active");
  }
}
