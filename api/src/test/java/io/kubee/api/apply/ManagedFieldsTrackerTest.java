package io.kubee.api.apply;

import static io.kubee.api.apply.Ownership.assertOwnership;
import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Update tracking: creates, updates, patches and status updates move field ownership as
 * Kubernetes' field manager moves it, and the managedFields Kubernetes 1.32 writes for
 * {@code kubectl create deployment} come out byte for byte.
 */
class ManagedFieldsTrackerTest {

  /** {@code kubectl create deployment nginx --image=nginx} after defaulting. */
  static final String CREATED = "{apiVersion: apps/v1, kind: Deployment,"
      + " metadata: {name: nginx, namespace: default, labels: {app: nginx},"
      + "   uid: 6d4b3a52-0000-4000-8000-000000000001, generation: 1,"
      + "   creationTimestamp: '2025-01-01T00:00:00Z'},"
      + " spec: {replicas: 1, selector: {matchLabels: {app: nginx}},"
      + "   template: {metadata: {labels: {app: nginx}},"
      + "     spec: {containers: [{name: nginx, image: nginx, resources: {},"
      + "       terminationMessagePath: /dev/termination-log,"
      + "       terminationMessagePolicy: File, imagePullPolicy: Always}],"
      + "       restartPolicy: Always, terminationGracePeriodSeconds: 30,"
      + "       dnsPolicy: ClusterFirst, securityContext: {},"
      + "       schedulerName: default-scheduler}},"
      + "   strategy: {type: RollingUpdate,"
      + "     rollingUpdate: {maxUnavailable: 25%, maxSurge: 25%}},"
      + "   revisionHistoryLimit: 10, progressDeadlineSeconds: 600},"
      + " status: {}}";

  @Test
  void kubectlCreateDeploymentIsRecordedAsKubernetesRecordsIt() {
    ObjectNode created = yaml(CREATED);
    ManagedFieldsTracker.update(null, created, "kubectl-create", "", type("deployments"),
        Instant.parse("2025-01-01T00:00:00.750Z"));
    List<ManagedFieldsEntry> entries = ManagedFields.read(created);
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).toJson().toString()).isEqualTo("{\"manager\":\"kubectl-create\","
        + "\"operation\":\"Update\",\"apiVersion\":\"apps/v1\","
        + "\"time\":\"2025-01-01T00:00:00Z\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":"
        + "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{"
        + "\"f:progressDeadlineSeconds\":{},\"f:replicas\":{},"
        + "\"f:revisionHistoryLimit\":{},\"f:selector\":{},\"f:strategy\":{"
        + "\"f:rollingUpdate\":{\".\":{},\"f:maxSurge\":{},\"f:maxUnavailable\":{}},"
        + "\"f:type\":{}},\"f:template\":{\"f:metadata\":{\"f:labels\":{\".\":{},"
        + "\"f:app\":{}}},\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":"
        + "{\".\":{},\"f:image\":{},\"f:imagePullPolicy\":{},\"f:name\":{},"
        + "\"f:resources\":{},\"f:terminationMessagePath\":{},"
        + "\"f:terminationMessagePolicy\":{}}},\"f:dnsPolicy\":{},"
        + "\"f:restartPolicy\":{},\"f:schedulerName\":{},\"f:securityContext\":{},"
        + "\"f:terminationGracePeriodSeconds\":{}}}}}}");
  }

  record Case(String name, UnaryOperator<Scenario> writes, List<String> ownership) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String CM = "{apiVersion: v1, kind: ConfigMap, metadata: {name: cm}, ";

  static Stream<Case> writes() {
    return Stream.of(
        new Case("a create owns what it sets, new maps with themselves",
            s -> s.create("kubectl-create", CM + "data: {a: '1', b: '2'}}"),
            List.of("kubectl-create|Update|v1|00:00: .data .data.a .data.b")),
        new Case("an update takes the fields it changes from their owner",
            s -> s.create("kubectl-create", CM + "data: {a: '1', b: '2'}}")
                .update("kubectl-edit", CM + "data: {a: '1', b: '3'}}"),
            List.of("kubectl-create|Update|v1|00:00: .data .data.a",
                "kubectl-edit|Update|v1|00:01: .data.b")),
        new Case("an update adding a field owns only that field",
            s -> s.create("kubectl-create", CM + "data: {a: '1'}}")
                .update("kubectl-edit", CM + "data: {a: '1', c: '3'}}"),
            List.of("kubectl-create|Update|v1|00:00: .data .data.a",
                "kubectl-edit|Update|v1|00:01: .data.c")),
        new Case("a removed field leaves every set",
            s -> s.create("kubectl-create", CM + "data: {a: '1', b: '2'}}")
                .update("kubectl-edit", CM + "data: {a: '1'}}"),
            List.of("kubectl-create|Update|v1|00:00: .data .data.a")),
        new Case("an entry left with nothing disappears",
            s -> s.create("kubectl-create", CM + "data: {a: '1'}}")
                .update("kubectl-edit", "{apiVersion: v1, kind: ConfigMap, metadata:"
                    + " {name: cm}, binaryData: {x: eA==}}"),
            List.of("kubectl-edit|Update|v1|00:01: .binaryData .binaryData.x")),
        new Case("an update that changes nothing records nothing",
            s -> s.create("kubectl-create", CM + "data: {a: '1'}}")
                .update("kubectl-edit", CM + "data: {a: '1'}}"),
            List.of("kubectl-create|Update|v1|00:00: .data .data.a")),
        new Case("a manager's later change joins its entry and moves its time",
            s -> s.create("kubectl-create", CM + "data: {a: '1'}}")
                .update("kubectl-edit", CM + "data: {a: '1', b: '2'}}")
                .update("kubectl-edit", CM + "data: {a: '1', b: '2', c: '3'}}"),
            List.of("kubectl-create|Update|v1|00:00: .data .data.a",
                "kubectl-edit|Update|v1|00:02: .data.b .data.c")),
        new Case("a write without a manager is recorded as unknown",
            s -> s.create("", CM + "data: {a: '1'}}"),
            List.of("unknown|Update|v1|00:00: .data .data.a")),
        new Case("an applier loses a field an update changes",
            s -> s.apply("helm", CM + "data: {a: '1', b: '2'}}")
                .update("kubectl-edit", CM + "data: {a: '1', b: '3'}}"),
            List.of("helm|Apply|v1|00:00: .data.a",
                "kubectl-edit|Update|v1|00:01: .data.b")),
        new Case("a status update is recorded under its subresource and owns status only",
            s -> Scenario.of("deployments").create("kubectl-create",
                    "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                        + " spec: {replicas: 1}}")
                .updateStatus("kube-controller-manager", "{replicas: 1, readyReplicas: 1,"
                    + " conditions: [{type: Available, status: 'True'}]}"),
            List.of("kubectl-create|Update|apps/v1|00:00: .spec.replicas",
                "kube-controller-manager/status|Update|apps/v1|00:01: .status.conditions "
                    + ".status.readyReplicas .status.replicas "
                    + ".status.conditions[type=\"Available\"] "
                    + ".status.conditions[type=\"Available\"].lastTransitionTime "
                    + ".status.conditions[type=\"Available\"].lastUpdateTime "
                    + ".status.conditions[type=\"Available\"].status "
                    + ".status.conditions[type=\"Available\"].type")),
        new Case("a main-resource write cannot gain status fields",
            s -> Scenario.of("deployments").create("kubectl-create",
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                    + " spec: {replicas: 1}, status: {replicas: 7}}"),
            List.of("kubectl-create|Update|apps/v1|00:00: .spec.replicas")),
        new Case("a scale writes spec.replicas under the scale subresource",
            s -> Scenario.of("deployments").create("kubectl-create",
                    "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                        + " spec: {replicas: 1}}")
                .write("kubectl-scale", "scale",
                    o -> o.withObjectProperty("spec").put("replicas", 4)),
            List.of("kubectl-scale/scale|Update|apps/v1|00:01: .spec.replicas")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writes")
  void movesOwnershipAsKubernetesDoes(Case c) {
    assertOwnership(c.writes().apply(Scenario.of("configmaps")), c.ownership());
  }

  @Test
  void managedFieldsSentByTheClientAreTakenAsGiven() {
    Scenario s = Scenario.of("configmaps").create("kubectl-create", CM + "data: {a: '1'}}");
    ObjectNode updated = yaml(CM + "data: {a: '1', b: '2'}}");
    updated.withObjectProperty("metadata").set("managedFields", yaml("{l: [{manager: mine,"
        + " operation: Update, apiVersion: v1, time: '2024-06-01T00:00:00Z',"
        + " fieldsType: FieldsV1, fieldsV1: {'f:data': {'f:a': {}}}}]}").get("l"));
    s.update("kubectl-edit", updated);
    assertOwnership(s, List.of("mine|Update|v1|00:00: .data.a",
        "kubectl-edit|Update|v1|00:01: .data.b"));
  }

  @Test
  void invalidManagedFieldsFromTheClientFallBackOnTheStoredOnes() {
    Scenario s = Scenario.of("configmaps").create("kubectl-create", CM + "data: {a: '1'}}");
    ObjectNode updated = yaml(CM + "data: {a: '1', b: '2'}}");
    updated.withObjectProperty("metadata").set("managedFields",
        yaml("{l: [{manager: x, operation: Delete, apiVersion: v1}]}").get("l"));
    s.update("kubectl-edit", updated);
    assertOwnership(s, List.of("kubectl-create|Update|v1|00:00: .data .data.a",
        "kubectl-edit|Update|v1|00:01: .data.b"));
  }

  @Test
  void aSubresourceWriteIgnoresTheManagedFieldsItCarries() {
    Scenario s = Scenario.of("deployments").create("kubectl-create",
        "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 1}}");
    s.write("kube-controller-manager", "status", o -> {
      o.withObjectProperty("metadata").putArray("managedFields");
      o.withObjectProperty("status").put("replicas", 1);
    });
    assertOwnership(s, List.of("kubectl-create|Update|apps/v1|00:00: .spec.replicas",
        "kube-controller-manager/status|Update|apps/v1|00:01: .status.replicas"));
  }

  record Reset(String name, String managedFields) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Reset> resets() {
    return Stream.of(new Reset("an empty list", "[]"), new Reset("one empty entry", "[{}]"));
  }

  @ParameterizedTest(name = "{0} clears managed fields, and later updates record nothing")
  @MethodSource("resets")
  void anUpdateCanResetManagedFields(Reset c) {
    Scenario s = Scenario.of("configmaps").create("kubectl-create", CM + "data: {a: '1'}}");
    ObjectNode updated = yaml(CM + "data: {a: '1', b: '2'}}");
    updated.withObjectProperty("metadata").set("managedFields",
        yaml("{l: " + c.managedFields() + "}").get("l"));
    s.update("kubectl-edit", updated);
    assertThat(s.object().path("metadata").has("managedFields")).isFalse();
    s.update("kubectl-edit", CM + "data: {a: '1', b: '3'}}");
    assertThat(s.object().path("metadata").has("managedFields")).isFalse();
    s.apply("helm", CM + "data: {c: '3'}}");
    assertOwnership(s, List.of("helm|Apply|v1|00:03: .data.c",
        "before-first-apply|Update|v1|00:03: .data .data.a .data.b"));
  }

  @Test
  void moreThanTenUpdatersFoldTheOldestIntoAncientChanges() {
    Scenario s = Scenario.of("configmaps").create("m0", CM + "data: {k0: '0'}}");
    StringBuilder data = new StringBuilder("k0: '0'");
    for (int i = 1; i <= 11; i++) {
      data.append(", k").append(i).append(": '").append(i).append("'");
      s.update("m" + i, CM + "data: {" + data + "}}");
    }
    List<String> lines = Ownership.lines(s);
    assertThat(lines).hasSize(10);
    assertThat(lines.get(0)).isEqualTo("ancient-changes|Update|v1|00:02: .data .data.k0 "
        + ".data.k1 .data.k2");
    assertThat(lines.get(9)).isEqualTo("m11|Update|v1|00:11: .data.k11");
  }

  @Test
  void updatesNeverRewriteTheLastAppliedAnnotation() {
    String recorded = "{\"kind\":\"ConfigMap\",  \"apiVersion\":\"v1\"}\n";
    ObjectNode created = yaml(CM + "data: {a: '1'}}");
    created.withObjectProperty("metadata").withObjectProperty("annotations")
        .put(LastAppliedConfiguration.ANNOTATION, recorded);
    Scenario s = Scenario.of("configmaps").create("kubectl-client-side-apply", created);
    s.patch("kubectl", o -> o.withObjectProperty("data").put("a", "2"));
    assertThat(s.object().path("metadata").path("annotations")
        .path(LastAppliedConfiguration.ANNOTATION).asString()).isEqualTo(recorded);
    assertOwnership(s, List.of("kubectl-client-side-apply|Update|v1|00:00: "
            + ".data .metadata.annotations "
            + ".metadata.annotations.kubectl.kubernetes.io/last-applied-configuration",
        "kubectl|Update|v1|00:01: .data.a"));
  }

  @Test
  void aWriteThatChangesNothingButTimesKeepsTheStoredTimes() {
    Scenario s = Scenario.of("configmaps").apply("helm", CM + "data: {a: '1'}}");
    ObjectNode old = s.object();
    ObjectNode again = ServerSideApply.apply(old, yaml(CM + "data: {a: '1'}}"), "helm", false,
        s.type(), Instant.parse("2025-02-01T00:00:00Z"));
    ObjectNode touched = again.deepCopy();
    ((ObjectNode) touched.path("metadata").path("managedFields").get(0))
        .put("time", "2025-03-01T00:00:00Z");
    ManagedFieldsTracker.keepTimestampsIfUnchanged(old, touched);
    assertThat(touched).isEqualTo(old);

    ObjectNode changed = touched.deepCopy();
    ((ObjectNode) changed.path("metadata").path("managedFields").get(0))
        .put("time", "2025-03-01T00:00:00Z");
    changed.withObjectProperty("data").put("a", "2");
    ManagedFieldsTracker.keepTimestampsIfUnchanged(old, changed);
    assertThat(changed.path("metadata").path("managedFields").get(0).path("time").asString())
        .isEqualTo("2025-03-01T00:00:00Z");
  }
}
