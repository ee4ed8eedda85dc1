package io.kubee.api.patch;

import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubee.api.errors.ApiException;
import io.kubee.api.schema.ModelSchema;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The patches real clients send, on the real kinds' schema ({@link ModelSchema}): kubectl
 * apply's three-way patches with {@code $setElementOrder}, label, annotate, cordon, scale, set
 * image, and kubelet-style status patches.
 */
class StrategicMergePatchModelTest {

  /** A deployment as kubectl would have applied it, plus what the server added. */
  private static final String DEPLOYMENT = """
      metadata: {name: web, namespace: default}
      spec:
        replicas: 1
        strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%}}
        template:
          spec:
            containers:
            - name: web
              image: nginx
              env: [{name: A, value: '1'}, {name: INJECTED, value: x}]
            - {name: sidecar, image: envoy}
      """;

  record Case(String name, String plural, String live, String patch, String result) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> clients() {
    return Stream.of(
        new Case("kubectl apply adds an env var after the ones it ordered", "deployments",
            DEPLOYMENT, """
            spec:
              template:
                spec:
                  $setElementOrder/containers: [{name: web}, {name: sidecar}]
                  containers:
                  - name: web
                    $setElementOrder/env: [{name: A}, {name: B}]
                    env: [{name: B, value: '2'}]
            """, """
            metadata: {name: web, namespace: default}
            spec:
              replicas: 1
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%}}
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
                    env: [{name: A, value: '1'}, {name: B, value: '2'}, {name: INJECTED, value: x}]
                  - {name: sidecar, image: envoy}
            """),
        new Case("kubectl apply deletes an env var it had applied and keeps the server's",
            "deployments", DEPLOYMENT, """
            spec:
              template:
                spec:
                  $setElementOrder/containers: [{name: web}, {name: sidecar}]
                  containers:
                  - name: web
                    $setElementOrder/env: []
                    env: [{name: A, $patch: delete}]
            """, """
            metadata: {name: web, namespace: default}
            spec:
              replicas: 1
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%}}
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
                    env: [{name: INJECTED, value: x}]
                  - {name: sidecar, image: envoy}
            """),
        new Case("kubectl apply reorders containers", "deployments", DEPLOYMENT, """
            spec:
              template:
                spec:
                  $setElementOrder/containers: [{name: sidecar}, {name: web}]
            """, """
            metadata: {name: web, namespace: default}
            spec:
              replicas: 1
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%}}
              template:
                spec:
                  containers:
                  - {name: sidecar, image: envoy}
                  - name: web
                    image: nginx
                    env: [{name: A, value: '1'}, {name: INJECTED, value: x}]
            """),
        new Case("kubectl apply switches the strategy to Recreate and clears rollingUpdate",
            "deployments", DEPLOYMENT,
            "spec: {strategy: {$retainKeys: [type], type: Recreate}}", """
            metadata: {name: web, namespace: default}
            spec:
              replicas: 1
              strategy: {type: Recreate}
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
                    env: [{name: A, value: '1'}, {name: INJECTED, value: x}]
                  - {name: sidecar, image: envoy}
            """),
        new Case("kubectl patch adds a container first, as the kubectl patch task shows",
            "deployments", DEPLOYMENT,
            "spec: {template: {spec: {containers: [{name: redis, image: redis}]}}}", """
            metadata: {name: web, namespace: default}
            spec:
              replicas: 1
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%}}
              template:
                spec:
                  containers:
                  - {name: redis, image: redis}
                  - name: web
                    image: nginx
                    env: [{name: A, value: '1'}, {name: INJECTED, value: x}]
                  - {name: sidecar, image: envoy}
            """),
        new Case("kubectl scale as a patch sets the replicas and nothing else", "deployments",
            DEPLOYMENT, "spec: {replicas: 3}", """
            metadata: {name: web, namespace: default}
            spec:
              replicas: 3
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%}}
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
                    env: [{name: A, value: '1'}, {name: INJECTED, value: x}]
                  - {name: sidecar, image: envoy}
            """),
        new Case("kubectl set image changes one container's image", "pods",
            "{metadata: {name: p}, spec: {containers: [{name: a, image: x}, {name: b, image: y}]}}",
            "{spec: {containers: [{name: b, image: z}]}}",
            "{metadata: {name: p}, spec: {containers: [{name: a, image: x},"
                + " {name: b, image: z}]}}"),
        new Case("kubectl apply switches a volume from emptyDir to a configMap", "pods",
            "{metadata: {name: p}, spec: {volumes: [{name: data, emptyDir: {}}]}}",
            "{spec: {$setElementOrder/volumes: [{name: data}], volumes: [{$retainKeys:"
                + " [configMap, name], name: data, configMap: {name: settings}}]}}",
            "{metadata: {name: p}, spec: {volumes: [{name: data, configMap: {name: settings}}]}}"),
        new Case("kubectl apply keeps its last-applied annotation verbatim", "pods",
            "{metadata: {name: p}}",
            "{metadata: {annotations: {kubectl.kubernetes.io/last-applied-configuration:"
                + " \"{\\\"kind\\\":\\\"Pod\\\"}\\n\"}}}",
            "{metadata: {name: p, annotations: {kubectl.kubernetes.io/last-applied-configuration:"
                + " \"{\\\"kind\\\":\\\"Pod\\\"}\\n\"}}}"),
        new Case("a volume mount merges by its mount path", "pods",
            "{metadata: {name: p}, spec: {containers: [{name: a, volumeMounts:"
                + " [{name: data, mountPath: /data}, {name: logs, mountPath: /logs}]}]}}",
            "{spec: {containers: [{name: a, volumeMounts: [{mountPath: /data, readOnly: true}]}]}}",
            "{metadata: {name: p}, spec: {containers: [{name: a, volumeMounts:"
                + " [{name: data, mountPath: /data, readOnly: true},"
                + " {name: logs, mountPath: /logs}]}]}}"),
        new Case("a container port merges by its number", "pods",
            "{metadata: {name: p}, spec: {containers: [{name: a, ports:"
                + " [{containerPort: 80, protocol: TCP}]}]}}",
            "{spec: {containers: [{name: a, ports: [{containerPort: 80, name: http}]}]}}",
            "{metadata: {name: p}, spec: {containers: [{name: a, ports:"
                + " [{containerPort: 80, protocol: TCP, name: http}]}]}}"),
        new Case("resource limits merge as a map", "pods",
            "{metadata: {name: p}, spec: {containers: [{name: a, resources:"
                + " {limits: {cpu: 500m}}}]}}",
            "{spec: {containers: [{name: a, resources: {limits: {memory: 1Gi}}}]}}",
            "{metadata: {name: p}, spec: {containers: [{name: a, resources:"
                + " {limits: {cpu: 500m, memory: 1Gi}}}]}}"),
        new Case("args are replaced whole", "pods",
            "{metadata: {name: p}, spec: {containers: [{name: a, args: [--x, --y]}]}}",
            "{spec: {containers: [{name: a, args: [--z]}]}}",
            "{metadata: {name: p}, spec: {containers: [{name: a, args: [--z]}]}}"),
        new Case("tolerations are replaced whole", "pods",
            "{metadata: {name: p}, spec: {tolerations: [{key: a, operator: Exists}]}}",
            "{spec: {tolerations: [{key: b, operator: Exists}]}}",
            "{metadata: {name: p}, spec: {tolerations: [{key: b, operator: Exists}]}}"),
        new Case("kubectl label adds a label", "pods",
            "{metadata: {name: p, labels: {app: web}}}", "{metadata: {labels: {tier: front}}}",
            "{metadata: {name: p, labels: {app: web, tier: front}}}"),
        new Case("kubectl label with a trailing dash removes it", "pods",
            "{metadata: {name: p, labels: {tier: front, app: web}}}",
            "{metadata: {labels: {tier: null}}}", "{metadata: {name: p, labels: {app: web}}}"),
        new Case("kubectl annotate adds to the annotations", "pods",
            "{metadata: {name: p, annotations: {a: '1'}}}",
            "{metadata: {annotations: {b: '2'}}}",
            "{metadata: {name: p, annotations: {a: '1', b: '2'}}}"),
        new Case("finalizers merge as a set", "pods",
            "{metadata: {name: p, finalizers: [a/x]}}", "{metadata: {finalizers: [b/y, a/x]}}",
            "{metadata: {name: p, finalizers: [b/y, a/x]}}"),
        new Case("a finalizer is removed from the set", "pods",
            "{metadata: {name: p, finalizers: [a/x, b/y]}}",
            "{metadata: {$deleteFromPrimitiveList/finalizers: [a/x]}}",
            "{metadata: {name: p, finalizers: [b/y]}}"),
        new Case("owner references merge by uid", "pods",
            "{metadata: {name: p, ownerReferences: [{uid: u1, kind: ReplicaSet, name: rs}]}}",
            "{metadata: {ownerReferences: [{uid: u1, controller: true}]}}",
            "{metadata: {name: p, ownerReferences: [{uid: u1, kind: ReplicaSet, name: rs,"
                + " controller: true}]}}"),
        new Case("kubectl cordon marks a node unschedulable", "nodes",
            "{metadata: {name: n1}, spec: {podCIDR: 10.0.0.0/24}}",
            "{spec: {unschedulable: true}}",
            "{metadata: {name: n1}, spec: {podCIDR: 10.0.0.0/24, unschedulable: true}}"),
        new Case("kubectl uncordon removes the mark", "nodes",
            "{metadata: {name: n1}, spec: {podCIDR: 10.0.0.0/24, unschedulable: true}}",
            "{spec: {unschedulable: null}}",
            "{metadata: {name: n1}, spec: {podCIDR: 10.0.0.0/24}}"),
        new Case("a kubelet status patch merges node conditions by type", "nodes",
            "{metadata: {name: n1}, status: {conditions: [{type: Ready, status: 'False'},"
                + " {type: MemoryPressure, status: 'False'}]}}",
            "{status: {$setElementOrder/conditions: [{type: MemoryPressure}, {type: Ready}],"
                + " conditions: [{type: Ready, status: 'True', reason: KubeletReady}]}}",
            "{metadata: {name: n1}, status: {conditions: [{type: MemoryPressure,"
                + " status: 'False'}, {type: Ready, status: 'True', reason: KubeletReady}]}}"),
        new Case("pod conditions merge by type", "pods",
            "{metadata: {name: p}, status: {phase: Pending, conditions: [{type: PodScheduled,"
                + " status: 'True'}]}}",
            "{status: {phase: Running, conditions: [{type: Ready, status: 'True'}]}}",
            "{metadata: {name: p}, status: {phase: Running, conditions: [{type: Ready,"
                + " status: 'True'}, {type: PodScheduled, status: 'True'}]}}"),
        new Case("service ports merge by port", "services",
            "{metadata: {name: s}, spec: {ports: [{port: 80, protocol: TCP,"
                + " targetPort: 8080}]}}",
            "{spec: {ports: [{port: 80, targetPort: 9090}, {port: 443, protocol: TCP}]}}",
            "{metadata: {name: s}, spec: {ports: [{port: 80, protocol: TCP, targetPort: 9090},"
                + " {port: 443, protocol: TCP}]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void applies(Case c) {
    ObjectNode result = StrategicMergePatch.apply(yaml(c.live()), yaml(c.patch()),
        ModelSchema.patchMeta(type(c.plural())));

    assertThat(result).isEqualTo(yaml(c.result()));
  }

  record Failure(String name, String plural, String patch, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Failure> failures() {
    return Stream.of(
        new Failure("a container without its name", "deployments",
            "spec: {template: {spec: {containers: [{image: nginx}]}}}",
            "spec.template.spec.containers[0]: map: map[image:nginx] does not contain declared"
                + " merge key: name"),
        new Failure("containers given as a string", "deployments",
            "spec: {template: {spec: {containers: web}}}",
            "spec.template.spec.containers: Invalid value: \"string\":"
                + " spec.template.spec.containers in body must be of type array: \"string\""),
        new Failure("labels given as a list", "deployments", "metadata: {labels: [a]}",
            "metadata.labels: Invalid value: \"array\": metadata.labels in body must be of"
                + " type object: \"array\""),
        new Failure("replicas given as an object", "deployments", "spec: {replicas: {n: 3}}",
            "spec.replicas: Invalid value: \"object\": spec.replicas in body must be of type"
                + " string, number or boolean: \"object\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void rejects(Failure c) {
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> StrategicMergePatch.apply(yaml(DEPLOYMENT), yaml(c.patch()),
            ModelSchema.patchMeta(type(c.plural()))));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage()).isEqualTo(c.message());
  }
}
