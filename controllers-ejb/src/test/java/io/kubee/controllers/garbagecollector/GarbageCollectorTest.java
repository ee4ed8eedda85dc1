package io.kubee.controllers.garbagecollector;

import static io.kubee.controllers.testing.Fixtures.T0;
import static io.kubee.controllers.testing.Fixtures.controllerRef;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubee.controllers.api.ApiResource;
import io.kubee.controllers.testing.Caches;
import io.kubee.controllers.testing.FakeApi;
import io.kubee.controllers.testing.Fixtures;
import io.kubee.controllers.testing.TestClock;
import io.kubee.runtime.Lister;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {
  static final Set<String> VERBS = Set.of("list", "watch", "delete", "get", "patch");
  static final ApiResource DEPLOYMENTS = new ApiResource("apps", "v1", "Deployment",
      "deployments", true, VERBS);
  static final ApiResource REPLICA_SETS = new ApiResource("apps", "v1", "ReplicaSet",
      "replicasets", true, VERBS);
  static final ApiResource PODS = new ApiResource("", "v1", "Pod", "pods", true, VERBS);

  private final FakeApi api = new FakeApi(new TestClock(T0));
  private final Lister<Deployment> deployments = Caches.lister(List.of());
  private final Lister<ReplicaSet> replicaSets = Caches.lister(List.of());
  private final Lister<Pod> pods = Caches.pods(List.of());
  private final GarbageCollector gc = new GarbageCollector(api, Thread::new);

  GarbageCollectorTest() {
    api.serve(DEPLOYMENTS, REPLICA_SETS, PODS);
    for (Lister<? extends HasMetadata> lister : List.of(deployments, replicaSets, pods)) {
      index(lister);
    }
    gc.addMonitor(DEPLOYMENTS, deployments);
    gc.addMonitor(REPLICA_SETS, replicaSets);
    gc.addMonitor(PODS, pods);
  }

  private static <T extends HasMetadata> void index(Lister<T> lister) {
    Caches.index(lister, GarbageCollector.OWNER_UID_INDEX, GarbageCollector::ownerUids);
  }

  @Test
  void aReplicaSetWhoseDeploymentIsGoneIsDeletedInTheBackground() {
    ReplicaSet orphaned = owned(replicaSet("web-1"), "web", "uid-gone");
    load(orphaned);
    gc.sync(key(REPLICA_SETS, orphaned));
    assertThat(api.actions()).containsExactly("delete replicasets default/web-1 Background");
  }

  @Test
  void aDependentWithALiveOwnerStays() {
    Deployment owner = deployment("web", false, null);
    ReplicaSet rs = owned(replicaSet("web-1"), "web", owner.getMetadata().getUid());
    load(owner, rs);
    gc.sync(key(REPLICA_SETS, rs));
    assertThat(api.actions()).isEmpty();
  }

  @Test
  void aDanglingReferenceBesideALiveOwnerIsRemoved() {
    Deployment owner = deployment("web", false, null);
    ReplicaSet rs = new ReplicaSetBuilder(owned(replicaSet("web-1"), "web",
        owner.getMetadata().getUid())).editMetadata().addToOwnerReferences(
            new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName("gone").withUid("uid-gone").build()).endMetadata().build();
    load(owner, rs);
    gc.sync(key(REPLICA_SETS, rs));
    assertThat(api.actions()).containsExactly("patch replicasets default/web-1");
    assertThat(api.get(ReplicaSet.class, "default", "web-1").getMetadata().getOwnerReferences())
        .extracting(r -> r.getName()).containsExactly("web");
  }

  @Test
  void foregroundDeletionDeletesTheDependentsFirstThenReleasesTheOwner() {
    Deployment owner = deployment("web", true, "foregroundDeletion");
    ReplicaSet rs = owned(replicaSet("web-1"), "web", owner.getMetadata().getUid());
    Pod pod = ownedPod("web-1-abc", rs);
    load(owner, rs, pod);

    gc.sync(key(DEPLOYMENTS, owner));
    assertThat(api.get(Deployment.class, "default", "web")).as("blocked").isNotNull();
    assertThat(queued()).contains("delete:" + identity(REPLICA_SETS, rs).key());

    gc.sync(key(REPLICA_SETS, rs)); // it has dependents of its own: foreground too
    assertThat(api.actions()).containsExactly("delete replicasets default/web-1 Foreground");
    reload();
    gc.sync(key(REPLICA_SETS, rs));
    gc.sync(key(PODS, pod));
    assertThat(api.actions()).contains("delete pods default/web-1-abc Background");
    reload();
    gc.sync(key(REPLICA_SETS, rs)); // no pod blocks it any more
    reload();
    gc.sync(key(DEPLOYMENTS, owner));
    assertThat(api.get(ReplicaSet.class, "default", "web-1")).isNull();
    assertThat(api.get(Deployment.class, "default", "web")).isNull();
  }

  @Test
  void orphaningRemovesTheOwnerReferenceThenTheFinalizer() {
    Deployment owner = deployment("web", true, "orphan");
    ReplicaSet rs = owned(replicaSet("web-1"), "web", owner.getMetadata().getUid());
    load(owner, rs);
    gc.sync("orphan:" + identity(DEPLOYMENTS, owner).key());
    assertThat(api.actions()).containsExactly("patch replicasets default/web-1",
        "patch deployments default/web");
    assertThat(api.get(ReplicaSet.class, "default", "web-1").getMetadata().getOwnerReferences())
        .isEmpty();
    assertThat(api.get(Deployment.class, "default", "web")).isNull();
  }

  @Test
  void anOwnerDeletionQueuesItsDependents() {
    Deployment owner = deployment("web", false, null);
    ReplicaSet rs = owned(replicaSet("web-1"), "web", owner.getMetadata().getUid());
    load(owner, rs);
    gc.deleted(DEPLOYMENTS, owner);
    assertThat(queued()).contains("delete:" + identity(REPLICA_SETS, rs).key());
  }

  // ---- fixtures ----

  private Deployment deployment(String name, boolean deleting, String finalizer) {
    DeploymentBuilder builder = new DeploymentBuilder().withNewMetadata().withName(name)
        .withNamespace("default").withUid("uid-" + name).withResourceVersion("1")
        .endMetadata().withNewSpec().endSpec();
    if (deleting) {
      builder.editMetadata().withDeletionTimestamp(T0.toString()).withFinalizers(finalizer)
          .endMetadata();
    }
    return builder.build();
  }

  private static ReplicaSet replicaSet(String name) {
    return Fixtures.replicaSet(name, 1, Map.of("app", "web"));
  }

  private static ReplicaSet owned(ReplicaSet rs, String owner, String uid) {
    return new ReplicaSetBuilder(rs).editMetadata().withOwnerReferences(
        controllerRef("apps/v1", "Deployment", owner, uid)).endMetadata().build();
  }

  private static Pod ownedPod(String name, ReplicaSet rs) {
    return new PodBuilder(Fixtures.pod(name, Map.of("app", "web"))).editMetadata()
        .withOwnerReferences(controllerRef("apps/v1", "ReplicaSet", rs.getMetadata().getName(),
            rs.getMetadata().getUid())).endMetadata().build();
  }

  private void load(HasMetadata... objects) {
    api.seed(objects);
    reload();
  }

  /** The caches catch up with the apiserver. */
  private void reload() {
    for (Lister<? extends HasMetadata> lister : List.of(deployments, replicaSets, pods)) {
      new ArrayList<>(lister.list()).forEach(o -> remove(lister, o));
    }
    api.all(Deployment.class).forEach(d -> Caches.put(deployments, d));
    api.all(ReplicaSet.class).forEach(r -> Caches.put(replicaSets, r));
    api.all(Pod.class).forEach(p -> Caches.put(pods, p));
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> void remove(Lister<T> lister, HasMetadata object) {
    Caches.remove(lister, (T) object);
  }

  private static ObjectIdentity identity(ApiResource resource, HasMetadata object) {
    return ObjectIdentity.of(object, resource.apiVersion(), resource.kind());
  }

  private static String key(ApiResource resource, HasMetadata object) {
    return "delete:" + identity(resource, object).key();
  }

  private List<String> queued() {
    List<String> keys = new ArrayList<>();
    while (gc.queue().length() > 0) {
      try {
        String key = gc.queue().get();
        keys.add(key);
        gc.queue().done(key);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return keys;
  }
}
