package io.kubee.it;

import static io.kubee.it.Output.AGE;
import static io.kubee.it.Output.assertLines;
import static io.kubee.it.Output.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.it.Http.Reply;
import io.kubee.it.Kubectl.Background;
import io.kubee.it.Kubectl.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * kubectl on nodes and what runs on them: {@code describe} of a pod, a node and a deployment,
 * {@code cordon}/{@code uncordon} and {@code drain} through pods/eviction. No kubelet exists yet,
 * so the tests write the statuses a kubelet and a deployment controller would (through the status
 * subresource) and play the kubelet's part in a graceful deletion (the final
 * {@code gracePeriodSeconds=0} delete once containers have stopped).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KubectlNodeIT {
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
  void describeShowsPodNodeAndDeploymentAsKubernetesDoes() {
    readyNode("worker-1", "10.0.0.11");
    kubectl.ok("create", "namespace", "node-shop");
    // the pod's owner must exist, or the garbage collector deletes the pod; the replica set's
    // own pod (never scheduled) is the surplus it deletes once api-1 appears
    kubectl.runWithInput("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: api-7d4b9c}
        spec:
          replicas: 1
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              schedulerName: kubee-test-unscheduled
              containers: [{name: main, image: nginx:1.27}]
        """, "apply", "-n", "node-shop", "-f", "-");
    String owner = kubectl.ok("get", "rs", "api-7d4b9c", "-n", "node-shop", "-o",
        "jsonpath={.metadata.uid}");
    kubectl.runWithInput("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: api-1
          labels: {app: api}
          ownerReferences:
          - apiVersion: apps/v1
            kind: ReplicaSet
            name: api-7d4b9c
            uid: %s
            controller: true
            blockOwnerDeletion: true
        spec:
          nodeName: worker-1
          containers:
          - name: main
            image: nginx:1.27
            ports: [{containerPort: 80, protocol: TCP}]
            resources:
              requests: {cpu: 250m, memory: 64Mi}
              limits: {cpu: 500m, memory: 128Mi}
            volumeMounts: [{name: scratch, mountPath: /scratch}]
          volumes:
          - name: scratch
            emptyDir: {}
        """.formatted(owner), "apply", "-n", "node-shop", "-f", "-");
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    kubectl.ok("patch", "pod", "api-1", "-n", "node-shop", "--subresource=status", "--type=merge",
        "-p", """
        {"status":{"phase":"Running","hostIP":"10.0.0.11","podIP":"10.1.0.7",
         "podIPs":[{"ip":"10.1.0.7"}],"startTime":"%1$s",
         "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"%1$s"}],
         "containerStatuses":[{"name":"main","ready":true,"restartCount":0,"started":true,
           "image":"nginx:1.27","imageID":"docker.io/library/nginx@sha256:abc",
           "containerID":"containerd://c0ffee","state":{"running":{"startedAt":"%1$s"}}}]}}
        """.formatted(started));
    String uid = kubectl.ok("get", "pod", "api-1", "-n", "node-shop", "-o",
        "jsonpath={.metadata.uid}");
    kubectl.runWithInput("""
        apiVersion: v1
        kind: Event
        metadata:
          name: api-1.scheduled
        involvedObject: {apiVersion: v1, kind: Pod, namespace: node-shop, name: api-1, uid: %s}
        reason: Scheduled
        message: Successfully assigned node-shop/api-1 to worker-1
        type: Normal
        source: {component: default-scheduler}
        firstTimestamp: "%s"
        lastTimestamp: "%s"
        count: 1
        """.formatted(uid, started, started), "apply", "-n", "node-shop", "-f", "-");

    String pod = kubectl.ok("describe", "pod", "api-1", "-n", "node-shop");
    assertThat(pod).contains(
        "Name:         api-1\n",
        "Namespace:    node-shop\n",
        "Node:         worker-1/10.0.0.11\n",
        "Labels:       app=api\n",
        "Status:       Running\n",
        "IP:           10.1.0.7\n",
        "Controlled By:  ReplicaSet/api-7d4b9c\n",
        "    Container ID:   containerd://c0ffee\n",
        "    Image:          nginx:1.27\n",
        "    Port:           80/TCP\n",
        "    State:          Running\n",
        "    Ready:          True\n",
        "    Restart Count:  0\n",
        "      /scratch from scratch (rw)\n",
        "    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)\n",
        "QoS Class:       Burstable\n");
    assertThat(pod).containsPattern("Requests:\n +cpu: +250m\n +memory: +64Mi\n");
    assertThat(pod).containsPattern("Conditions:\n +Type +Status\n +Ready +True *\n");
    assertThat(pod).containsPattern("Events:\n"
        + " +Type +Reason +Age +From +Message\n"
        + " +---- +------ +---- +---- +-------\n"
        + " +Normal +Scheduled +" + AGE + " +default-scheduler"
        + " +Successfully assigned node-shop/api-1 to "
        + "worker-1\n");

    String node = kubectl.ok("describe", "node", "worker-1");
    assertThat(node).contains(
        "Name:               worker-1\n",
        "Roles:              <none>\n",
        "Taints:             kubee.io/test-node:NoSchedule\n",
        "Unschedulable:      false\n",
        "  InternalIP:  10.0.0.11\n",
        "  Hostname:    worker-1\n",
        "  Kubelet Version:            v1.32.0\n",
        "  Container Runtime Version:  containerd://1.7.24\n",
        "Non-terminated Pods:          (1 in total)\n");
    assertThat(node).containsPattern(
        "Conditions:\n +Type +Status +LastHeartbeatTime +LastTransitionTime +Reason +Message\n"
            + " +---- +------ .*\n +Ready +True .* +KubeletReady +kubelet is posting ready status");
    assertThat(node).containsPattern(
        "Capacity:\n +cpu: +4\n +memory: +8Gi\n +pods: +110\n");
    assertThat(node).containsPattern(
        " +node-shop +api-1 +250m \\(6%\\) +500m \\(12%\\) +64Mi \\(0%\\) +128Mi \\(1%\\) +"
            + AGE + "\n");
    assertThat(node).containsPattern(" +cpu +250m \\(6%\\) +500m \\(12%\\)\n");

    kubectl.ok("create", "deployment", "shop", "-n", "node-shop", "--image=nginx:1.27",
        "--replicas=3");
    // the status is the deployment controller's (none runs yet, or its pods never get ready)
    String deployment = kubectl.ok("describe", "deployment", "shop", "-n", "node-shop");
    assertThat(deployment).contains(
        "Name:                   shop\n",
        "Namespace:              node-shop\n",
        "Labels:                 app=shop\n",
        "Selector:               app=shop\n",
        "StrategyType:           RollingUpdate\n",
        "MinReadySeconds:        0\n",
        "RollingUpdateStrategy:  25% max unavailable, 25% max surge\n",
        "  Labels:  app=shop\n",
        "   nginx:\n",
        "    Image:         nginx:1.27\n");
    assertThat(deployment).containsPattern("Replicas: +3 desired \\| \\d+ updated \\| \\d+ total"
        + " \\| 0 available \\| \\d+ unavailable\n");
    assertLines(kubectl.ok("get", "deployment", "shop", "-n", "node-shop"),
        row("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"),
        row("shop", "0/3", "\\d+", "0", AGE));

    Result missing = kubectl.run("describe", "pod", "nothing", "-n", "node-shop");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertLines(missing.err(), "Error from server \\(NotFound\\): pods \"nothing\" not found");
  }

  @Test
  void cordonAndUncordonToggleSchedulability() {
    readyNode("worker-3", "10.0.0.13");
    assertLines(kubectl.ok("cordon", "worker-3"), "node/worker-3 cordoned");
    assertLines(kubectl.ok("get", "node", "worker-3"),
        row("NAME", "STATUS", "ROLES", "AGE", "VERSION"),
        row("worker-3", "Ready,SchedulingDisabled", "<none>", AGE, "v1\\.32\\.0"));
    assertThat(kubectl.ok("get", "node", "worker-3", "-o", "jsonpath={.spec.unschedulable}"))
        .isEqualTo("true");
    assertLines(kubectl.ok("cordon", "worker-3"), "node/worker-3 already cordoned");

    assertLines(kubectl.ok("uncordon", "worker-3"), "node/worker-3 uncordoned");
    assertLines(kubectl.ok("get", "node", "worker-3", "-o", "wide"),
        row("NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP",
            "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"),
        row("worker-3", "Ready", "<none>", AGE, "v1\\.32\\.0", "10\\.0\\.0\\.13", "<none>",
            "Debian GNU/Linux 12 \\(bookworm\\)", "6\\.1\\.0-28-amd64", "containerd://1\\.7\\.24"));
    assertThat(kubectl.ok("get", "node", "worker-3", "-o", "jsonpath={.spec.unschedulable}"))
        .isEmpty();
    assertLines(kubectl.ok("uncordon", "worker-3"), "node/worker-3 already uncordoned");

    Result missing = kubectl.run("cordon", "worker-99");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertLines(missing.err(), "Error from server \\(NotFound\\): nodes \"worker-99\" not found");
  }

  @Test
  void drainEvictsThePodsOfTheNode() throws Exception {
    readyNode("worker-2", "10.0.0.12");
    readyNode("worker-4", "10.0.0.14");
    kubectl.ok("create", "namespace", "drain");
    kubectl.runWithInput("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: cache-1
          ownerReferences:
          - apiVersion: apps/v1
            kind: ReplicaSet
            name: cache-5f7d
            uid: 2f1a4c9e-0000-4000-8000-000000000002
            controller: true
        spec:
          nodeName: worker-2
          containers: [{name: main, image: redis:7}]
          volumes: [{name: data, emptyDir: {}}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: bare
        spec:
          nodeName: worker-2
          containers: [{name: main, image: busybox:1.36}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: elsewhere
        spec:
          nodeName: worker-4
          containers: [{name: main, image: busybox:1.36}]
        """, "apply", "-n", "drain", "-f", "-");

    Result refused = kubectl.run("drain", "worker-2");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertLines(refused.out(), "node/worker-2 cordoned");
    assertThat(refused.err()).startsWith("error: unable to drain node \"worker-2\"")
        .contains("cannot delete Pods that declare no controller (use --force to override): "
            + "drain/bare")
        .contains("cannot delete Pods with local storage (use --delete-emptydir-data to "
            + "override): drain/cache-1");
    assertThat(kubectl.ok("get", "pods", "-n", "drain", "-o", "name"))
        .as("nothing was evicted").contains("pod/cache-1", "pod/bare");

    List<String> stopped = new CopyOnWriteArrayList<>();
    ScheduledExecutorService kubelet = Executors.newSingleThreadScheduledExecutor();
    kubelet.scheduleWithFixedDelay(() -> finishTerminatingPods("worker-2", stopped), 200, 200,
        TimeUnit.MILLISECONDS);
    try (Background drain = kubectl.start("drain", "worker-2", "--ignore-daemonsets",
        "--delete-emptydir-data", "--force", "--timeout=60s")) {
      Result drained = drain.await(Duration.ofSeconds(60));
      assertThat(drained).as("drain finished").isNotNull();
      assertThat(drained.exitCode()).as(drained.err()).isZero();
      List<String> out = drained.out().lines().toList();
      assertThat(out.get(0)).isEqualTo("node/worker-2 already cordoned");
      // pods/eviction was used: kubectl says "evicting" and "evicted", not "deleting"/"deleted"
      assertThat(out).contains("evicting pod drain/cache-1", "evicting pod drain/bare",
          "pod/cache-1 evicted", "pod/bare evicted");
      assertThat(out.get(out.size() - 1)).isEqualTo("node/worker-2 drained");
      assertLines(drained.err(), "Warning: deleting Pods that declare no controller: drain/bare");
    } finally {
      kubelet.shutdownNow();
    }
    assertThat(stopped).containsExactlyInAnyOrder("drain/cache-1", "drain/bare");
    assertLines(kubectl.ok("get", "pods", "-n", "drain", "-o", "wide"),
        row("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE",
            "READINESS GATES"),
        row("elsewhere", "0/1", "Pending", "0", AGE, "<none>", "worker-4", "<none>",
            "<none>"));
    assertThat(kubectl.ok("get", "node", "worker-2", "-o", "jsonpath={.spec.unschedulable}"))
        .isEqualTo("true");
  }

  @Test
  void aScheduledPodTerminatesGracefullyUntilForced() {
    readyNode("worker-5", "10.0.0.15");
    kubectl.ok("create", "namespace", "node-graceful");
    kubectl.runWithInput("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: slow
        spec:
          nodeName: worker-5
          terminationGracePeriodSeconds: 120
          containers: [{name: main, image: busybox:1.36}]
        """, "apply", "-n", "node-graceful", "-f", "-");

    assertLines(kubectl.ok("delete", "pod", "slow", "-n", "node-graceful", "--wait=false"),
        "pod \"slow\" deleted");
    assertLines(kubectl.ok("get", "pod", "slow", "-n", "node-graceful"),
        row("NAME", "READY", "STATUS", "RESTARTS", "AGE"),
        row("slow", "0/1", "Terminating", "0", AGE));
    assertThat(kubectl.ok("get", "pod", "slow", "-n", "node-graceful", "-o",
        "jsonpath={.metadata.deletionGracePeriodSeconds}")).isEqualTo("120");

    Result forced = kubectl.run("delete", "pod", "slow", "-n", "node-graceful",
        "--grace-period=0", "--force");
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertLines(forced.out(), "pod \"slow\" force deleted");
    assertThat(forced.err()).startsWith("Warning: Immediate deletion does not wait for "
        + "confirmation that the running resource has been terminated.");
    assertThat(kubectl.run("get", "pod", "slow", "-n", "node-graceful").exitCode()).isEqualTo(1);
  }

  /**
   * Registers a node, tainted so that no scheduler places pods on it, and writes the Ready status
   * its kubelet would post.
   */
  private static void readyNode(String name, String ip) {
    kubectl.runWithInput("""
        apiVersion: v1
        kind: Node
        metadata:
          name: %s
          labels: {kubernetes.io/hostname: %s, kubernetes.io/os: linux}
        spec:
          # a scheduler must not place other tests' pods on these kubelet-less nodes
          taints: [{key: kubee.io/test-node, effect: NoSchedule}]
        """.formatted(name, name), "apply", "-f", "-");
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    kubectl.ok("patch", "node", name, "--subresource=status", "--type=merge", "-p", """
        {"status":{
          "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady",
            "message":"kubelet is posting ready status","lastHeartbeatTime":"%1$s",
            "lastTransitionTime":"%1$s"}],
          "addresses":[{"type":"InternalIP","address":"%2$s"},{"type":"Hostname","address":"%3$s"}],
          "capacity":{"cpu":"4","memory":"8Gi","pods":"110"},
          "allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
          "nodeInfo":{"kubeletVersion":"v1.32.0","kubeProxyVersion":"v1.32.0",
            "osImage":"Debian GNU/Linux 12 (bookworm)","kernelVersion":"6.1.0-28-amd64",
            "containerRuntimeVersion":"containerd://1.7.24","architecture":"amd64",
            "operatingSystem":"linux","machineID":"m1","systemUUID":"s1","bootID":"b1"}}}
        """.formatted(now, ip, name));
  }

  /**
   * The kubelet's last step of a graceful deletion: once the containers of a pod marked for
   * deletion have stopped, it deletes the pod with grace period 0.
   */
  private static void finishTerminatingPods(String node, List<String> stopped) {
    try {
      Reply pods = Http.get("/api/v1/pods?fieldSelector=spec.nodeName%3D" + node);
      for (JsonNode pod : pods.json().path("items")) {
        JsonNode metadata = pod.path("metadata");
        if (metadata.path("deletionTimestamp").isMissingNode()) {
          continue;
        }
        String namespace = metadata.path("namespace").asString();
        String name = metadata.path("name").asString();
        Reply deleted = Http.send("DELETE", "/api/v1/namespaces/" + namespace + "/pods/" + name,
            "{\"gracePeriodSeconds\":0}", "application/json");
        if (deleted.code() == 200) {
          stopped.add(namespace + "/" + name);
        }
      }
    } catch (RuntimeException e) {
      // the next round tries again, as a kubelet does
    }
  }
}
