package io.kubee.api.defaults;

import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.codec.Codec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DefaulterTest {

  record Case(String name, String plural, String input, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> defaults() {
    return Stream.of(
        new Case("a bare pod gets the pod and container defaults", "pods", """
            metadata: {name: p}
            spec:
              containers:
              - {name: c, image: busybox}
            """, """
            metadata: {name: p}
            spec:
              dnsPolicy: ClusterFirst
              restartPolicy: Always
              securityContext: {}
              terminationGracePeriodSeconds: 30
              schedulerName: default-scheduler
              enableServiceLinks: true
              containers:
              - name: c
                image: busybox
                imagePullPolicy: Always
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
            """),
        new Case("values the user gave are kept", "pods", """
            spec:
              restartPolicy: Never
              dnsPolicy: Default
              terminationGracePeriodSeconds: 5
              schedulerName: mine
              securityContext: {runAsUser: 1000}
              enableServiceLinks: false
              containers:
              - name: c
                image: busybox:1.36
                imagePullPolicy: Never
                terminationMessagePolicy: FallbackToLogsOnError
            """, """
            spec:
              restartPolicy: Never
              dnsPolicy: Default
              terminationGracePeriodSeconds: 5
              schedulerName: mine
              securityContext: {runAsUser: 1000}
              enableServiceLinks: false
              containers:
              - name: c
                image: busybox:1.36
                imagePullPolicy: Never
                terminationMessagePolicy: FallbackToLogsOnError
                terminationMessagePath: /dev/termination-log
            """),
        new Case("ports, probes, env and lifecycle hooks get their defaults", "pods", """
            spec:
              containers:
              - name: c
                image: nginx:1.25
                ports: [{containerPort: 80}]
                livenessProbe: {httpGet: {port: 80}}
                readinessProbe: {grpc: {port: 9090}, periodSeconds: 5}
                lifecycle: {preStop: {httpGet: {port: 80, path: /quit}}}
                env:
                - name: NODE
                  valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
            """, """
            spec:
              dnsPolicy: ClusterFirst
              restartPolicy: Always
              securityContext: {}
              terminationGracePeriodSeconds: 30
              schedulerName: default-scheduler
              enableServiceLinks: true
              containers:
              - name: c
                image: nginx:1.25
                imagePullPolicy: IfNotPresent
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                ports: [{containerPort: 80, protocol: TCP}]
                livenessProbe:
                  httpGet: {port: 80, path: /, scheme: HTTP}
                  timeoutSeconds: 1
                  periodSeconds: 10
                  successThreshold: 1
                  failureThreshold: 3
                readinessProbe:
                  grpc: {port: 9090, service: ""}
                  periodSeconds: 5
                  timeoutSeconds: 1
                  successThreshold: 1
                  failureThreshold: 3
                lifecycle: {preStop: {httpGet: {port: 80, path: /quit, scheme: HTTP}}}
                env:
                - name: NODE
                  valueFrom: {fieldRef: {fieldPath: spec.nodeName, apiVersion: v1}}
            """),
        new Case("volumes get modes, types and emptyDir when sourceless", "pods", """
            spec:
              containers: []
              volumes:
              - name: scratch
              - {name: cfg, configMap: {name: app}}
              - {name: sec, secret: {secretName: app, defaultMode: 256}}
              - {name: host, hostPath: {path: /var/log}}
              - name: info
                downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}
              - name: token
                projected: {sources: [{serviceAccountToken: {path: token}}]}
            """, """
            spec:
              containers: []
              dnsPolicy: ClusterFirst
              restartPolicy: Always
              securityContext: {}
              terminationGracePeriodSeconds: 30
              schedulerName: default-scheduler
              enableServiceLinks: true
              volumes:
              - {name: scratch, emptyDir: {}}
              - {name: cfg, configMap: {name: app, defaultMode: 420}}
              - {name: sec, secret: {secretName: app, defaultMode: 256}}
              - {name: host, hostPath: {path: /var/log, type: ""}}
              - name: info
                downwardAPI:
                  defaultMode: 420
                  items: [{path: labels, fieldRef: {fieldPath: metadata.labels, apiVersion: v1}}]
              - name: token
                projected:
                  defaultMode: 420
                  sources: [{serviceAccountToken: {path: token, expirationSeconds: 3600}}]
            """),
        new Case("a pod's requests default to its limits", "pods", """
            spec:
              containers:
              - name: c
                image: busybox:1
                resources: {limits: {cpu: 500m, memory: 64Mi}, requests: {cpu: 100m}}
            """, """
            spec:
              dnsPolicy: ClusterFirst
              restartPolicy: Always
              securityContext: {}
              terminationGracePeriodSeconds: 30
              schedulerName: default-scheduler
              enableServiceLinks: true
              containers:
              - name: c
                image: busybox:1
                imagePullPolicy: IfNotPresent
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                resources: {limits: {cpu: 500m, memory: 64Mi}, requests: {cpu: 100m, memory: 64Mi}}
            """),
        new Case("host networking makes container ports host ports", "pods", """
            spec:
              hostNetwork: true
              containers:
              - {name: c, image: busybox:1, ports: [{containerPort: 8080}]}
            """, """
            spec:
              hostNetwork: true
              dnsPolicy: ClusterFirst
              restartPolicy: Always
              securityContext: {}
              terminationGracePeriodSeconds: 30
              schedulerName: default-scheduler
              enableServiceLinks: true
              containers:
              - name: c
                image: busybox:1
                imagePullPolicy: IfNotPresent
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                ports: [{containerPort: 8080, protocol: TCP, hostPort: 8080}]
            """),
        new Case("a cluster IP service gets type, affinity, ports and policies", "services", """
            spec:
              selector: {app: web}
              ports: [{port: 80}, {name: named, port: 443, targetPort: https}]
            """, """
            spec:
              selector: {app: web}
              type: ClusterIP
              sessionAffinity: None
              internalTrafficPolicy: Cluster
              ipFamilyPolicy: SingleStack
              ports:
              - {port: 80, protocol: TCP, targetPort: 80}
              - {name: named, port: 443, targetPort: https, protocol: TCP}
            """),
        new Case("a node port service gets an external traffic policy", "services", """
            spec:
              type: NodePort
              sessionAffinity: ClientIP
              sessionAffinityConfig: {}
              ports: [{port: 80, targetPort: 0}]
            """, """
            spec:
              type: NodePort
              sessionAffinity: ClientIP
              sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}
              externalTrafficPolicy: Cluster
              internalTrafficPolicy: Cluster
              ipFamilyPolicy: SingleStack
              ports: [{port: 80, targetPort: 80, protocol: TCP}]
            """),
        new Case("a load balancer allocates node ports by default", "services", """
            spec: {type: LoadBalancer, ports: [{port: 80}]}
            status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
            """, """
            spec:
              type: LoadBalancer
              sessionAffinity: None
              externalTrafficPolicy: Cluster
              internalTrafficPolicy: Cluster
              allocateLoadBalancerNodePorts: true
              ipFamilyPolicy: SingleStack
              ports: [{port: 80, protocol: TCP, targetPort: 80}]
            status: {loadBalancer: {ingress: [{ip: 1.2.3.4, ipMode: VIP}]}}
            """),
        new Case("a headless selectorless service asks for dual stack", "services", """
            spec: {clusterIP: None}
            """, """
            spec:
              clusterIP: None
              type: ClusterIP
              sessionAffinity: None
              internalTrafficPolicy: Cluster
              ipFamilyPolicy: RequireDualStack
            """),
        new Case("an external name service gets no IP policies", "services", """
            spec: {type: ExternalName, externalName: example.com, sessionAffinityConfig: {}}
            """, """
            spec: {type: ExternalName, externalName: example.com, sessionAffinity: None}
            """),
        new Case("a deployment gets rollout defaults and template defaults", "deployments", """
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: c, image: 'web:2'}]
            """, """
            spec:
              replicas: 1
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxUnavailable: 25%, maxSurge: 25%}
              revisionHistoryLimit: 10
              progressDeadlineSeconds: 600
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  securityContext: {}
                  terminationGracePeriodSeconds: 30
                  schedulerName: default-scheduler
                  containers:
                  - name: c
                    image: 'web:2'
                    imagePullPolicy: IfNotPresent
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
            """),
        new Case("a recreate deployment gets no rolling update", "deployments", """
            spec: {replicas: 0, strategy: {type: Recreate}, template: {spec: {containers: []}}}
            """, """
            spec:
              replicas: 0
              strategy: {type: Recreate}
              revisionHistoryLimit: 10
              progressDeadlineSeconds: 600
              template:
                spec:
                  containers: []
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  securityContext: {}
                  terminationGracePeriodSeconds: 30
                  schedulerName: default-scheduler
            """),
        new Case("a replica set gets one replica", "replicasets", """
            spec: {template: {spec: {containers: []}}}
            """, """
            spec:
              replicas: 1
              template:
                spec:
                  containers: []
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  securityContext: {}
                  terminationGracePeriodSeconds: 30
                  schedulerName: default-scheduler
            """),
        new Case("a secret is opaque by default", "secrets", """
            metadata: {name: s}
            """, """
            metadata: {name: s}
            type: Opaque
            """),
        new Case("a namespace is labelled with its name and active", "namespaces", """
            metadata: {name: team-a, labels: {env: prod}}
            """, """
            metadata: {name: team-a, labels: {env: prod, kubernetes.io/metadata.name: team-a}}
            status: {phase: Active}
            """),
        new Case("a node's allocatable defaults to its capacity", "nodes", """
            status: {capacity: {cpu: '4', pods: '110'}}
            """, """
            status: {capacity: {cpu: '4', pods: '110'}, allocatable: {cpu: '4', pods: '110'}}
            """),
        new Case("endpoint ports are TCP by default", "endpoints", """
            subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 80}]}]
            """, """
            subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 80, protocol: TCP}]}]
            """),
        new Case("leases are left alone", "leases", """
            spec: {holderIdentity: n1}
            """, """
            spec: {holderIdentity: n1}
            """),
        new Case("events are left alone", "events", """
            reason: Started
            """, """
            reason: Started
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void appliesKubernetesDefaults(Case c) {
    ObjectNode obj = yaml(c.input());
    Defaulter.apply(type(c.plural()), obj);
    assertThat(normalized(obj)).isEqualTo(normalized(yaml(c.expected())));
    JsonNode once = obj.deepCopy();
    Defaulter.apply(type(c.plural()), obj);
    assertThat(obj).as("applying twice changes nothing").isEqualTo(once);
  }

  record ImageCase(String name, String image, String policy) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ImageCase> images() {
    return Stream.of(
        new ImageCase("an untagged image is always pulled", "busybox", "Always"),
        new ImageCase("the latest tag is always pulled", "busybox:latest", "Always"),
        new ImageCase("a registry port is not a tag", "localhost:5000/busybox", "Always"),
        new ImageCase("a fixed tag is pulled if not present", "localhost:5000/busybox:1.36",
            "IfNotPresent"),
        new ImageCase("a digest is pulled if not present", "busybox@sha256:" + "a".repeat(64),
            "IfNotPresent"),
        new ImageCase("latest with a digest is always pulled",
            "busybox:latest@sha256:" + "a".repeat(64), "Always"),
        new ImageCase("an unparsable reference is pulled if not present", "BusyBox",
            "IfNotPresent"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void choosesThePullPolicyFromTheTag(ImageCase c) {
    ObjectNode pod = yaml("spec: {containers: [{name: c, image: '" + c.image() + "'}]}");
    Defaulter.apply(type("pods"), pod);
    assertThat(pod.at("/spec/containers/0/imagePullPolicy").asString()).isEqualTo(c.policy());
  }

  record LifecycleCase(String name, String plural, String input, String old, boolean create,
      String pointer, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<LifecycleCase> lifecycle() {
    return Stream.of(
        new LifecycleCase("a new namespace gets the kubernetes finalizer", "namespaces",
            "metadata: {name: ns}", null, true, "/spec/finalizers", "[\"kubernetes\"]"),
        new LifecycleCase("the kubernetes finalizer is added once", "namespaces",
            "metadata: {name: ns}\nspec: {finalizers: [example.com/x, kubernetes]}", null, true,
            "/spec/finalizers", "[\"example.com/x\",\"kubernetes\"]"),
        new LifecycleCase("a new service's cluster IPs follow its cluster IP", "services",
            "spec: {clusterIP: None}", null, true, "/spec/clusterIPs", "[\"None\"]"),
        new LifecycleCase("plain defaulting never puts the finalizer back", "namespaces",
            "metadata: {name: ns}\nspec: {finalizers: []}", null, false, "/spec/finalizers", "[]"),
        new LifecycleCase("a replaced service keeps its cluster IP", "services",
            "spec: {ports: [{port: 80}]}",
            "spec: {type: ClusterIP, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10],"
                + " ipFamilies: [IPv4], ipFamilyPolicy: SingleStack}",
            false, "/spec/clusterIPs", "[\"10.96.0.10\"]"),
        new LifecycleCase("a replaced service keeps its old family policy", "services",
            "spec: {ports: [{port: 80}]}",
            "spec: {type: ClusterIP, clusterIP: 10.96.0.10, ipFamilyPolicy: PreferDualStack}",
            false, "/spec/ipFamilyPolicy", "\"PreferDualStack\""),
        new LifecycleCase("a replaced node port service keeps its node ports by name", "services",
            "spec: {type: NodePort, ports: [{name: a, port: 80}, {name: b, port: 81}]}",
            "spec: {type: NodePort, ports: [{name: a, port: 80, nodePort: 30001},"
                + " {name: b, port: 81, nodePort: 30002}]}",
            false, "/spec/ports", "[{\"name\":\"a\",\"port\":80,\"nodePort\":30001,\"protocol\":"
                + "\"TCP\",\"targetPort\":80},{\"name\":\"b\",\"port\":81,\"nodePort\":30002,"
                + "\"protocol\":\"TCP\",\"targetPort\":81}]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lifecycle")
  void appliesCreateAndUpdateTimeValues(LifecycleCase c) {
    ObjectNode obj = yaml(c.input());
    if (c.create()) {
      Defaulter.applyOnCreate(type(c.plural()), obj);
    } else if (c.old() != null) {
      Defaulter.applyOnUpdate(type(c.plural()), obj, yaml(c.old()));
    } else {
      Defaulter.apply(type(c.plural()), obj);
    }
    JsonNode expected = Codec.INSTANCE.json().readTree(c.expected());
    assertThat(normalized(obj.at(c.pointer()))).isEqualTo(normalized(expected));
  }

  /** Re-reads a tree so that numbers of equal value have equal node types. */
  private static JsonNode normalized(JsonNode node) {
    return Codec.INSTANCE.json().readTree(node.toString());
  }
}
