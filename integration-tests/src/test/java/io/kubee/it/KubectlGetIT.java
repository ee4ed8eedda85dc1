package io.kubee.it;

import static io.kubee.it.Output.AGE;
import static io.kubee.it.Output.assertLines;
import static io.kubee.it.Output.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubee.it.Kubectl.Background;
import io.kubee.it.Kubectl.Result;
import java.nio.file.Path;
import java.time.Duration;
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
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The read side of kubectl: {@code get} in every output format, with selectors, across
 * namespaces and as a watch; {@code get all}; {@code api-resources}; {@code explain};
 * {@code version}. Outputs are asserted line by line as a user reads them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KubectlGetIT {
  @TempDir
  static Path home;
  static Kubectl kubectl;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Cluster.ear();
  }

  /** Namespace catalog: db-1, web-1 (running on node-a with an IP), web-2. */
  @BeforeAll
  static void catalog() {
    kubectl = new Kubectl(home);
    kubectl.ok("create", "namespace", "catalog");
    for (String[] pod : new String[][] {
        {"web-1", "web", "frontend"}, {"web-2", "web", "frontend"}, {"db-1", "db", "backend"}}) {
      kubectl.runWithInput("""
          apiVersion: v1
          kind: Pod
          metadata:
            name: %s
            labels: {app: %s, tier: %s, suite: kubectl-get}
          spec:
            containers:
            - name: main
              image: busybox:1.36
          """.formatted((Object[]) pod), "apply", "-n", "catalog", "-f", "-");
    }
    // what a scheduler and a kubelet would have written
    kubectl.ok("patch", "pod", "web-1", "-n", "catalog", "--subresource=status", "--type=merge",
        "-p", """
        {"status":{"phase":"Running","podIP":"10.1.0.5","podIPs":[{"ip":"10.1.0.5"}],
         "containerStatuses":[{"name":"main","ready":true,"restartCount":2,"started":true,
           "image":"busybox:1.36","imageID":"",
           "state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}]}}
        """);
  }

  @Test
  void getPrintsTheColumnsKubernetesPrints() {
    assertLines(kubectl.ok("get", "pods", "-n", "catalog"),
        row("NAME", "READY", "STATUS", "RESTARTS", "AGE"),
        row("db-1", "0/1", "Pending", "0", AGE),
        row("web-1", "1/1", "Running", "2", AGE),
        row("web-2", "0/1", "Pending", "0", AGE));

    assertLines(kubectl.ok("get", "pods", "-n", "catalog", "-o", "wide"),
        row("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE",
            "READINESS GATES"),
        row("db-1", "0/1", "Pending", "0", AGE, "<none>", "<none>", "<none>", "<none>"),
        row("web-1", "1/1", "Running", "2", AGE, "10\\.1\\.0\\.5", "<none>", "<none>", "<none>"),
        row("web-2", "0/1", "Pending", "0", AGE, "<none>", "<none>", "<none>", "<none>"));

    assertLines(kubectl.ok("get", "pods", "-n", "catalog", "--show-labels"),
        row("NAME", "READY", "STATUS", "RESTARTS", "AGE", "LABELS"),
        row("db-1", "0/1", "Pending", "0", AGE, "app=db,suite=kubectl-get,tier=backend"),
        row("web-1", "1/1", "Running", "2", AGE, "app=web,suite=kubectl-get,tier=frontend"),
        row("web-2", "0/1", "Pending", "0", AGE, "app=web,suite=kubectl-get,tier=frontend"));

    assertLines(kubectl.ok("get", "pod", "web-1", "-n", "catalog"),
        row("NAME", "READY", "STATUS", "RESTARTS", "AGE"),
        row("web-1", "1/1", "Running", "2", AGE));
  }

  @Test
  void labelSelectorsAndAllNamespaces() {
    assertLines(kubectl.ok("get", "pods", "-n", "catalog", "-l", "app=web", "-o", "name"),
        "pod/web-1", "pod/web-2");
    assertLines(kubectl.ok("get", "pods", "-n", "catalog", "-l", "app in (db),tier!=frontend",
        "-o", "name"), "pod/db-1");
    assertLines(kubectl.ok("get", "pods", "-n", "catalog", "-l", "!tier", "-o", "name"));
    assertLines(kubectl.ok("get", "pods", "-n", "catalog", "-l", "tier", "-o", "name"),
        "pod/db-1", "pod/web-1", "pod/web-2");

    kubectl.ok("create", "namespace", "storefront");
    kubectl.runWithInput("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-eu
          labels: {app: web, tier: frontend, suite: kubectl-get}
        spec:
          containers:
          - name: main
            image: busybox:1.36
        """, "apply", "-n", "storefront", "-f", "-");
    // other test classes leave pods in the shared etcd: select on a label only these have
    assertLines(kubectl.ok("get", "pods", "-A", "-l", "app=web,suite=kubectl-get"),
        row("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"),
        row("catalog", "web-1", "1/1", "Running", "2", AGE),
        row("catalog", "web-2", "0/1", "Pending", "0", AGE),
        row("storefront", "web-eu", "0/1", "Pending", "0", AGE));
    assertLines(kubectl.ok("get", "pods", "--all-namespaces", "-l", "app=web,suite=kubectl-get",
            "-o", "custom-columns=NS:.metadata.namespace,NAME:.metadata.name"),
        row("NS", "NAME"), row("catalog", "web-1"), row("catalog", "web-2"),
        row("storefront", "web-eu"));

    Result empty = kubectl.run("get", "pods", "-n", "catalog", "-l", "app=nothing");
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.out()).isEmpty();
    assertLines(empty.err(), "No resources found in catalog namespace\\.");
  }

  @Test
  void tablesOfTheOtherKinds() {
    kubectl.ok("create", "namespace", "kinds");
    String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString();
    kubectl.runWithInput("""
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: builder}
        ---
        apiVersion: v1
        kind: Endpoints
        metadata: {name: web}
        subsets:
        - addresses: [{ip: 10.1.0.5}, {ip: 10.1.0.6}]
          ports: [{port: 8080, name: http}]
        ---
        apiVersion: coordination.k8s.io/v1
        kind: Lease
        metadata: {name: leader}
        spec: {holderIdentity: node-a, leaseDurationSeconds: 15}
        ---
        apiVersion: v1
        kind: Event
        metadata: {name: web-1.pulled}
        involvedObject: {kind: Pod, name: web-1, namespace: kinds}
        reason: Pulled
        message: Container image pulled
        type: Normal
        source: {component: kubelet}
        firstTimestamp: "%1$s"
        lastTimestamp: "%1$s"
        count: 1
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: web-5d}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: nginx, image: nginx:1.27}]}
        """.formatted(now), "apply", "-n", "kinds", "-f", "-");

    // by name: controllers to come add a default service account and the replica set's pods
    assertLines(kubectl.ok("get", "serviceaccount", "builder", "-n", "kinds"),
        row("NAME", "SECRETS", "AGE"), row("builder", "0", AGE));
    assertLines(kubectl.ok("get", "endpoints", "web", "-n", "kinds"),
        row("NAME", "ENDPOINTS", "AGE"),
        row("web", "10\\.1\\.0\\.5:8080,10\\.1\\.0\\.6:8080", AGE));
    assertLines(kubectl.ok("get", "lease", "leader", "-n", "kinds"),
        row("NAME", "HOLDER", "AGE"), row("leader", "node-a", AGE));
    assertLines(kubectl.ok("get", "sa/builder", "lease/leader", "-n", "kinds", "-o", "name"),
        "serviceaccount/builder", "lease\\.coordination\\.k8s\\.io/leader");
    // only the event written above: the ReplicaSet's controller and the scheduler add their own
    assertLines(kubectl.ok("get", "events", "-n", "kinds", "--field-selector",
            "involvedObject.name=web-1"),
        row("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"),
        row(AGE, "Normal", "Pulled", "pod/web-1", "Container image pulled"));
    assertLines(kubectl.ok("get", "rs", "web-5d", "-n", "kinds", "-o", "wide"),
        row("NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"),
        row("web-5d", "2", "\\d+", "0", AGE, "nginx", "nginx:1\\.27", "app=web"));
    assertLines(kubectl.ok("get", "namespace", "kinds"),
        row("NAME", "STATUS", "AGE"), row("kinds", "Active", AGE));
  }

  @Test
  void structuredOutputs() {
    JsonNode yaml = YAMLMapper.builder().build().readTree(
        kubectl.ok("get", "pod", "web-1", "-n", "catalog", "-o", "yaml"));
    assertThat(yaml.path("apiVersion").asString()).isEqualTo("v1");
    assertThat(yaml.path("kind").asString()).isEqualTo("Pod");
    assertThat(yaml.at("/metadata/labels/app").asString()).isEqualTo("web");
    assertThat(yaml.at("/spec/containers/0/image").asString()).isEqualTo("busybox:1.36");
    assertThat(yaml.at("/status/podIP").asString()).isEqualTo("10.1.0.5");

    JsonNode list = Http.JSON.readTree(kubectl.ok("get", "pods", "-n", "catalog", "-o", "json"));
    assertThat(list.path("kind").asString()).isEqualTo("List");
    assertThat(list.path("items")).hasSize(3);
    assertThat(list.at("/items/0/kind").asString()).isEqualTo("Pod");
    assertThat(list.at("/items/0/metadata/name").asString()).isEqualTo("db-1");

    assertThat(kubectl.ok("get", "pods", "-n", "catalog", "-o",
        "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}"))
        .isEqualTo("db-1\tPending\nweb-1\tRunning\nweb-2\tPending\n");
    assertThat(kubectl.ok("get", "pod", "web-1", "-n", "catalog", "-o",
        "jsonpath={.status.containerStatuses[0].restartCount}")).isEqualTo("2");
    assertThat(kubectl.ok("get", "namespace", "catalog", "-o",
        "go-template={{.status.phase}}")).isEqualTo("Active");
  }

  @Test
  void errorsNameWhatIsMissing() {
    Result missing = kubectl.run("get", "pod", "x", "-n", "catalog");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertLines(missing.err(), "Error from server \\(NotFound\\): pods \"x\" not found");

    Result missingDeployment = kubectl.run("get", "deployment", "x", "-n", "catalog");
    assertThat(missingDeployment.exitCode()).isEqualTo(1);
    assertLines(missingDeployment.err(),
        "Error from server \\(NotFound\\): deployments.apps \"x\" not found");

    Result unknownType = kubectl.run("get", "gizmos");
    assertThat(unknownType.exitCode()).isEqualTo(1);
    assertLines(unknownType.err(), "error: the server doesn't have a resource type \"gizmos\"");
  }

  @Test
  void watchPrintsOneRowPerChange() throws Exception {
    kubectl.ok("create", "namespace", "watched");
    kubectl.ok("create", "configmap", "before", "-n", "watched");
    try (Background events = kubectl.start("get", "configmaps", "-n", "watched", "-w",
            "--output-watch-events");
        Background pods = kubectl.start("get", "pods", "-n", "watched", "-w")) {
      await().atMost(Duration.ofSeconds(20)).until(() -> events.out().contains("before"));
      kubectl.ok("create", "configmap", "during", "-n", "watched", "--from-literal=a=b");
      kubectl.ok("label", "configmap", "during", "-n", "watched", "changed=yes");
      kubectl.ok("delete", "configmap", "during", "-n", "watched");

      kubectl.runWithInput("""
          apiVersion: v1
          kind: Pod
          metadata:
            name: starting
          spec:
            nodeName: watch-node
            containers:
            - name: main
              image: busybox:1.36
          """, "apply", "-n", "watched", "-f", "-");
      kubectl.ok("patch", "pod", "starting", "-n", "watched", "--subresource=status",
          "--type=merge", "-p", """
          {"status":{"phase":"Running","containerStatuses":[{"name":"main","ready":true,
           "restartCount":0,"image":"busybox:1.36","imageID":"",
           "state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}]}}
          """);

      await().atMost(Duration.ofSeconds(20))
          .until(() -> events.out().lines().count() == 5 && pods.out().lines().count() == 3);
      assertLines(events.out(),
          row("EVENT", "NAME", "DATA", "AGE"),
          row("ADDED", "before", "0", AGE),
          row("ADDED", "during", "1", AGE),
          row("MODIFIED", "during", "1", AGE),
          row("DELETED", "during", "1", AGE));
      assertLines(pods.out(),
          row("NAME", "READY", "STATUS", "RESTARTS", "AGE"),
          row("starting", "0/1", "Pending", "0", AGE),
          row("starting", "1/1", "Running", "0", AGE));
      assertThat(events.isAlive()).as("a watch runs until stopped").isTrue();
      assertThat(events.err()).isEmpty();
    }
  }

  @Test
  void getAllListsTheAllCategory() {
    kubectl.ok("create", "namespace", "everything");
    kubectl.ok("create", "deployment", "web", "-n", "everything", "--image=nginx:1.27");
    kubectl.ok("create", "service", "clusterip", "web", "-n", "everything", "--tcp=80:8080");
    kubectl.ok("create", "configmap", "not-in-all", "-n", "everything");
    kubectl.runWithInput("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: solo
        spec:
          containers:
          - name: main
            image: busybox:1.36
        """, "apply", "-n", "everything", "-f", "-");
    // sections in Kubernetes' order; a deployment controller, once it runs, adds a replica set
    // and its pods, hence "contains" rather than the exact lines
    String all = kubectl.ok("get", "all", "-n", "everything");
    List<String> sections = List.of(all.split("\n\n"));
    assertThat(sections).hasSizeBetween(3, 4);
    assertThat(sections.get(0).lines().findFirst().orElse(""))
        .matches(row("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
    assertThat(sections.get(0).lines())
        .anyMatch(line -> line.matches(row("pod/solo", "0/1", "Pending", "0", AGE)));
    // no cluster IP allocator yet: the cell is whatever the service has
    assertLines(sections.get(1),
        row("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT\\(S\\)", "AGE"),
        row("service/web", "ClusterIP", "\\S+", "<none>", "80/TCP", AGE));
    assertLines(sections.get(2),
        row("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"),
        row("deployment\\.apps/web", "0/1", "[01]", "0", AGE));
    assertThat(all).doesNotContain("not-in-all");
  }

  @Test
  void apiResourcesListsWhatIsServed() {
    // more kinds come with later work: every one of these must be listed as Kubernetes lists it
    String resources = kubectl.ok("api-resources");
    assertThat(resources.lines().findFirst().orElse(""))
        .matches(row("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"));
    for (String expected : List.of(
        row("configmaps", "cm", "v1", "true", "ConfigMap"),
        row("endpoints", "ep", "v1", "true", "Endpoints"),
        row("events", "ev", "v1", "true", "Event"),
        row("namespaces", "ns", "v1", "false", "Namespace"),
        row("nodes", "no", "v1", "false", "Node"),
        row("pods", "po", "v1", "true", "Pod"),
        row("secrets", "v1", "true", "Secret"),
        row("serviceaccounts", "sa", "v1", "true", "ServiceAccount"),
        row("services", "svc", "v1", "true", "Service"),
        row("deployments", "deploy", "apps/v1", "true", "Deployment"),
        row("replicasets", "rs", "apps/v1", "true", "ReplicaSet"),
        row("leases", "coordination\\.k8s\\.io/v1", "true", "Lease"))) {
      assertThat(resources.lines()).as(expected).anyMatch(line -> line.matches(expected));
    }
    List<String> names = resources.lines().skip(1).map(line -> line.split(" ")[0]).toList();
    assertThat(names.subList(0, names.indexOf("deployments"))).as("the core group first, sorted")
        .isSorted();

    String all = "create,delete,deletecollection,get,list,patch,update,watch";
    String wide = kubectl.ok("api-resources", "-o", "wide");
    assertThat(wide.lines().findFirst().orElse("")).matches(
        row("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS", "CATEGORIES"));
    assertThat(wide.lines()).anyMatch(line -> line.matches(
        row("pods", "po", "v1", "true", "Pod", all, "all")));
    assertThat(wide.lines()).anyMatch(line -> line.matches(
        row("deployments", "deploy", "apps/v1", "true", "Deployment", all, "all")));
    assertThat(wide.lines()).anyMatch(line -> line.matches(
        row("configmaps", "cm", "v1", "true", "ConfigMap", all) + " *"));
    // Kubernetes serves no deletecollection for namespaces
    assertThat(wide.lines()).anyMatch(line -> line.matches(
        row("namespaces", "ns", "v1", "false", "Namespace",
            "create,delete,get,list,patch,update,watch") + " *"));

    assertThat(kubectl.ok("api-resources", "--namespaced=false", "-o", "name").lines())
        .contains("namespaces", "nodes").doesNotContain("pods", "configmaps");
    assertThat(kubectl.ok("api-resources", "--api-group=apps", "-o", "name").lines())
        .contains("deployments.apps", "replicasets.apps").allMatch(n -> n.endsWith(".apps"));
    assertThat(kubectl.ok("get", "po,deploy,no,ns,cm,svc,rs", "-A", "-o", "name"))
        .as("short names resolve").contains("pod/web-1", "namespace/catalog");
  }

  @Test
  void explainDescribesFieldsFromTheOpenApiDocument() {
    String containers = kubectl.ok("explain", "pods.spec.containers");
    assertThat(containers.lines().limit(4)).containsExactly(
        "KIND:       Pod", "VERSION:    v1", "", "FIELD: containers <[]Container>");
    assertThat(containers).contains("\nDESCRIPTION:\n", "\nFIELDS:\n",
        "\n  name\t<string> -required-\n", "\n  image\t<string>\n",
        "\n  ports\t<[]ContainerPort>\n", "\n  env\t<[]EnvVar>\n",
        "\n  resources\t<ResourceRequirements>\n");

    String replicas = kubectl.ok("explain", "deployment.spec.replicas");
    assertThat(replicas.lines().limit(5)).containsExactly(
        "GROUP:      apps", "KIND:       Deployment", "VERSION:    v1", "",
        "FIELD: replicas <integer>");

    Result unknown = kubectl.run("explain", "pods.spec.nothing");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("field \"nothing\" does not exist");
  }

  @Test
  void versionReportsTheServer() {
    String version = kubectl.ok("version");
    assertLines(version,
        "Client Version: v1\\.32\\.\\d+\\S*",
        "Kustomize Version: v\\S+",
        "Server Version: v1\\.32\\.0");
    JsonNode json = Http.JSON.readTree(kubectl.ok("version", "-o", "json"));
    assertThat(json.at("/serverVersion/major").asString()).isEqualTo("1");
    assertThat(json.at("/serverVersion/minor").asString()).isEqualTo("32");
    assertThat(json.at("/serverVersion/gitVersion").asString()).isEqualTo("v1.32.0");
    assertThat(json.at("/serverVersion/platform").asString()).isNotEmpty();
  }
}
