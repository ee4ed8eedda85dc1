package io.kubee.it;

import static io.kubee.it.Output.AGE;
import static io.kubee.it.Output.assertLines;
import static io.kubee.it.Output.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.it.Kubectl.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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

/**
 * The write side of kubectl: {@code patch} with its three types, {@code scale}, {@code label},
 * {@code annotate}, {@code delete} by name, selector and {@code --all}, and the {@code create}
 * subcommands that send protobuf bodies. Each test works in a namespace of its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KubectlWriteIT {
  @TempDir
  static Path home;
  static Kubectl kubectl;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @BeforeAll
  static void kubectl() {
    kubectl = new Kubectl(home);
  }

  @Test
  void patchWithEachPatchType() {
    kubectl.ok("create", "namespace", "patching");
    kubectl.ok("create", "deployment", "api", "-n", "patching", "--image=nginx:1.27",
        "--replicas=2", "--port=80");

    // strategic merge (the default): containers merge by name, the port stays
    assertLines(kubectl.ok("patch", "deployment", "api", "-n", "patching", "-p",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\","
                + "\"env\":[{\"name\":\"MODE\",\"value\":\"fast\"}]}]}}}}"),
        "deployment\\.apps/api patched");
    assertThat(container("patching", "api")).isEqualTo(
        "nginx nginx:1.27 MODE=fast 80");
    assertLines(kubectl.ok("patch", "deployment", "api", "-n", "patching", "-p",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\","
                + "\"env\":[{\"name\":\"MODE\",\"value\":\"fast\"}]}]}}}}"),
        "deployment\\.apps/api patched \\(no change\\)");
    // a $patch: delete directive removes one element by its merge key
    kubectl.ok("patch", "deployment", "api", "-n", "patching", "--type=strategic", "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\","
            + "\"env\":[{\"name\":\"MODE\",\"$patch\":\"delete\"}]}]}}}}");
    assertThat(container("patching", "api")).isEqualTo("nginx nginx:1.27  80");

    // JSON merge patch (RFC 7386): a list is replaced as a whole, null removes
    assertLines(kubectl.ok("patch", "deployment", "api", "-n", "patching", "--type=merge", "-p",
            "{\"metadata\":{\"labels\":{\"app\":null,\"team\":\"web\"}},\"spec\":{\"template\":"
                + "{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.28\"}]}}}}"),
        "deployment\\.apps/api patched");
    assertThat(container("patching", "api")).isEqualTo("nginx nginx:1.28  ");
    assertThat(kubectl.ok("get", "deployment", "api", "-n", "patching", "-o",
        "jsonpath={.metadata.labels}")).isEqualTo("{\"team\":\"web\"}");

    // JSON patch (RFC 6902), with a test that guards it
    assertLines(kubectl.ok("patch", "deployment", "api", "-n", "patching", "--type=json", "-p",
            "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":2},"
                + "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]"),
        "deployment\\.apps/api patched");
    Result failedTest = kubectl.run("patch", "deployment", "api", "-n", "patching",
        "--type=json", "-p", "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":2},"
            + "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":7}]");
    assertThat(failedTest.exitCode()).isEqualTo(1);
    assertLines(failedTest.err(),
        "The request is invalid: testing value /spec/replicas failed: test failed");
    assertThat(kubectl.ok("get", "deployment", "api", "-n", "patching", "-o",
        "jsonpath={.spec.replicas} {.metadata.generation}")).isEqualTo("1 5");

    Result wrongType = kubectl.run("patch", "deployment", "api", "-n", "patching", "-p",
        "{\"spec\":{\"replicas\":\"two\"}}");
    assertThat(wrongType.exitCode()).isEqualTo(1);
    assertThat(wrongType.err()).startsWith("Error from server (BadRequest): Deployment in "
        + "version \"v1\" cannot be handled as a Deployment:");

    Result missing = kubectl.run("patch", "deployment", "nope", "-n", "patching", "-p", "{}");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertLines(missing.err(),
        "Error from server \\(NotFound\\): deployments\\.apps \"nope\" not found");
  }

  @Test
  void scaleChangesReplicasThroughTheScaleSubresource() {
    kubectl.ok("create", "namespace", "scaling");
    kubectl.ok("create", "deployment", "api", "-n", "scaling", "--image=nginx:1.27",
        "--replicas=1");
    assertLines(kubectl.ok("scale", "deployment", "api", "-n", "scaling", "--replicas=3"),
        "deployment\\.apps/api scaled");
    assertThat(kubectl.ok("get", "deployment", "api", "-n", "scaling", "-o",
        "jsonpath={.spec.replicas}")).isEqualTo("3");
    assertLines(kubectl.ok("get", "deployment", "api", "-n", "scaling"),
        row("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"),
        row("api", "0/3", "\\d+", "0", AGE));

    Result precondition = kubectl.run("scale", "deployment", "api", "-n", "scaling",
        "--replicas=5", "--current-replicas=2");
    assertThat(precondition.exitCode()).isEqualTo(1);
    assertLines(precondition.err(), "error: Expected replicas to be 2, was 3");
    assertLines(kubectl.ok("scale", "deployment", "api", "-n", "scaling", "--replicas=0",
        "--current-replicas=3"), "deployment\\.apps/api scaled");
    assertThat(kubectl.ok("get", "deployment", "api", "-n", "scaling", "-o",
        "jsonpath={.spec.replicas}")).isEqualTo("0");

    kubectl.runWithInput("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: workers
        spec:
          replicas: 1
          selector:
            matchLabels: {app: workers}
          template:
            metadata:
              labels: {app: workers}
            spec:
              containers:
              - name: main
                image: busybox:1.36
        """, "apply", "-n", "scaling", "-f", "-");
    assertLines(kubectl.ok("scale", "replicaset", "workers", "-n", "scaling", "--replicas=4"),
        "replicaset\\.apps/workers scaled");
    assertThat(kubectl.ok("get", "rs", "workers", "-n", "scaling", "-o",
        "jsonpath={.spec.replicas}")).isEqualTo("4");
  }

  @Test
  void labelAndAnnotateAddOverwriteAndRemove() {
    kubectl.ok("create", "namespace", "tagging");
    kubectl.ok("create", "configmap", "one", "-n", "tagging");
    kubectl.ok("create", "configmap", "two", "-n", "tagging");

    assertLines(kubectl.ok("label", "configmap", "one", "-n", "tagging", "app=web"),
        "configmap/one labeled");
    Result noOverwrite = kubectl.run("label", "configmap", "one", "-n", "tagging", "app=db");
    assertThat(noOverwrite.exitCode()).isEqualTo(1);
    assertLines(noOverwrite.err(),
        "error: 'app' already has a value \\(web\\), and --overwrite is false");
    assertLines(kubectl.ok("label", "configmap", "one", "-n", "tagging", "app=db",
        "--overwrite"), "configmap/one labeled");
    assertLines(kubectl.ok("label", "configmap", "one", "two", "-n", "tagging", "tier=cache"),
        "configmap/one labeled", "configmap/two labeled");
    assertLines(kubectl.ok("get", "configmaps", "one", "two", "-n", "tagging", "--show-labels"),
        row("NAME", "DATA", "AGE", "LABELS"),
        row("one", "0", AGE, "app=db,tier=cache"),
        row("two", "0", AGE, "tier=cache"));
    assertLines(kubectl.ok("label", "configmap", "one", "-n", "tagging", "app-"),
        "configmap/one unlabeled");
    assertThat(kubectl.ok("get", "configmap", "one", "-n", "tagging", "-o",
        "jsonpath={.metadata.labels}")).isEqualTo("{\"tier\":\"cache\"}");

    assertLines(kubectl.ok("annotate", "configmap", "one", "-n", "tagging",
        "owner=team-a", "description=cache settings"), "configmap/one annotated");
    Result annotateNoOverwrite = kubectl.run("annotate", "configmap", "one", "-n", "tagging",
        "owner=team-b");
    assertThat(annotateNoOverwrite.exitCode()).isEqualTo(1);
    assertLines(annotateNoOverwrite.err(), "error: --overwrite is false but found the "
        + "following declared annotation\\(s\\): 'owner' already has a value \\(team-a\\)");
    assertLines(kubectl.ok("annotate", "configmap", "one", "-n", "tagging", "owner=team-b",
        "--overwrite"), "configmap/one annotated");
    assertLines(kubectl.ok("annotate", "configmap", "one", "-n", "tagging", "description-"),
        "configmap/one annotated");
    assertThat(kubectl.ok("get", "configmap", "one", "-n", "tagging", "-o",
        "jsonpath={.metadata.annotations}")).isEqualTo("{\"owner\":\"team-b\"}");

    assertLines(kubectl.ok("label", "configmaps", "-n", "tagging", "-l", "tier=cache",
        "tier=hot", "--overwrite"), "configmap/one labeled", "configmap/two labeled");
  }

  @Test
  void deleteByNameSelectorAndAll() {
    // secrets: no controller adds any to a namespace (configmaps get kube-root-ca.crt)
    kubectl.ok("create", "namespace", "cleanup");
    for (String name : new String[] {"a", "b", "c", "d"}) {
      kubectl.ok("create", "secret", "generic", name, "-n", "cleanup", "--from-literal=k=v");
    }
    kubectl.ok("label", "secret", "a", "b", "-n", "cleanup", "batch=old");

    assertLines(kubectl.ok("delete", "secret", "c", "-n", "cleanup"), "secret \"c\" deleted");
    assertLines(kubectl.ok("delete", "secrets", "-n", "cleanup", "-l", "batch=old"),
        "secret \"a\" deleted", "secret \"b\" deleted");
    assertLines(kubectl.ok("get", "secrets", "-n", "cleanup", "-o", "name"), "secret/d");

    Result missing = kubectl.run("delete", "secret", "c", "-n", "cleanup");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertLines(missing.err(), "Error from server \\(NotFound\\): secrets \"c\" not found");
    Result ignored = kubectl.run("delete", "secret", "c", "-n", "cleanup", "--ignore-not-found");
    assertThat(ignored.exitCode()).isZero();
    assertThat(ignored.out() + ignored.err()).isEmpty();

    kubectl.runWithInput("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: doomed
        spec:
          containers:
          - name: main
            image: busybox:1.36
        """, "apply", "-n", "cleanup", "-f", "-");
    assertLines(kubectl.ok("delete", "pod", "doomed", "-n", "cleanup"),
        "pod \"doomed\" deleted");

    assertLines(kubectl.ok("delete", "secrets", "--all", "-n", "cleanup"),
        "secret \"d\" deleted");
    Result none = kubectl.run("delete", "secrets", "--all", "-n", "cleanup");
    assertThat(none.exitCode()).isZero();
    assertLines(none.out(), "No resources found");
    Result empty = kubectl.run("get", "pods,secrets", "-n", "cleanup");
    assertLines(empty.err(), "No resources found in cleanup namespace\\.");

    assertLines(kubectl.ok("delete", "namespace", "cleanup"), "namespace \"cleanup\" deleted");
    assertThat(kubectl.run("get", "namespace", "cleanup").exitCode()).isEqualTo(1);
  }

  @Test
  void createSubcommandsSendProtobufBodies() throws IOException {
    assertLines(kubectl.ok("create", "namespace", "created"), "namespace/created created");
    assertThat(kubectl.ok("get", "namespace", "created", "-o", "jsonpath={.status.phase}"))
        .isEqualTo("Active");

    assertLines(kubectl.ok("create", "secret", "generic", "creds", "-n", "created",
            "--from-literal=user=admin", "--from-literal=password=p@ss w0rd"),
        "secret/creds created");
    assertLines(kubectl.ok("create", "secret", "docker-registry", "pull", "-n", "created",
            "--docker-server=registry.example.com", "--docker-username=bot",
            "--docker-password=hunter2"),
        "secret/pull created");
    assertLines(kubectl.ok("get", "secrets", "-n", "created"),
        row("NAME", "TYPE", "DATA", "AGE"),
        row("creds", "Opaque", "2", AGE),
        row("pull", "kubernetes\\.io/dockerconfigjson", "1", AGE));
    JsonNode creds = Http.JSON.readTree(kubectl.ok("get", "secret", "creds", "-n", "created",
        "-o", "json"));
    assertThat(decode(creds.at("/data/user").asString())).isEqualTo("admin");
    assertThat(decode(creds.at("/data/password").asString())).isEqualTo("p@ss w0rd");
    JsonNode docker = Http.JSON.readTree(decode(kubectl.ok("get", "secret", "pull", "-n",
        "created", "-o", "jsonpath={.data.\\.dockerconfigjson}")));
    assertThat(docker.at("/auths/registry.example.com/username").asString()).isEqualTo("bot");
    assertThat(docker.at("/auths/registry.example.com/password").asString())
        .isEqualTo("hunter2");

    Path conf = home.resolve("nginx.conf");
    Files.writeString(conf, "server {\n  listen 8080;\n}\n");
    Path env = home.resolve("app.env");
    Files.writeString(env, "MODE=production\nWORKERS=4\n");
    assertLines(kubectl.ok("create", "configmap", "files", "-n", "created",
        "--from-file=" + conf, "--from-literal=extra=yes"), "configmap/files created");
    assertLines(kubectl.ok("create", "configmap", "env", "-n", "created",
        "--from-env-file=" + env), "configmap/env created");
    JsonNode files = Http.JSON.readTree(kubectl.ok("get", "configmap", "files", "-n",
        "created", "-o", "json"));
    assertThat(files.at("/data/nginx.conf").asString()).isEqualTo("server {\n  listen 8080;\n}\n");
    assertThat(files.at("/data/extra").asString()).isEqualTo("yes");
    assertThat(kubectl.ok("get", "configmap", "env", "-n", "created", "-o",
        "jsonpath={.data}")).isEqualTo("{\"MODE\":\"production\",\"WORKERS\":\"4\"}");

    assertLines(kubectl.ok("create", "deployment", "web", "-n", "created",
        "--image=nginx:1.27", "--replicas=3", "--port=8080"), "deployment\\.apps/web created");
    JsonNode web = Http.JSON.readTree(kubectl.ok("get", "deployment", "web", "-n", "created",
        "-o", "json"));
    assertThat(web.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(web.at("/spec/selector/matchLabels/app").asString()).isEqualTo("web");
    assertThat(web.at("/spec/template/metadata/labels/app").asString()).isEqualTo("web");
    assertThat(web.at("/spec/template/spec/containers/0/name").asString()).isEqualTo("nginx");
    assertThat(web.at("/spec/template/spec/containers/0/image").asString())
        .isEqualTo("nginx:1.27");
    assertThat(web.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt())
        .isEqualTo(8080);
    assertThat(web.at("/spec/strategy/type").asString()).isEqualTo("RollingUpdate");

    assertLines(kubectl.ok("create", "deployment", "dry", "-n", "created", "--image=nginx",
        "--dry-run=server"), "deployment\\.apps/dry created \\(server dry run\\)");
    Result notStored = kubectl.run("get", "deployment", "dry", "-n", "created");
    assertThat(notStored.exitCode()).as("a dry run stores nothing").isEqualTo(1);
  }

  /** name image env(NAME=value...) containerPort of the first container. */
  private static String container(String namespace, String deployment) {
    return kubectl.ok("get", "deployment", deployment, "-n", namespace, "-o",
        "jsonpath={.spec.template.spec.containers[0].name}"
            + " {.spec.template.spec.containers[0].image}"
            + " {range .spec.template.spec.containers[0].env[*]}{.name}={.value}{end}"
            + " {.spec.template.spec.containers[0].ports[0].containerPort}");
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64.trim()));
  }
}
