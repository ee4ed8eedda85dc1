package io.kubee.api.validation;

import static io.kubee.api.testing.Fixtures.assertCauses;
import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static io.kubee.api.validation.Messages.LABEL;
import static io.kubee.api.validation.Messages.PORT_RANGE;
import static io.kubee.api.validation.Messages.SUBDOMAIN;

import io.kubee.api.defaults.Defaulter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class PodValidationTest {
  private static final String C = "{name: c, image: busybox}";
  private final ObjectValidator validator = new ObjectValidator();

  record Case(String name, String spec, List<String> causes, boolean defaulted, String meta) {
    Case(String name, String spec, List<String> causes) {
      this(name, spec, causes, true, "{name: p, namespace: default}");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a minimal pod is valid", "{containers: [" + C + "]}", List.of()),
        new Case("a pod needs containers", "{containers: []}",
            List.of("spec.containers|FieldValueRequired|Required value")),
        new Case("container names are DNS labels", "{containers: [{name: Web, image: busybox}]}",
            List.of("spec.containers[0].name|FieldValueInvalid|Invalid value: \"Web\": " + LABEL)),
        new Case("container names are unique", "{containers: [" + C + ", " + C + "]}",
            List.of("spec.containers[1].name|FieldValueDuplicate|Duplicate value: \"c\"")),
        new Case("init container names may not repeat container names",
            "{initContainers: [" + C + "], containers: [" + C + "]}",
            List.of("spec.initContainers[0].name|FieldValueDuplicate|Duplicate value: \"c\"")),
        new Case("an image is required", "{containers: [{name: c}]}",
            List.of("spec.containers[0].image|FieldValueRequired|Required value")),
        new Case("images may not be padded", "{containers: [{name: c, image: ' busybox'}]}",
            List.of("spec.containers[0].image|FieldValueInvalid|Invalid value: \" busybox\": must"
                + " not have leading or trailing whitespace")),
        new Case("container ports are checked", """
            {containers: [{name: c, image: busybox, ports: [
              {containerPort: 0},
              {containerPort: 70000, name: http-web-server-x, protocol: HTTP},
              {containerPort: 8080, name: web},
              {containerPort: 8081, name: web}]}]}
            """, List.of(
                "spec.containers[0].ports[0].containerPort|FieldValueRequired|Required value",
                "spec.containers[0].ports[1].name|FieldValueInvalid|Invalid value:"
                    + " \"http-web-server-x\": must be no more than 15 characters",
                "spec.containers[0].ports[1].containerPort|FieldValueInvalid|Invalid value: 70000: "
                    + PORT_RANGE,
                "spec.containers[0].ports[1].protocol|FieldValueNotSupported|Unsupported value:"
                    + " \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.containers[0].ports[3].name|FieldValueDuplicate|Duplicate value: \"web\"")),
        new Case("restart and DNS policies are enumerations",
            "{restartPolicy: Sometimes, dnsPolicy: Google, containers: [" + C + "]}", List.of(
                "spec.restartPolicy|FieldValueNotSupported|Unsupported value: \"Sometimes\":"
                    + " supported values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.dnsPolicy|FieldValueNotSupported|Unsupported value: \"Google\": supported"
                    + " values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\","
                    + " \"None\"")),
        new Case("environment variables are checked", """
            {containers: [{name: c, image: busybox, env: [
              {name: 1A},
              {name: X, valueFrom: {}},
              {name: Y, value: v, valueFrom: {secretKeyRef: {name: s, key: k}}},
              {name: Z, valueFrom: {fieldRef: {fieldPath: metadata.labels}}}]}]}
            """, List.of(
                "spec.containers[0].env[0].name|FieldValueInvalid|Invalid value: \"1A\": a valid"
                    + " environment variable name must consist of alphabetic characters, digits,"
                    + " '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name', "
                    + " or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is"
                    + " '[-._a-zA-Z][-._a-zA-Z0-9]*')",
                "spec.containers[0].env[1].valueFrom|FieldValueInvalid|Invalid value: \"\": must"
                    + " specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or"
                    + " `secretKeyRef`",
                "spec.containers[0].env[2].valueFrom|FieldValueInvalid|Invalid value: \"\": may"
                    + " not be specified when `value` is not empty",
                "spec.containers[0].env[3].valueFrom.fieldRef.fieldPath|FieldValueNotSupported|"
                    + "Unsupported value: \"metadata.labels\": supported values:"
                    + " \"metadata.name\", \"metadata.namespace\", \"metadata.uid\","
                    + " \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\","
                    + " \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"")),
        new Case("volumes need unique label names, one source, and mounts need volumes", """
            {volumes: [
              {name: data, emptyDir: {}, secret: {secretName: s}},
              {name: Cfg, configMap: {name: c}},
              {name: logs, hostPath: {path: /var/log}},
              {name: logs, emptyDir: {}}],
             containers: [{name: c, image: busybox, volumeMounts: [
              {name: data, mountPath: /data},
              {name: logs, mountPath: /data}]}]}
            """, List.of(
                "spec.volumes[0].secret|FieldValueForbidden|Forbidden: may not specify more than 1"
                    + " volume type",
                "spec.volumes[1].name|FieldValueInvalid|Invalid value: \"Cfg\": " + LABEL,
                "spec.volumes[3].name|FieldValueDuplicate|Duplicate value: \"logs\"",
                "spec.containers[0].volumeMounts[0].name|FieldValueNotFound|Not found: \"data\"",
                "spec.containers[0].volumeMounts[1].mountPath|FieldValueInvalid|Invalid value:"
                    + " \"/data\": must be unique")),
        new Case("volume sources are checked", """
            {volumes: [
              {name: a, configMap: {}},
              {name: b, hostPath: {path: /x/../etc, type: Folder}},
              {name: c, secret: {secretName: s, defaultMode: 1000, items: [{key: k, path: /abs}]}}],
             containers: [""" + C + "]}", List.of(
                "spec.volumes[0].configMap.name|FieldValueRequired|Required value",
                "spec.volumes[1].hostPath.path|FieldValueInvalid|Invalid value: \"/x/../etc\":"
                    + " must not contain '..'",
                "spec.volumes[1].hostPath.type|FieldValueNotSupported|Unsupported value:"
                    + " \"Folder\": supported values: \"\", \"BlockDevice\", \"CharDevice\","
                    + " \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\","
                    + " \"Socket\"",
                "spec.volumes[2].secret.defaultMode|FieldValueInvalid|Invalid value: 1000: must"
                    + " be a number between 0 and 0777 (octal), both inclusive",
                "spec.volumes[2].secret.items[0].path|FieldValueInvalid|Invalid value: \"/abs\":"
                    + " must be a relative path")),
        new Case("requests may not exceed limits",
            "{containers: [{name: c, image: busybox, resources: {limits: {cpu: '1'},"
                + " requests: {cpu: '2'}}}]}",
            List.of("spec.containers[0].resources.requests|FieldValueInvalid|Invalid value: \"2\":"
                + " must be less than or equal to cpu limit of 1")),
        new Case("quantities must parse and not be negative",
            "{containers: [{name: c, image: busybox, resources: {limits: {memory: abc,"
                + " cpu: '-1'}}}]}", List.of(
                "spec.containers[0].resources.limits[memory]|FieldValueInvalid|Invalid value:"
                    + " \"abc\": quantities must match the regular expression"
                    + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                "spec.containers[0].resources.limits[cpu]|FieldValueInvalid|Invalid value: \"-1\":"
                    + " must be greater than or equal to 0",
                "spec.containers[0].resources.requests[memory]|FieldValueInvalid|Invalid value:"
                    + " \"abc\": quantities must match the regular expression"
                    + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                "spec.containers[0].resources.requests[cpu]|FieldValueInvalid|Invalid value:"
                    + " \"-1\": must be greater than or equal to 0")),
        new Case("extended resources may not be overcommitted",
            "{containers: [{name: c, image: busybox, resources: {limits: {example.com/gpu: '2'},"
                + " requests: {example.com/gpu: '1'}}}]}",
            List.of("spec.containers[0].resources.requests|FieldValueInvalid|Invalid value: \"1\":"
                + " must be equal to example.com/gpu limit of 2")),
        new Case("unknown resource names are reported",
            "{containers: [{name: c, image: busybox, resources: {limits: {gpu: '1'}}}]}", List.of(
                "spec.containers[0].resources.limits[gpu]|FieldValueInvalid|Invalid value:"
                    + " \"gpu\": must be a standard resource type or fully qualified",
                "spec.containers[0].resources.limits[gpu]|FieldValueInvalid|Invalid value:"
                    + " \"gpu\": must be a standard resource for containers",
                "spec.containers[0].resources.requests[gpu]|FieldValueInvalid|Invalid value:"
                    + " \"gpu\": must be a standard resource type or fully qualified",
                "spec.containers[0].resources.requests[gpu]|FieldValueInvalid|Invalid value:"
                    + " \"gpu\": must be a standard resource for containers")),
        new Case("probes need one handler and sane thresholds", """
            {containers: [{name: c, image: busybox,
              livenessProbe: {exec: {command: [true]}, httpGet: {port: 80}, successThreshold: 2},
              readinessProbe: {periodSeconds: -1},
              startupProbe: {tcpSocket: {port: 0}}}]}
            """, List.of(
                "spec.containers[0].livenessProbe.httpGet|FieldValueForbidden|Forbidden: may not"
                    + " specify more than 1 handler type",
                "spec.containers[0].livenessProbe.successThreshold|FieldValueInvalid|Invalid"
                    + " value: 2: must be 1",
                "spec.containers[0].readinessProbe|FieldValueRequired|Required value: must"
                    + " specify a handler type",
                "spec.containers[0].readinessProbe.periodSeconds|FieldValueInvalid|Invalid value:"
                    + " -1: must be greater than or equal to 0",
                "spec.containers[0].startupProbe.tcpSocket.port|FieldValueInvalid|Invalid value:"
                    + " 0: " + PORT_RANGE)),
        new Case("host networking needs matching host ports",
            "{hostNetwork: true, containers: [{name: c, image: busybox, ports: [{containerPort: 80,"
                + " hostPort: 81}]}]}",
            List.of("spec.containers[0].ports[0].hostPort|FieldValueInvalid|Invalid value: 81:"
                + " must match `containerPort` when `hostNetwork` is true")),
        new Case("host ports may not collide",
            "{containers: [{name: a, image: busybox, ports: [{containerPort: 80, hostPort: 80}]},"
                + " {name: b, image: busybox, ports: [{containerPort: 81, hostPort: 80}]}]}",
            List.of("spec.containers[1].ports[0].hostPort|FieldValueDuplicate|Duplicate value:"
                + " \"TCP//80\"")),
        new Case("tolerations are checked", """
            {containers: [""" + C + """
            ], tolerations: [
              {operator: Equal, value: x},
              {key: k, operator: Exists, value: v},
              {key: k, effect: NoSchedule, tolerationSeconds: 5},
              {key: k, operator: Maybe}]}
            """, List.of(
                "spec.tolerations[0].operator|FieldValueInvalid|Invalid value: \"Equal\": operator"
                    + " must be Exists when `key` is empty, which means \"match all values and all"
                    + " keys\"",
                "spec.tolerations[1].operator|FieldValueInvalid|Invalid value: \"v\": value must be"
                    + " empty when `operator` is 'Exists'",
                "spec.tolerations[2].effect|FieldValueInvalid|Invalid value: \"NoSchedule\":"
                    + " effect must be 'NoExecute' when `tolerationSeconds` is set",
                "spec.tolerations[3].operator|FieldValueNotSupported|Unsupported value: \"Maybe\":"
                    + " supported values: \"Equal\", \"Exists\"")),
        new Case("the active deadline must be positive",
            "{activeDeadlineSeconds: 0, containers: [" + C + "]}",
            List.of("spec.activeDeadlineSeconds|FieldValueInvalid|Invalid value: 0: must be"
                + " between 1 and 2147483647, inclusive")),
        new Case("ephemeral containers cannot come with the pod",
            "{containers: [" + C + "], ephemeralContainers: [{name: debug, image: busybox}]}",
            List.of("spec.ephemeralContainers|FieldValueForbidden|Forbidden: cannot be set on"
                + " create")),
        new Case("service account and node names are subdomains",
            "{serviceAccountName: Bad, nodeName: Node_1, containers: [" + C + "]}", List.of(
                "spec.serviceAccountName|FieldValueInvalid|Invalid value: \"Bad\": " + SUBDOMAIN,
                "spec.nodeName|FieldValueInvalid|Invalid value: \"Node_1\": " + SUBDOMAIN)),
        new Case("init containers restart Always or take no probes", """
            {containers: [""" + C + """
            ], initContainers: [
              {name: i1, image: busybox, restartPolicy: Never},
              {name: i2, image: busybox, livenessProbe: {exec: {command: [x]}}}]}
            """, List.of(
                "spec.initContainers[0].restartPolicy|FieldValueNotSupported|Unsupported value:"
                    + " \"Never\": supported values: \"Always\"",
                "spec.initContainers[1].livenessProbe|FieldValueForbidden|Forbidden: may not be set"
                    + " for init containers without restartPolicy=Always")),
        new Case("sidecar init containers may have probes", """
            {containers: [""" + C + """
            ], initContainers: [
              {name: proxy, image: envoy, restartPolicy: Always,
               readinessProbe: {tcpSocket: {port: 15000}}}]}
            """, List.of()),
        new Case("regular containers take no restart policy",
            "{containers: [{name: c, image: busybox, restartPolicy: Always}]}",
            List.of("spec.containers[0].restartPolicy|FieldValueForbidden|Forbidden: may not be"
                + " set for non-init containers")),
        new Case("a bound pod may not keep scheduling gates",
            "{nodeName: n1, schedulingGates: [{name: example.com/gate}], containers: [" + C + "]}",
            List.of("spec.nodeName|FieldValueForbidden|Forbidden: cannot be set until all"
                + " schedulingGates have been cleared")),
        new Case("a projected token needs a service account",
            "{volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: token}}]}}],"
                + " containers: [" + C + "]}",
            List.of("spec.volumes[0].projected.sources[0].serviceAccountToken|FieldValueForbidden|"
                + "Forbidden: must not be specified when serviceAccountName is not set")),
        new Case("affinity terms are checked", """
            {containers: [""" + C + """
            ], affinity: {
              nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms:
                [{matchExpressions: [{key: zone, operator: In}]}]}},
              podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 0,
                podAffinityTerm: {labelSelector: {matchLabels: {app: web}},
                                  topologyKey: kubernetes.io/hostname}}]}}}
            """, List.of(
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                    + ".nodeSelectorTerms[0].matchExpressions[0].values|FieldValueRequired|Required"
                    + " value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]"
                    + ".weight|FieldValueInvalid|Invalid value: 0: must be in the range 1-100")),
        new Case("topology spread constraints are checked", """
            {containers: [""" + C + """
            ], topologySpreadConstraints: [
              {maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule},
              {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]}
            """, List.of(
                "spec.topologySpreadConstraints[0].maxSkew|FieldValueInvalid|Invalid value: 0:"
                    + " must be greater than zero",
                "spec.topologySpreadConstraints[1].{topologyKey, whenUnsatisfiable}|"
                    + "FieldValueDuplicate|Duplicate value: \"{zone, DoNotSchedule}\"")),
        new Case("DNS policy None needs a DNS config", "{dnsPolicy: None, containers: [" + C + "]}",
            List.of("spec.dnsConfig|FieldValueRequired|Required value: must provide `dnsConfig`"
                + " when `dnsPolicy` is None")),
        new Case("security contexts are checked", """
            {securityContext: {runAsUser: -1, sysctls: [{name: net.ipv4.ip_forward},
                                                        {name: 'Bad Name'}]},
             containers: [{name: c, image: busybox,
               securityContext: {allowPrivilegeEscalation: false, privileged: true}}]}
            """, List.of(
                "spec.containers[0].securityContext|FieldValueInvalid|Invalid value: {*}: cannot"
                    + " set `allowPrivilegeEscalation` to false and `privileged` to true",
                "spec.securityContext.runAsUser|FieldValueInvalid|Invalid value: -1: must be"
                    + " between 0 and 2147483647, inclusive",
                "spec.securityContext.sysctls[1].name|FieldValueInvalid|Invalid value: \"Bad"
                    + " Name\": must have at most 253 characters and match regex"
                    + " ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$")),
        new Case("a mirror pod must be bound", "{containers: [" + C + "]}", List.of(
            "metadata.annotations[kubernetes.io/config.mirror]|FieldValueInvalid|Invalid value:"
                + " \"x\": must set spec.nodeName if mirror pod annotation is set"), true,
            "{name: p, namespace: default, annotations: {kubernetes.io/config.mirror: x}}"),
        new Case("the pod deletion cost is a 32-bit integer", "{containers: [" + C + "]}",
            List.of("metadata.annotations[controller.kubernetes.io/pod-deletion-cost]|"
                + "FieldValueInvalid|Invalid value: \"+10\": must be a 32bit integer"), true,
            "{name: p, namespace: default, annotations:"
                + " {controller.kubernetes.io/pod-deletion-cost: '+10'}}"),
        new Case("an undefaulted pod misses what defaulting provides",
            "{containers: [{name: c, image: busybox, ports: [{containerPort: 80}]}]}", List.of(
                "spec.terminationGracePeriodSeconds|FieldValueRequired|Required value",
                "spec.containers[0].terminationMessagePolicy|FieldValueRequired|Required value",
                "spec.containers[0].ports[0].protocol|FieldValueRequired|Required value",
                "spec.containers[0].imagePullPolicy|FieldValueRequired|Required value",
                "spec.restartPolicy|FieldValueRequired|Required value",
                "spec.dnsPolicy|FieldValueRequired|Required value"), false,
            "{name: p, namespace: default}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesPods(Case c) {
    ObjectNode pod = yaml("metadata: " + c.meta() + "\nspec: " + c.spec());
    if (c.defaulted()) {
      Defaulter.apply(type("pods"), pod);
    }
    assertCauses(validator.validateCreate(type("pods"), pod), c.causes());
  }
}
