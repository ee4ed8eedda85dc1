package io.kubee.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.it.Kubectl.Result;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed kubectl 1.32 against the deployed apiserver: version, discovery, create, get
 * with selectors and output formats, delete. (The full kubectl suite comes with the API
 * compatibility work: tables, apply, patch types.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KubectlSmokeIT {
  @TempDir
  static Path home;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  @Test
  void kubectlDrivesTheCoreApi() {
    Kubectl kubectl = new Kubectl(home);

    Result version = kubectl.run("version", "-o", "json");
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).contains("\"minor\": \"32\"");

    Result namespaces = kubectl.run("get", "namespaces", "-o", "name");
    assertThat(namespaces.exitCode()).as(namespaces.err()).isZero();
    assertThat(namespaces.out()).contains("namespace/default", "namespace/kube-system",
        "namespace/kube-public", "namespace/kube-node-lease");

    String pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: smoke
          labels: {app: smoke}
        spec:
          containers:
          - name: main
            image: busybox:1.36
        """;
    Result created = kubectl.runWithInput(pod, "create", "--validate=false", "-f", "-");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("pod/smoke created");

    Result byLabel = kubectl.run("get", "pods", "-l", "app=smoke", "-o",
        "jsonpath={.items[*].metadata.name} {.items[*].status.phase}");
    assertThat(byLabel.exitCode()).as(byLabel.err()).isZero();
    assertThat(byLabel.out()).isEqualTo("smoke Pending");

    Result yaml = kubectl.run("get", "pod", "smoke", "-o", "yaml");
    assertThat(yaml.out()).contains("restartPolicy: Always").contains("uid: ");

    Result missing = kubectl.run("get", "pod", "nothing-here");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("pods \"nothing-here\" not found");

    // these create subcommands send protobuf bodies
    for (String[] create : new String[][] {
        {"create", "namespace", "smoke-ns"},
        {"create", "configmap", "smoke-cm", "--from-literal=greeting=hello"},
        {"create", "secret", "generic", "smoke-secret", "--from-literal=password=s3cr3t"},
        {"create", "deployment", "smoke-deploy", "--image=busybox:1.36", "--replicas=2",
            "--port=80"},
        {"create", "service", "clusterip", "smoke-svc", "--tcp=80:8080"}}) {
      Result result = kubectl.run(create);
      assertThat(result.exitCode()).as(String.join(" ", create) + ": " + result.err()).isZero();
      assertThat(result.out()).contains("created");
    }
    assertThat(kubectl.run("get", "configmap", "smoke-cm", "-o", "jsonpath={.data.greeting}")
        .out()).isEqualTo("hello");
    assertThat(kubectl.run("get", "secret", "smoke-secret", "-o", "jsonpath={.data.password}")
        .out()).isEqualTo("czNjcjN0");
    assertThat(kubectl.run("get", "deployment", "smoke-deploy", "-o",
        "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}")
        .out()).isEqualTo("2 80");
    assertThat(kubectl.run("get", "namespace", "smoke-ns", "-o", "jsonpath={.status.phase}")
        .out()).isEqualTo("Active");

    Result table = kubectl.run("get", "pods");
    assertThat(table.out()).containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE")
        .containsPattern("smoke\\s+0/1\\s+Pending\\s+0\\s+\\d+s");

    Result deleted = kubectl.run("delete", "pod", "smoke", "--wait=true");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("pod \"smoke\" deleted");
    // the deployment's pods (smoke-deploy-...) remain: the controllers made them
    assertThat(kubectl.run("get", "pods", "-o", "name").out()).doesNotContain("pod/smoke\n");
  }
}
