package io.kubee.it;

import static io.kubee.it.Output.assertLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.it.Kubectl.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code kubectl apply} with its default flags (client-side apply, {@code --validate=strict}
 * through the server's OpenAPI and {@code fieldValidation=Strict}) of a standard Deployment +
 * Service + ConfigMap manifest written for Kubernetes ({@code manifests/web-app.yaml}): it
 * applies unchanged, reads back with every applied field, re-applies as "unchanged", and a
 * changed manifest is merged three ways. Also what a user sees when a manifest is wrong.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KubectlApplyIT {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  @TempDir
  static Path home;
  static Kubectl kubectl;
  static Path manifest;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @BeforeAll
  static void kubectl() throws IOException {
    kubectl = new Kubectl(home);
    manifest = home.resolve("web-app.yaml");
    Files.writeString(manifest, resource("manifests/web-app.yaml"));
  }

  @Test
  void aKubernetesManifestAppliesUnchangedAndReadsBackAsApplied() throws IOException {
    kubectl.ok("create", "namespace", "shop");

    Result created = kubectl.run("apply", "-n", "shop", "-f", manifest.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.err()).isEmpty();
    assertLines(created.out(),
        "configmap/web-config created",
        "deployment.apps/web created",
        "service/web created");

    List<JsonNode> applied = documents(Files.readString(manifest));
    JsonNode live = YAML.readTree(kubectl.ok("get", "-n", "shop", "-f", manifest.toString(),
        "-o", "yaml"));
    assertThat(live.path("kind").asString()).isEqualTo("List");
    assertThat(live.path("items")).hasSize(3);
    for (int i = 0; i < applied.size(); i++) {
      JsonNode object = live.path("items").get(i);
      assertThat(Output.differences(applied.get(i), object))
          .as("%s read back", applied.get(i).path("kind").asString()).isEmpty();
      assertThat(object.at("/metadata/namespace").asString()).isEqualTo("shop");
      assertThat(object.at("/metadata/uid").asString()).isNotEmpty();
      assertThat(object.at("/metadata/creationTimestamp").asString())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(lastApplied(object)).as("last-applied-configuration of %s",
          applied.get(i).path("kind").asString()).isEqualTo(applied.get(i));
    }

    // what the server fills in, as Kubernetes does
    JsonNode deployment = live.path("items").get(1);
    assertThat(deployment.at("/metadata/generation").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
    JsonNode pod = deployment.at("/spec/template/spec");
    assertThat(pod.path("restartPolicy").asString()).isEqualTo("Always");
    assertThat(pod.path("dnsPolicy").asString()).isEqualTo("ClusterFirst");
    assertThat(pod.path("schedulerName").asString()).isEqualTo("default-scheduler");
    assertThat(pod.path("securityContext").isObject()).isTrue();
    JsonNode container = pod.path("containers").get(0);
    assertThat(container.path("terminationMessagePath").asString())
        .isEqualTo("/dev/termination-log");
    assertThat(container.path("terminationMessagePolicy").asString()).isEqualTo("File");
    assertThat(container.at("/readinessProbe/httpGet/scheme").asString()).isEqualTo("HTTP");
    assertThat(container.at("/readinessProbe/timeoutSeconds").asInt()).isEqualTo(1);
    assertThat(container.at("/readinessProbe/successThreshold").asInt()).isEqualTo(1);
    assertThat(container.at("/readinessProbe/failureThreshold").asInt()).isEqualTo(3);
    assertThat(container.at("/livenessProbe/periodSeconds").asInt()).isEqualTo(10);
    assertThat(pod.at("/volumes/0/configMap/defaultMode").asInt()).isEqualTo(420);
    JsonNode service = live.path("items").get(2);
    assertThat(service.at("/spec/internalTrafficPolicy").asString()).isEqualTo("Cluster");
    assertThat(service.at("/spec/ipFamilyPolicy").asString()).isEqualTo("SingleStack");

    String versions = unchangedByControllers("shop");
    Result again = kubectl.run("apply", "-n", "shop", "-f", manifest.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertLines(again.out(),
        "configmap/web-config unchanged",
        "deployment.apps/web unchanged",
        "service/web unchanged");
    assertThat(unchangedByControllers("shop")).as("nothing was written").isEqualTo(versions);
  }

  @Test
  void aChangedManifestIsMergedThreeWays() throws IOException {
    kubectl.ok("create", "namespace", "shop-v2");
    kubectl.ok("apply", "-n", "shop-v2", "-f", manifest.toString());
    // someone scales by hand and labels the deployment; apply must keep what it does not own
    kubectl.ok("label", "-n", "shop-v2", "deployment", "web", "owner=ops");

    String original = Files.readString(manifest);
    String changed = original
        .replace("  APP_MODE: production", "  APP_MODE: staging")
        .replace("replicas: 3", "replicas: 4")
        .replace("image: nginx:1.27", "image: nginx:1.28")
        .replace("""
                    - name: LOG_LEVEL
                      value: info
            """, "");
    assertThat(changed).doesNotContain("LOG_LEVEL").contains("nginx:1.28");
    Path v2 = home.resolve("web-app-v2.yaml");
    Files.writeString(v2, changed);

    Result configured = kubectl.run("apply", "-n", "shop-v2", "-f", v2.toString());
    assertThat(configured.exitCode()).as(configured.err()).isZero();
    assertLines(configured.out(),
        "configmap/web-config configured",
        "deployment.apps/web configured",
        "service/web unchanged");

    assertThat(kubectl.ok("get", "-n", "shop-v2", "deployment", "web", "-o",
        "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}"
            + " {.spec.template.spec.containers[0].env[*].name} {.metadata.generation}"
            + " {.metadata.labels.owner}"))
        .isEqualTo("4 nginx:1.28 APP_MODE 2 ops");
    assertThat(kubectl.ok("get", "-n", "shop-v2", "configmap", "web-config", "-o",
        "jsonpath={.data.APP_MODE}")).isEqualTo("staging");

    JsonNode live = YAML.readTree(kubectl.ok("get", "-n", "shop-v2", "-f", v2.toString(),
        "-o", "yaml"));
    List<JsonNode> applied = documents(changed);
    for (int i = 0; i < applied.size(); i++) {
      assertThat(Output.differences(applied.get(i), live.path("items").get(i))).isEmpty();
      assertThat(lastApplied(live.path("items").get(i))).isEqualTo(applied.get(i));
    }

    // and back: the removed variable returns, the hand-made label stays
    Result reverted = kubectl.run("apply", "-n", "shop-v2", "-f", manifest.toString());
    assertThat(reverted.exitCode()).as(reverted.err()).isZero();
    assertThat(kubectl.ok("get", "-n", "shop-v2", "deployment", "web", "-o",
        "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].env[*].name}"
            + " {.metadata.labels.owner}"))
        .isEqualTo("3 APP_MODE LOG_LEVEL ops");
  }

  @Test
  void serverSideApplyAndReplace() throws IOException {
    kubectl.ok("create", "namespace", "shop-ssa");
    Result applied = kubectl.run("apply", "--server-side", "-n", "shop-ssa", "-f",
        manifest.toString());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertLines(applied.out(),
        "configmap/web-config serverside-applied",
        "deployment.apps/web serverside-applied",
        "service/web serverside-applied");
    JsonNode live = YAML.readTree(kubectl.ok("get", "-n", "shop-ssa", "-f", manifest.toString(),
        "-o", "yaml", "--show-managed-fields"));
    List<JsonNode> documents = documents(Files.readString(manifest));
    for (int i = 0; i < documents.size(); i++) {
      JsonNode object = live.path("items").get(i);
      assertThat(Output.differences(documents.get(i), object)).isEmpty();
      assertThat(object.at("/metadata/managedFields/0/manager").asString()).isEqualTo("kubectl");
      assertThat(object.at("/metadata/managedFields/0/operation").asString()).isEqualTo("Apply");
      assertThat(object.at("/metadata/annotations")
          .has("kubectl.kubernetes.io/last-applied-configuration")).isFalse();
    }

    // a field another manager changed conflicts until the applier forces it back
    kubectl.ok("patch", "deployment", "web", "-n", "shop-ssa", "-p",
        "{\"spec\":{\"revisionHistoryLimit\":9}}");
    Result conflict = kubectl.run("apply", "--server-side", "-n", "shop-ssa", "-f",
        manifest.toString());
    assertThat(conflict.exitCode()).isEqualTo(1);
    assertThat(conflict.err().lines().findFirst().orElse("")).isEqualTo("error: Apply failed "
        + "with 1 conflict: conflict with \"kubectl-patch\" using apps/v1: "
        + ".spec.revisionHistoryLimit");
    assertThat(conflict.err()).contains("--force-conflicts");
    Result forced = kubectl.run("apply", "--server-side", "--force-conflicts", "-n", "shop-ssa",
        "-f", manifest.toString());
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(kubectl.ok("get", "deployment", "web", "-n", "shop-ssa", "-o",
        "jsonpath={.spec.revisionHistoryLimit}")).isEqualTo("5");

    // replace sends the whole object (PUT), validated like apply
    String replaced = Files.readString(manifest).replace("replicas: 3", "replicas: 2");
    Path v2 = home.resolve("web-app-replace.yaml");
    Files.writeString(v2, replaced);
    assertLines(kubectl.ok("replace", "-n", "shop-ssa", "-f", v2.toString()),
        "configmap/web-config replaced",
        "deployment.apps/web replaced",
        "service/web replaced");
    assertThat(kubectl.ok("get", "deployment", "web", "-n", "shop-ssa", "-o",
        "jsonpath={.spec.replicas}")).isEqualTo("2");
  }

  @Test
  void invalidManifestsAreRejectedWithKubernetesMessages() throws IOException {
    kubectl.ok("create", "namespace", "broken");
    Path invalid = home.resolve("invalid.yaml");
    Files.writeString(invalid, """
        apiVersion: v1
        kind: Pod
        metadata:
          name: invalid
        spec:
          restartPolicy: Sometimes
          containers:
          - name: main
        """);
    Result rejected = kubectl.run("apply", "-n", "broken", "-f", invalid.toString());
    assertThat(rejected.exitCode()).isEqualTo(1);
    assertThat(rejected.out()).isEmpty();
    assertLines(rejected.err(),
        "The Pod \"invalid\" is invalid: ",
        "\\* spec\\.containers\\[0\\]\\.image: Required value",
        "\\* spec\\.restartPolicy: Unsupported value: \"Sometimes\": supported values: "
            + "\"Always\", \"OnFailure\", \"Never\"");

    Path badName = home.resolve("bad-name.yaml");
    Files.writeString(badName, """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: Bad_Name
        """);
    Result invalidName = kubectl.run("apply", "-n", "broken", "-f", badName.toString());
    assertThat(invalidName.exitCode()).isEqualTo(1);
    assertThat(invalidName.err()).startsWith("The ConfigMap \"Bad_Name\" is invalid: "
        + "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must "
        + "consist of lower case alphanumeric characters, '-' or '.'");

    // default validation is strict: an unknown field is an error, not silently dropped
    Path unknown = home.resolve("unknown-field.yaml");
    Files.writeString(unknown, """
        apiVersion: v1
        kind: Pod
        metadata:
          name: typo
        spec:
          containers:
          - name: main
            image: busybox:1.36
            imagePullPolicyy: Always
        """);
    Result strict = kubectl.run("apply", "-n", "broken", "-f", unknown.toString());
    assertThat(strict.exitCode()).isEqualTo(1);
    assertLines(strict.err(), "Error from server \\(BadRequest\\): error when creating \""
        + java.util.regex.Pattern.quote(unknown.toString()) + "\": Pod in version \"v1\" cannot be "
        + "handled as a Pod: strict decoding error: unknown field "
        + "\"spec\\.containers\\[0\\]\\.imagePullPolicyy\"");

    assertThat(kubectl.ok("get", "pods,configmaps", "-n", "broken", "-o", "name"))
        .as("nothing was stored").doesNotContain("invalid", "typo", "Bad_Name");
  }

  @Test
  void createOfExistingObjectsFailsForEachOfThem() {
    kubectl.ok("create", "namespace", "twice");
    kubectl.ok("create", "-n", "twice", "-f", manifest.toString());
    Result again = kubectl.run("create", "-n", "twice", "-f", manifest.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.out()).isEmpty();
    String file = java.util.regex.Pattern.quote(manifest.toString());
    assertLines(again.err(),
        "Error from server \\(AlreadyExists\\): error when creating \"" + file
            + "\": configmaps \"web-config\" already exists",
        "Error from server \\(AlreadyExists\\): error when creating \"" + file
            + "\": deployments.apps \"web\" already exists",
        "Error from server \\(AlreadyExists\\): error when creating \"" + file
            + "\": services \"web\" already exists");

    // the protobuf-bodied create subcommand reports it its own way
    Result configMap = kubectl.run("create", "configmap", "web-config", "-n", "twice",
        "--from-literal=a=b");
    assertThat(configMap.exitCode()).isEqualTo(1);
    assertLines(configMap.err(),
        "error: failed to create configmap: configmaps \"web-config\" already exists");
  }

  /** The last-applied-configuration annotation, without what kubectl adds to the manifest. */
  private static JsonNode lastApplied(JsonNode object) {
    String annotation = object.at("/metadata/annotations")
        .path("kubectl.kubernetes.io/last-applied-configuration").asString("");
    assertThat(annotation).as("last-applied-configuration").isNotEmpty();
    ObjectNode lastApplied = (ObjectNode) Http.JSON.readTree(annotation);
    ObjectNode metadata = (ObjectNode) lastApplied.path("metadata");
    metadata.remove("namespace");
    if (metadata.path("annotations").isEmpty()) {
      metadata.remove("annotations");
    }
    return lastApplied;
  }

  /**
   * What a write by apply would change and a controller would not: the resourceVersions of the
   * config map and the service, and the deployment's generation (a deployment controller writes
   * the deployment's status: a new resourceVersion, the same generation).
   */
  private String unchangedByControllers(String namespace) {
    return kubectl.ok("get", "-n", namespace, "configmap/web-config", "service/web",
        "deployment/web", "-o", "jsonpath={.items[0].metadata.resourceVersion}"
            + " {.items[1].metadata.resourceVersion} {.items[2].metadata.generation}");
  }

  private static List<JsonNode> documents(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (values.hasNext()) {
        documents.add((JsonNode) values.next());
      }
    }
    return documents;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = KubectlApplyIT.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
