package io.kubee.api.apply;

import static io.kubee.api.apply.Ownership.assertContent;
import static io.kubee.api.apply.Ownership.assertOwnership;
import static io.kubee.api.testing.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubee.api.errors.ApiException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Server-side apply on Deployments (and a Pod), as Kubernetes 1.32 computes it: merges by the
 * schema, removal of what an applier stops applying, shared and conflicting ownership, force,
 * and the last-applied annotation. Each case is a sequence of writes one minute apart.
 */
class ServerSideApplyTest {

  /** The Deployment of the server-side apply documentation, as a configuration. */
  static String deployment(String replicas, String image, String extraLabels) {
    return "{apiVersion: apps/v1, kind: Deployment,"
        + " metadata: {name: web, labels: {app: web" + extraLabels + "}},"
        + " spec: {replicas: " + replicas + ", selector: {matchLabels: {app: web}},"
        + " template: {metadata: {labels: {app: web}},"
        + " spec: {containers: [{name: nginx, image: '" + image + "'}]}}}}";
  }

  static final String APPLIED_PATHS = ".metadata.labels.app .spec.replicas .spec.selector "
      + ".spec.template.metadata.labels.app .spec.template.spec.containers[name=\"nginx\"] "
      + ".spec.template.spec.containers[name=\"nginx\"].image "
      + ".spec.template.spec.containers[name=\"nginx\"].name";

  /** A Deployment as {@code kubectl apply} (client-side) creates it, replicas 1. */
  static Scenario clientSideApplied(String lastApplied) {
    return Scenario.of("deployments").create("kubectl-client-side-apply",
        "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, labels: {app: web},"
            + " annotations: {kubectl.kubernetes.io/last-applied-configuration: '"
            + lastApplied + "'}},"
            + " spec: {replicas: 1, selector: {matchLabels: {app: web}},"
            + " template: {metadata: {labels: {app: web}},"
            + " spec: {containers: [{name: nginx, image: 'nginx:1.25'}]}}}}");
  }

  record Case(String name, UnaryOperator<Scenario> writes, String content,
      List<String> ownership) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> applies() {
    return Stream.of(
        new Case("an apply to nothing creates the object and owns exactly its configuration",
            s -> s.apply("kubectl", deployment("1", "nginx:1.25", "")),
            deployment("1", "nginx:1.25", ""),
            List.of("kubectl|Apply|apps/v1|00:00: " + APPLIED_PATHS)),
        new Case("a changed value is applied and the entry's time moves",
            s -> s.apply("kubectl", deployment("1", "nginx:1.25", ""))
                .apply("kubectl", deployment("3", "nginx:1.25", "")),
            deployment("3", "nginx:1.25", ""),
            List.of("kubectl|Apply|apps/v1|00:01: " + APPLIED_PATHS)),
        new Case("an unchanged apply keeps the entry's time",
            s -> s.apply("kubectl", deployment("1", "nginx:1.25", ""))
                .apply("kubectl", deployment("1", "nginx:1.25", "")),
            deployment("1", "nginx:1.25", ""),
            List.of("kubectl|Apply|apps/v1|00:00: " + APPLIED_PATHS)),
        new Case("a field the applier no longer applies is removed",
            s -> s.apply("kubectl", deployment("1", "nginx:1.25", ", tier: front"))
                .apply("kubectl", deployment("1", "nginx:1.25", "")),
            deployment("1", "nginx:1.25", ""),
            List.of("kubectl|Apply|apps/v1|00:01: " + APPLIED_PATHS)),
        new Case("a field another applier applies too survives its removal by one",
            s -> s.apply("alice", deployment("1", "nginx:1.25", ", shared: x"))
                .apply("bob", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web, labels: {shared: x, bob: y}}}")
                .apply("alice", deployment("1", "nginx:1.25", "")),
            deployment("1", "nginx:1.25", ", shared: x, bob: y"),
            List.of("alice|Apply|apps/v1|00:00: " + APPLIED_PATHS,
                "bob|Apply|apps/v1|00:01: .metadata.labels.bob .metadata.labels.shared")),
        new Case("two appliers of one value share the field without conflict",
            s -> s.apply("alice", deployment("1", "nginx:1.25", ""))
                .apply("bob", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                    + " spec: {replicas: 1}}"),
            deployment("1", "nginx:1.25", ""),
            List.of("bob|Apply|apps/v1|-: .spec.replicas",
                "alice|Apply|apps/v1|00:00: " + APPLIED_PATHS)),
        new Case("a forced apply takes a field over from an updater",
            s -> clientSideApplied("{}")
                .applyForced("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {replicas: 3}}"),
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, labels: {app: web},"
                + " annotations: {kubectl.kubernetes.io/last-applied-configuration: '{}'}},"
                + " spec: {replicas: 3, selector: {matchLabels: {app: web}},"
                + " template: {metadata: {labels: {app: web}},"
                + " spec: {containers: [{name: nginx, image: 'nginx:1.25'}]}}}}",
            List.of("helm|Apply|apps/v1|00:01: .spec.replicas",
                "kubectl-client-side-apply|Update|apps/v1|00:00: .metadata.annotations "
                    + ".metadata.labels .metadata.annotations.kubectl.kubernetes.io/"
                    + "last-applied-configuration .metadata.labels.app .spec.selector "
                    + ".spec.template.metadata.labels "
                    + ".spec.template.metadata.labels.app "
                    + ".spec.template.spec.containers[name=\"nginx\"] "
                    + ".spec.template.spec.containers[name=\"nginx\"].image "
                    + ".spec.template.spec.containers[name=\"nginx\"].name "
                    + ".spec.template.spec.containers[name=\"nginx\"].resources")),
        new Case("containers merge by name: another manager's container stays",
            s -> s.create("kubectl-create", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {template: {spec: {containers:"
                    + " [{name: app, image: 'app:1'}]}}}}")
                .apply("sidecar-injector", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {template: {spec: {containers:"
                    + " [{name: proxy, image: 'envoy:1'}]}}}}"),
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                + " spec: {template: {spec: {containers: [{name: app, image: 'app:1'},"
                + " {name: proxy, image: 'envoy:1'}]}}}}",
            List.of("sidecar-injector|Apply|apps/v1|00:01: "
                    + ".spec.template.spec.containers[name=\"proxy\"] "
                    + ".spec.template.spec.containers[name=\"proxy\"].image "
                    + ".spec.template.spec.containers[name=\"proxy\"].name",
                "kubectl-create|Update|apps/v1|00:00: "
                    + ".spec.template.spec.containers[name=\"app\"] "
                    + ".spec.template.spec.containers[name=\"app\"].image "
                    + ".spec.template.spec.containers[name=\"app\"].name "
                    + ".spec.template.spec.containers[name=\"app\"].resources")),
        new Case("a container the applier stops applying is removed, another's stays",
            s -> s.apply("alice", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {template: {spec: {containers:"
                    + " [{name: a, image: 'a:1'}, {name: b, image: 'b:1'}]}}}}")
                .apply("alice", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {template: {spec: {containers:"
                    + " [{name: a, image: 'a:1'}]}}}}"),
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                + " spec: {template: {spec: {containers: [{name: a, image: 'a:1'}]}}}}",
            List.of("alice|Apply|apps/v1|00:01: .spec.template.spec.containers[name=\"a\"] "
                + ".spec.template.spec.containers[name=\"a\"].image "
                + ".spec.template.spec.containers[name=\"a\"].name")),
        new Case("finalizers merge as a set",
            s -> s.create("controller", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web, finalizers: [example.com/a]}}")
                .apply("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web, finalizers: [example.com/b]}}"),
            "{apiVersion: apps/v1, kind: Deployment,"
                + " metadata: {name: web, finalizers: [example.com/a, example.com/b]}}",
            List.of("helm|Apply|apps/v1|00:01: .metadata.finalizers[=\"example.com/b\"]",
                "controller|Update|apps/v1|00:00: .metadata.finalizers "
                    + ".metadata.finalizers[=\"example.com/a\"]")),
        new Case("tolerations are an atomic list, replaced whole by a forced apply",
            s -> s.create("kubectl-create", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {template: {spec: {tolerations:"
                    + " [{key: a, operator: Exists}]}}}}")
                .applyForced("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {template: {spec: {tolerations:"
                    + " [{key: b, operator: Exists}]}}}}"),
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                + " spec: {template: {spec: {tolerations: [{key: b, operator: Exists}]}}}}",
            List.of("helm|Apply|apps/v1|00:01: .spec.template.spec.tolerations")),
        new Case("a set element the applier stops applying is removed",
            s -> s.apply("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web, finalizers: [example.com/a, example.com/b]}}")
                .apply("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web, finalizers: [example.com/b]}}"),
            "{apiVersion: apps/v1, kind: Deployment,"
                + " metadata: {name: web, finalizers: [example.com/b]}}",
            List.of("helm|Apply|apps/v1|00:01: .metadata.finalizers[=\"example.com/b\"]")),
        new Case("a field an updater took over stays when the applier stops applying it",
            s -> s.apply("alice", deployment("1", "nginx:1.25", ", tier: front"))
                .patch("kubectl-label", o -> o.withObjectProperty("metadata")
                    .withObjectProperty("labels").put("tier", "back"))
                .apply("alice", deployment("1", "nginx:1.25", "")),
            deployment("1", "nginx:1.25", ", tier: back"),
            List.of("alice|Apply|apps/v1|00:00: " + APPLIED_PATHS,
                "kubectl-label|Update|apps/v1|00:01: .metadata.labels.tier")),
        new Case("list-map elements keep the live order and add the configuration's after",
            s -> s.create("kubectl-create", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {template: {spec: {containers:"
                    + " [{name: a, image: 'a:1'}, {name: b, image: 'b:1'}]}}}}")
                .applyForced("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {template: {spec: {containers:"
                    + " [{name: b, image: 'b:2'}, {name: c, image: 'c:1'}]}}}}"),
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                + " spec: {template: {spec: {containers: [{name: a, image: 'a:1'},"
                + " {name: b, image: 'b:2'}, {name: c, image: 'c:1'}]}}}}",
            null),
        new Case("a port keyed by the default protocol matches its defaulted live element",
            s -> Scenario.of("pods").apply("fabric8", "{apiVersion: v1, kind: Pod,"
                    + " metadata: {name: p}, spec: {containers: [{name: c, image: i,"
                    + " ports: [{containerPort: 80}]}]}}")
                .stores(o -> ((tools.jackson.databind.node.ObjectNode) o.path("spec")
                    .path("containers").get(0).path("ports").get(0)).put("protocol", "TCP"))
                .apply("fabric8", "{apiVersion: v1, kind: Pod,"
                    + " metadata: {name: p}, spec: {containers: [{name: c, image: i,"
                    + " ports: [{containerPort: 80}]}]}}"),
            "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c,"
                + " image: i, ports: [{containerPort: 80, protocol: TCP}]}]}}",
            List.of("fabric8|Apply|v1|00:00: .spec.containers[name=\"c\"] "
                + ".spec.containers[name=\"c\"].image .spec.containers[name=\"c\"].name "
                + ".spec.containers[name=\"c\"].ports[containerPort=80,protocol=\"TCP\"] "
                + ".spec.containers[name=\"c\"].ports[containerPort=80,protocol=\"TCP\"]"
                + ".containerPort")),
        new Case("an atomic map is replaced whole",
            s -> Scenario.of("pods").apply("helm", "{apiVersion: v1, kind: Pod,"
                    + " metadata: {name: p}, spec: {nodeSelector: {disk: ssd, zone: a}}}")
                .apply("helm", "{apiVersion: v1, kind: Pod,"
                    + " metadata: {name: p}, spec: {nodeSelector: {zone: b}}}"),
            "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {nodeSelector: {zone: b}}}",
            List.of("helm|Apply|v1|00:01: .spec.nodeSelector")),
        new Case("a null in the configuration removes the value and is owned",
            s -> s.apply("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {replicas: 2, paused: true}}")
                .apply("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {replicas: 2, paused: null}}"),
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                + " spec: {replicas: 2}}",
            List.of("helm|Apply|apps/v1|00:01: .spec.paused .spec.replicas")),
        new Case("defaults and system fields nobody owns survive an apply that removes a field",
            s -> s.apply("fabric8", deployment("1", "nginx:1.25", ", tier: front"))
                .stores(o -> {
                  ObjectNode meta = o.withObjectProperty("metadata");
                  meta.put("namespace", "default").put("resourceVersion", "7")
                      .put("generation", 1).put("creationTimestamp", "2025-01-01T00:00:00Z");
                  ObjectNode spec = o.withObjectProperty("spec");
                  spec.put("revisionHistoryLimit", 10).putObject("strategy")
                      .put("type", "RollingUpdate");
                  ((ObjectNode) spec.path("template").path("spec").path("containers").get(0))
                      .put("imagePullPolicy", "IfNotPresent");
                  o.putObject("status").put("replicas", 1);
                })
                .apply("fabric8", deployment("1", "nginx:1.25", "")),
            "{apiVersion: apps/v1, kind: Deployment,"
                + " metadata: {name: web, namespace: default, resourceVersion: '7',"
                + " generation: 1, creationTimestamp: '2025-01-01T00:00:00Z',"
                + " labels: {app: web}},"
                + " spec: {replicas: 1, revisionHistoryLimit: 10,"
                + " strategy: {type: RollingUpdate}, selector: {matchLabels: {app: web}},"
                + " template: {metadata: {labels: {app: web}}, spec: {containers:"
                + " [{name: nginx, image: 'nginx:1.25', imagePullPolicy: IfNotPresent}]}}},"
                + " status: {replicas: 1}}",
            List.of("fabric8|Apply|apps/v1|00:01: " + APPLIED_PATHS)),
        new Case("a struct whose only applied field is dropped goes with its unowned fields",
            s -> s.apply("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web}, spec: {paused: true}}")
                .stores(o -> o.withObjectProperty("spec").put("revisionHistoryLimit", 10))
                .apply("helm", "{apiVersion: apps/v1, kind: Deployment,"
                    + " metadata: {name: web, labels: {a: b}}}"),
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, labels: {a: b}}}",
            List.of("helm|Apply|apps/v1|00:01: .metadata.labels.a")),
        new Case("an object stored untracked gets a before-first-apply entry",
            s -> s.stored("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                    + " spec: {replicas: 1, paused: true}}")
                .apply("helm", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                    + " spec: {replicas: 1}}"),
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                + " spec: {replicas: 1, paused: true}}",
            List.of("helm|Apply|apps/v1|-: .spec.replicas",
                "before-first-apply|Update|apps/v1|00:01: .spec.paused .spec.replicas")),
        new Case("an apply to a pod's status owns status fields only",
            s -> Scenario.of("pods").create("kubectl-run", "{apiVersion: v1, kind: Pod,"
                    + " metadata: {name: p}, spec: {containers: [{name: c, image: i}]}}")
                .applyStatus("kubelet", "{apiVersion: v1, kind: Pod, metadata: {name: p,"
                    + " labels: {x: y}}, status: {phase: Running}}"),
            null,
            List.of("kubelet/status|Apply|v1|00:01: .status.phase",
                "kubectl-run|Update|v1|00:00: .spec.containers[name=\"c\"] "
                    + ".spec.containers[name=\"c\"].image .spec.containers[name=\"c\"].name "
                    + ".spec.containers[name=\"c\"].resources")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("applies")
  void appliesAsKubernetesDoes(Case c) {
    Scenario s = c.writes().apply(Scenario.of("deployments"));
    if (c.content() != null) {
      assertContent(s, c.content());
    }
    if (c.ownership() != null) {
      assertOwnership(s, c.ownership());
    }
  }

  /** A client-side applied Deployment whose annotation holds exactly {@code recorded}. */
  static Scenario clientSideAppliedExactly(String recorded) {
    tools.jackson.databind.node.ObjectNode object = io.kubee.api.testing.Fixtures.yaml(
        "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, labels: {app: web}},"
            + " spec: {replicas: 1, selector: {matchLabels: {app: web}},"
            + " template: {metadata: {labels: {app: web}},"
            + " spec: {containers: [{name: nginx, image: 'nginx:1.25'}]}}}}");
    object.withObjectProperty("metadata").withObjectProperty("annotations")
        .put(LastAppliedConfiguration.ANNOTATION, recorded);
    return Scenario.of("deployments").create("kubectl-client-side-apply", object);
  }

  static String annotation(Scenario s) {
    return s.object().path("metadata").path("annotations")
        .path(LastAppliedConfiguration.ANNOTATION).asString();
  }

  @Test
  void anotherApplierKeepsTheLastAppliedAnnotationByteForByte() {
    String recorded = "{\"kind\":\"Deployment\",  \"apiVersion\":\"apps/v1\","
        + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1}}\n";
    Scenario s = clientSideAppliedExactly(recorded)
        .applyForced("helm", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
            + " spec: {replicas: 2}}");
    assertThat(s.object().path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(annotation(s)).isEqualTo(recorded);
  }

  @Test
  void kubectlsServerSideApplyTakesOverWhatClientSideApplyLastAppliedAndRewritesIt() {
    Scenario s = clientSideAppliedExactly("{\"apiVersion\":\"apps/v1\","
        + "\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
        + "\"spec\":{\"replicas\":1}}\n")
        .apply("kubectl", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
            + " spec: {replicas: 2}}");
    assertThat(s.object().path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(annotation(s)).isEqualTo("{\"apiVersion\":\"apps/v1\",\"kind\":"
        + "\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":2}}\n");
    assertThat(Ownership.lines(s)).first().asString()
        .isEqualTo("kubectl|Apply|apps/v1|00:01: .spec.replicas");
    assertThat(Ownership.lines(s)).element(1).asString()
        .startsWith("kubectl-client-side-apply|Update|apps/v1|00:00: ")
        .doesNotContain(".spec.replicas");
  }

  record Failure(String name, UnaryOperator<Scenario> before, String manager, String config,
      boolean force, int code, String message, List<String> causes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Failure> failures() {
    UnaryOperator<Scenario> csa = s -> clientSideApplied("{}");
    return Stream.of(
        new Failure("changing an updater's field is a conflict naming it and its version",
            s -> csa.apply(s), "helm",
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                + " spec: {replicas: 3}}", false, 409,
            "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using "
                + "apps/v1: .spec.replicas",
            List.of(".spec.replicas|FieldManagerConflict|conflict with "
                + "\"kubectl-client-side-apply\" using apps/v1")),
        new Failure("conflicts with several fields and managers are listed by manager",
            s -> csa.apply(s).apply("alice", "{apiVersion: apps/v1, kind: Deployment,"
                + " metadata: {name: web}, spec: {paused: true}}"), "bob",
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web,"
                + " labels: {app: api}}, spec: {replicas: 3, paused: false}}", false, 409,
            "Apply failed with 3 conflicts: conflicts with \"alice\":\n- .spec.paused\n"
                + "conflicts with \"kubectl-client-side-apply\" using apps/v1:\n"
                + "- .metadata.labels.app\n- .spec.replicas",
            List.of(".spec.paused|FieldManagerConflict|conflict with \"alice\"",
                ".metadata.labels.app|FieldManagerConflict|conflict with "
                    + "\"kubectl-client-side-apply\" using apps/v1",
                ".spec.replicas|FieldManagerConflict|conflict with "
                    + "\"kubectl-client-side-apply\" using apps/v1")),
        new Failure("an atomic list is one field in a conflict",
            s -> s.create("kubectl-create", "{apiVersion: apps/v1, kind: Deployment,"
                + " metadata: {name: web}, spec: {template: {spec: {tolerations:"
                + " [{key: a, operator: Exists}]}}}}"), "helm",
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                + " spec: {template: {spec: {tolerations: [{key: b, operator: Exists}]}}}}",
            false, 409,
            "Apply failed with 1 conflict: conflict with \"kubectl-create\" using apps/v1: "
                + ".spec.template.spec.tolerations",
            null),
        new Failure("kubectl conflicts on a field changed since the last client-side apply",
            s -> clientSideApplied("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                    + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1}}")
                .patch("kubectl-scale", o -> o.withObjectProperty("spec").put("replicas", 5)),
            "kubectl",
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
                + " spec: {replicas: 2}}", false, 409,
            "Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: "
                + ".spec.replicas",
            null),
        new Failure("an apply needs a field manager",
            s -> s, "", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}}",
            false, 422,
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is "
                + "required for apply patch",
            List.of("fieldManager|FieldValueRequired|Required value: is required for apply "
                + "patch")),
        new Failure("a configuration of another kind",
            s -> s, "helm", "{apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: web}}",
            false, 400, "invalid object type: apps/v1, Kind=ReplicaSet", null),
        new Failure("a configuration without apiVersion and kind",
            s -> s, "helm", "{metadata: {name: web}}",
            false, 400, "invalid object type: /, Kind=", null),
        new Failure("a configuration carrying managedFields",
            s -> s, "helm", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web,"
                + " managedFields: []}}",
            false, 400, "metadata.managedFields must be nil", null),
        new Failure("a configuration with a field the schema lacks",
            s -> s, "helm", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web,"
                + " namespace: default}, spec: {replicaz: 1}}",
            false, 400, "failed to create typed patch object (default/web; apps/v1, "
                + "Kind=Deployment): .spec.replicaz: field not declared in schema", null),
        new Failure("a create that names a uid",
            s -> s, "helm", "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web,"
                + " uid: abc}}",
            false, 409, "Operation cannot be fulfilled on deployments.apps \"web\": uid "
                + "mismatch: the provided object specified uid abc, and no existing object "
                + "was found", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void refusesAsKubernetesDoes(Failure c) {
    Scenario s = c.before().apply(Scenario.of("deployments"));
    String before = s.object() == null ? null : s.object().toString();
    ApiException error = catchThrowableOfType(ApiException.class,
        () -> s.tryApply(c.manager(), c.config(), c.force()));
    assertThat(error).as("error").isNotNull();
    assertThat(error.code()).isEqualTo(c.code());
    assertThat(error.getMessage()).isEqualTo(c.message());
    if (c.causes() != null) {
      assertThat(lines(error.status().getDetails().getCauses()))
          .containsExactlyElementsOf(c.causes());
    }
    if (before != null) {
      assertThat(s.object().toString()).as("the live object is untouched").isEqualTo(before);
    }
  }
}
