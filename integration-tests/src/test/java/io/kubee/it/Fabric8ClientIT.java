package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kubee.it.Fabric8.Sent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fabric8 client 8.0 as applications use it: typed CRUD, missing and duplicate objects,
 * label selectors, watches (over WebSocket), {@code edit()}, {@code scale()},
 * {@code serverSideApply()}, {@code createOr(update)}, deletion with a propagation policy and
 * {@code getKubernetesVersion()}. Each test works in a namespace of its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class Fabric8ClientIT {
  private static Fabric8 fabric8;
  private static KubernetesClient client;

  @org.jboss.arquillian.container.test.api.Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @BeforeAll
  static void client() {
    fabric8 = new Fabric8("default");
    client = fabric8.client;
  }

  @AfterAll
  static void close() {
    if (fabric8 != null) {
      fabric8.close();
    }
  }

  @Test
  void typedCrudOfTheCoreKinds() {
    namespace("f8-crud");
    var namespace = client.namespaces().withName("f8-crud").get();
    assertThat(namespace.getStatus().getPhase()).isEqualTo("Active");
    assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
        .contains("f8-crud", "default", "kube-system");
    namespace("f8-crud-gone");
    var labelled = client.namespaces().withName("f8-crud-gone").edit(n -> new NamespaceBuilder(n)
        .editMetadata().addToLabels("team", "a").endMetadata().build());
    assertThat(labelled.getMetadata().getLabels()).containsEntry("team", "a");
    assertThat(client.namespaces().withName("f8-crud-gone").delete()).hasSize(1);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> client.namespaces().withName("f8-crud-gone").get() == null);

    // pods
    Pod created = client.pods().inNamespace("f8-crud").resource(pod("web-1", Map.of("app", "web")))
        .create();
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    assertThat(created.getMetadata().getCreationTimestamp()).isNotEmpty();
    assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(created.getStatus().getQosClass()).isEqualTo("BestEffort");
    assertThat(created.getSpec().getRestartPolicy()).isEqualTo("Always");
    Pod read = client.pods().inNamespace("f8-crud").withName("web-1").get();
    assertThat(read.getMetadata().getResourceVersion())
        .isEqualTo(created.getMetadata().getResourceVersion());
    Pod relabelled = client.pods().inNamespace("f8-crud").withName("web-1")
        .edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "front").endMetadata()
            .build());
    assertThat(relabelled.getMetadata().getLabels()).containsEntry("tier", "front");
    assertThat(Long.parseLong(relabelled.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
    assertThat(client.pods().inNamespace("f8-crud").withName("web-1").delete()).hasSize(1);
    // never scheduled: nothing to stop, deleted at once
    assertThat(client.pods().inNamespace("f8-crud").withName("web-1").get()).isNull();

    // configmaps: create, replace (update), delete
    ConfigMap settings = client.configMaps().inNamespace("f8-crud")
        .resource(configMap("settings", Map.of("mode", "fast"))).create();
    settings.setData(Map.of("mode", "safe", "level", "3"));
    ConfigMap replaced = client.configMaps().inNamespace("f8-crud").resource(settings).update();
    assertThat(replaced.getData()).containsExactlyInAnyOrderEntriesOf(
        Map.of("mode", "safe", "level", "3"));
    // the resourceVersion the update carried was the current one; a stale one conflicts
    settings.setData(Map.of("mode", "stale"));
    KubernetesClientException stale = catchThrowableOfType(KubernetesClientException.class,
        () -> client.configMaps().inNamespace("f8-crud").resource(settings).update());
    assertThat(stale.getCode()).isEqualTo(409);
    assertThat(stale.getStatus().getReason()).isEqualTo("Conflict");
    assertThat(stale.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on "
        + "configmaps \"settings\": the object has been modified; please apply your changes to "
        + "the latest version and try again");
    client.configMaps().inNamespace("f8-crud").withName("settings").delete();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> client.configMaps().inNamespace("f8-crud").withName("settings").get() == null);

    // deployments
    Deployment deployment = client.apps().deployments().inNamespace("f8-crud")
        .resource(deployment("api", 2)).create();
    assertThat(deployment.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
    assertThat(client.apps().deployments().inNamespace("f8-crud").list().getItems())
        .extracting(d -> d.getMetadata().getName()).containsExactly("api");

    // nodes: spec through the object, status through its subresource
    Node node = client.nodes().resource(new NodeBuilder().withNewMetadata()
        .withName("fabric8-node").addToLabels("kubernetes.io/os", "linux").endMetadata()
        // a scheduler must not place other tests' pods on this kubelet-less node
        .withNewSpec().addNewTaint().withKey("kubee.io/test-node").withEffect("NoSchedule")
        .endTaint().endSpec()
        .build()).create();
    assertThat(node.getMetadata().getUid()).isNotEmpty();
    Node cordoned = client.nodes().withName("fabric8-node")
        .edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(true).endSpec().build());
    assertThat(cordoned.getSpec().getUnschedulable()).isTrue();
    // the node lifecycle controller taints a cordoned node meanwhile: a conflict is retried,
    // as any client of a busy object must
    Node ready = await().atMost(Duration.ofSeconds(10))
        .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
            && k.getCode() == 409)
        .until(() -> client.nodes().withName("fabric8-node").editStatus(n -> new NodeBuilder(n)
            .editOrNewStatus().withConditions(new NodeConditionBuilder().withType("Ready")
                .withStatus("True").withReason("KubeletReady").build()).endStatus()
            .editSpec().withUnschedulable(false).endSpec().build()), n -> true);
    assertThat(ready.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactly("Ready=True");
    assertThat(ready.getSpec().getUnschedulable()).as("a status update leaves the spec").isTrue();
    assertThat(client.nodes().withName("fabric8-node").delete()).hasSize(1);
    assertThat(client.nodes().withName("fabric8-node").get()).isNull();
  }

  @Test
  void aMissingObjectIsNullAndADuplicateIsAlreadyExists() {
    namespace("f8-exists");
    assertThat(client.pods().inNamespace("f8-exists").withName("nothing").get()).isNull();
    assertThat(client.configMaps().inNamespace("f8-exists").withName("nothing").get()).isNull();
    assertThat(client.apps().deployments().inNamespace("f8-exists").withName("nothing").get())
        .isNull();
    assertThat(client.namespaces().withName("nothing").get()).isNull();
    assertThat(client.nodes().withName("nothing").get()).isNull();

    client.configMaps().inNamespace("f8-exists").resource(configMap("twice", Map.of())).create();
    KubernetesClientException duplicate = catchThrowableOfType(KubernetesClientException.class,
        () -> client.configMaps().inNamespace("f8-exists").resource(configMap("twice", Map.of()))
            .create());
    assertThat(duplicate.getCode()).isEqualTo(409);
    assertThat(duplicate.getStatus().getReason()).isEqualTo("AlreadyExists");
    assertThat(duplicate.getStatus().getMessage()).isEqualTo("configmaps \"twice\" already exists");
    assertThat(duplicate.getStatus().getDetails().getName()).isEqualTo("twice");
    assertThat(duplicate.getStatus().getDetails().getKind()).isEqualTo("configmaps");

    KubernetesClientException duplicateDeployment = catchThrowableOfType(
        KubernetesClientException.class, () -> {
          var deployments = client.apps().deployments().inNamespace("f8-exists");
          deployments.resource(deployment("d", 1)).create();
          deployments.resource(deployment("d", 1)).create();
        });
    assertThat(duplicateDeployment.getStatus().getReason()).isEqualTo("AlreadyExists");
    assertThat(duplicateDeployment.getStatus().getMessage())
        .isEqualTo("deployments.apps \"d\" already exists");
    assertThat(duplicateDeployment.getStatus().getDetails().getGroup()).isEqualTo("apps");
  }

  @Test
  void listsSelectByLabelsAndFields() {
    namespace("f8-selectors");
    var pods = client.pods().inNamespace("f8-selectors");
    pods.resource(pod("web-1", Map.of("app", "web", "tier", "front"))).create();
    pods.resource(pod("web-2", Map.of("app", "web"))).create();
    pods.resource(pod("db-1", Map.of("app", "db", "tier", "back"))).create();

    assertThat(names(pods.withLabel("app", "web").list().getItems()))
        .containsExactly("web-1", "web-2");
    assertThat(names(pods.withLabels(Map.of("app", "web", "tier", "front")).list().getItems()))
        .containsExactly("web-1");
    assertThat(names(pods.withLabelIn("tier", "front", "back").list().getItems()))
        .containsExactly("db-1", "web-1");
    assertThat(names(pods.withLabelNotIn("app", "web").list().getItems()))
        .containsExactly("db-1");
    assertThat(names(pods.withoutLabel("tier").list().getItems())).containsExactly("web-2");
    assertThat(names(pods.withLabel("tier").list().getItems())).containsExactly("db-1", "web-1");
    assertThat(names(pods.withLabelSelector(new LabelSelectorBuilder()
        .addToMatchLabels("app", "web")
        .addNewMatchExpression().withKey("tier").withOperator("DoesNotExist").endMatchExpression()
        .build()).list().getItems())).containsExactly("web-2");
    assertThat(names(pods.withField("metadata.name", "db-1").list().getItems()))
        .containsExactly("db-1");
    assertThat(names(pods.withField("status.phase", "Pending").withLabel("app", "web").list()
        .getItems())).containsExactly("web-1", "web-2");
    // other test classes leave their pods in the shared etcd: select on a label only this has
    pods.resource(pod("db-2", Map.of("app", "db", "suite", "fabric8-selectors"))).create();
    assertThat(names(client.pods().inAnyNamespace().withLabel("suite", "fabric8-selectors")
        .withLabel("app", "db").list().getItems())).containsExactly("db-2");

    KubernetesClientException badSelector = catchThrowableOfType(
        KubernetesClientException.class, () -> pods.withField("spec.bogus", "x").list());
    assertThat(badSelector.getCode()).isEqualTo(400);
  }

  @Test
  void watchDeliversEventsInOrderOverAWebSocket() throws Exception {
    namespace("f8-watched");
    var configMaps = client.configMaps().inNamespace("f8-watched");
    configMaps.resource(configMap("before", Map.of())).create();
    String listVersion = configMaps.list().getMetadata().getResourceVersion();

    Events<ConfigMap> events = new Events<>();
    fabric8.clearSent();
    try (Watch watch = configMaps.watch(listVersion, events)) {
      configMaps.resource(configMap("w", Map.of("v", "1"))).create();
      configMaps.withName("w").edit(c -> new ConfigMapBuilder(c).addToData("v", "2").build());
      configMaps.withName("w").edit(c -> new ConfigMapBuilder(c).addToData("v", "3").build());
      configMaps.withName("w").delete();

      List<String> received = List.of(events.next(), events.next(), events.next(),
          events.next());
      assertThat(received).containsExactly("ADDED w v=1", "MODIFIED w v=2", "MODIFIED w v=3",
          "DELETED w v=3");
      assertThat(events.versions).isSorted();
    }
    assertThat(events.closed.poll(10, TimeUnit.SECONDS)).as("onClose after close()")
        .isEqualTo("closed");
    assertThat(fabric8.sent()).filteredOn(s -> s.uri().getQuery() != null
            && s.uri().getQuery().contains("watch=true"))
        .as("the watch went over a WebSocket").hasSize(1).allMatch(Sent::webSocket);

    // a watch without a resourceVersion starts with the current objects
    Events<ConfigMap> initial = new Events<>();
    try (Watch watch = configMaps.watch(initial)) {
      assertThat(initial.next()).isEqualTo("ADDED before ");
      configMaps.resource(configMap("after", Map.of())).create();
      assertThat(initial.next()).isEqualTo("ADDED after ");
    }

    // a watch with a label selector sees objects enter and leave the selection
    Events<ConfigMap> selected = new Events<>();
    String now = configMaps.list().getMetadata().getResourceVersion();
    try (Watch watch = configMaps.withLabel("app", "x").watch(now, selected)) {
      configMaps.resource(configMap("moving", Map.of())).create();
      configMaps.withName("moving").edit(c -> new ConfigMapBuilder(c).editMetadata()
          .addToLabels("app", "x").endMetadata().build());
      configMaps.withName("moving").edit(c -> new ConfigMapBuilder(c).editMetadata()
          .addToLabels("app", "y").endMetadata().build());
      assertThat(selected.next()).isEqualTo("ADDED moving ");
      assertThat(selected.next()).isEqualTo("DELETED moving ");
    }

    // a watch of one object
    Events<ConfigMap> single = new Events<>();
    try (Watch watch = configMaps.withName("after").watch(single)) {
      assertThat(single.next()).isEqualTo("ADDED after ");
      configMaps.withName("before").edit(c -> new ConfigMapBuilder(c).addToData("x", "y")
          .build());
      configMaps.withName("after").edit(c -> new ConfigMapBuilder(c).addToData("x", "z")
          .build());
      assertThat(single.next()).isEqualTo("MODIFIED after x=z");
    }
  }

  @Test
  void editSendsAJsonPatchThatTheResourceVersionGuards() {
    namespace("f8-editing");
    var configMaps = client.configMaps().inNamespace("f8-editing");
    configMaps.resource(configMap("edited", Map.of("a", "1"))).create();

    fabric8.clearSent();
    ConfigMap edited = configMaps.withName("edited")
        .edit(c -> new ConfigMapBuilder(c).addToData("b", "2").build());
    assertThat(edited.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    Sent patch = fabric8.sent().stream().filter(s -> s.method().equals("PATCH")).findFirst()
        .orElseThrow();
    assertThat(patch.contentType()).startsWith("application/json-patch+json");
    assertThat(patch.body()).contains("\"path\":\"/metadata/resourceVersion\"");

    // someone else writes between edit()'s read and its patch: the patch must not apply
    KubernetesClientException conflict = catchThrowableOfType(KubernetesClientException.class,
        () -> configMaps.withName("edited").edit(c -> {
          Http.Reply other = Http.send("PATCH", "/api/v1/namespaces/f8-editing/configmaps/edited",
              "{\"data\":{\"other\":\"x\"}}", "application/merge-patch+json");
          assertThat(other.code()).as(other.body()).isEqualTo(200);
          return new ConfigMapBuilder(c).addToData("c", "3").build();
        }));
    assertThat(conflict.getCode()).isEqualTo(409);
    assertThat(conflict.getStatus().getReason()).isEqualTo("Conflict");
    assertThat(configMaps.withName("edited").get().getData())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2", "other", "x"));
  }

  @Test
  void scaleSetsTheReplicasOfADeployment() {
    namespace("f8-scaling");
    var deployments = client.apps().deployments().inNamespace("f8-scaling");
    deployments.resource(deployment("api", 1)).create();

    Deployment scaled = deployments.withName("api").scale(3);
    assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployments.withName("api").get().getSpec().getReplicas()).isEqualTo(3);
    Scale scale = deployments.withName("api").scale();
    assertThat(scale.getApiVersion()).isEqualTo("autoscaling/v1");
    assertThat(scale.getSpec().getReplicas()).isEqualTo(3);
    assertThat(scale.getStatus().getSelector()).isEqualTo("app=api");
    assertThat(fabric8.sent()).anyMatch(s -> s.method().equals("PUT")
        && s.uri().getPath().endsWith("/deployments/api/scale"));
  }

  @Test
  void serverSideApplyOwnsFieldsAndReportsConflicts() {
    namespace("f8-applied");
    var configMaps = client.configMaps().inNamespace("f8-applied");

    fabric8.clearSent();
    ConfigMap created = configMaps.resource(configMap("ssa", Map.of("a", "1", "b", "2")))
        .fieldManager("kubee-it").serverSideApply();
    assertThat(fabric8.sent()).anyMatch(s -> s.method().equals("PATCH")
        && s.contentType() != null && s.contentType().startsWith("application/apply-patch+yaml"));
    assertThat(created.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    assertThat(created.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager,
        ManagedFieldsEntry::getOperation).contains(org.assertj.core.groups.Tuple.tuple(
            "kubee-it", "Apply"));

    // applying again without a field removes it (the manager owned it alone)
    ConfigMap shrunk = configMaps.resource(configMap("ssa", Map.of("b", "2", "c", "3")))
        .fieldManager("kubee-it").serverSideApply();
    assertThat(shrunk.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));

    // another manager may not take a field over without force
    KubernetesClientException conflict = catchThrowableOfType(KubernetesClientException.class,
        () -> configMaps.resource(configMap("ssa", Map.of("b", "changed")))
            .fieldManager("other").serverSideApply());
    assertThat(conflict.getCode()).isEqualTo(409);
    assertThat(conflict.getStatus().getReason()).isEqualTo("Conflict");
    assertThat(conflict.getStatus().getMessage())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"kubee-it\": .data.b");

    ConfigMap forced = configMaps.resource(configMap("ssa", Map.of("b", "changed")))
        .fieldManager("other").forceConflicts().serverSideApply();
    assertThat(forced.getData()).containsExactlyInAnyOrderEntriesOf(
        Map.of("b", "changed", "c", "3"));
    assertThat(forced.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager).contains("kubee-it", "other");
  }

  @Test
  void createOrUpdateCreatesThenReplaces() {
    namespace("f8-upsert");
    var configMaps = client.configMaps().inNamespace("f8-upsert");

    ConfigMap first = configMaps.resource(configMap("settings", Map.of("a", "1")))
        .createOr(NonDeletingOperation::update);
    assertThat(first.getData()).isEqualTo(Map.of("a", "1"));
    ConfigMap second = configMaps.resource(new ConfigMapBuilder(configMap("settings",
            Map.of("b", "2"))).editMetadata().addToLabels("v", "2").endMetadata().build())
        .createOr(NonDeletingOperation::update);
    assertThat(second.getData()).isEqualTo(Map.of("b", "2"));
    assertThat(second.getMetadata().getLabels()).isEqualTo(Map.of("v", "2"));
    assertThat(second.getMetadata().getUid()).as("the same object").isEqualTo(
        first.getMetadata().getUid());
  }

  @Test
  void deleteWithAPropagationPolicy() {
    namespace("f8-deleting");
    var deployments = client.apps().deployments().inNamespace("f8-deleting");
    Deployment background = deployments.resource(deployment("background", 1)).create();
    deployments.resource(deployment("foreground", 1)).create();

    fabric8.clearSent();
    List<StatusDetails> deleted = deployments.resource(background)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    assertThat(deleted).singleElement().satisfies(details -> {
      assertThat(details.getName()).isEqualTo("background");
      assertThat(details.getGroup()).isEqualTo("apps");
      assertThat(details.getKind()).isEqualTo("deployments");
      assertThat(details.getUid()).isEqualTo(background.getMetadata().getUid());
    });
    assertThat(fabric8.sent()).anyMatch(s -> s.method().equals("DELETE")
        && s.body().contains("\"propagationPolicy\":\"Background\""));
    assertThat(deployments.withName("background").get()).isNull();

    assertThat(deployments.withName("foreground")
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete()).hasSize(1);
    // gone once its dependents are (none exist; Kubernetes' garbage collector would check)
    await().atMost(Duration.ofSeconds(30))
        .until(() -> deployments.withName("foreground").get() == null);

    Pod pod = client.pods().inNamespace("f8-deleting").resource(pod("p", Map.of())).create();
    assertThat(client.pods().inNamespace("f8-deleting").resource(pod).withGracePeriod(0).delete())
        .singleElement().extracting(StatusDetails::getName).isEqualTo("p");
    assertThat(client.pods().inNamespace("f8-deleting").withName("p").get()).isNull();
  }

  @Test
  void kubernetesVersion() {
    VersionInfo version = client.getKubernetesVersion();
    assertThat(version.getMajor()).isEqualTo("1");
    assertThat(version.getMinor()).isEqualTo("32");
    assertThat(version.getGitVersion()).isEqualTo("v1.32.0");
    assertThat(version.getPlatform()).isNotEmpty();
  }

  /** Collects watch events as "TYPE name k=v..." lines, and the close. */
  static final class Events<T extends io.fabric8.kubernetes.api.model.HasMetadata>
      implements Watcher<T> {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    final List<Long> versions = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void eventReceived(Action action, T resource) {
      String data = resource instanceof ConfigMap configMap && configMap.getData() != null
          ? String.join(",", new java.util.TreeMap<>(configMap.getData()).entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue()).toList())
          : "";
      versions.add(Long.parseLong(resource.getMetadata().getResourceVersion()));
      received.add(action + " " + resource.getMetadata().getName() + " " + data);
    }

    @Override
    public void onClose() {
      closed.add("closed");
    }

    @Override
    public void onClose(WatcherException cause) {
      closed.add("failed: " + cause);
    }

    String next() throws InterruptedException {
      String event = received.poll(10, TimeUnit.SECONDS);
      assertThat(event).as("a watch event").isNotNull();
      return event;
    }
  }

  private static void namespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
  }

  /**
   * A pod no scheduler takes: these tests are about the API, and the scheduler running in the
   * EAR would otherwise bind it to a node another test registered, concurrently with the test.
   */
  static Pod pod(String name, Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withSchedulerName("kubee-test-unscheduled").addNewContainer()
        .withName("main").withImage("busybox:1.36").endContainer().endSpec().build();
  }

  static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(data).build();
  }

  static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("nginx:1.27").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  private static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata>
      items) {
    return items.stream().map(i -> i.getMetadata().getName()).toList();
  }
}
