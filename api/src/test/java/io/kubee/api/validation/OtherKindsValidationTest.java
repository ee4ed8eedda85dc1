package io.kubee.api.validation;

import static io.kubee.api.testing.Fixtures.assertCauses;
import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static io.kubee.api.validation.Messages.INVALID_IP;
import static io.kubee.api.validation.Messages.LABEL_VALUE;
import static io.kubee.api.validation.Messages.NAME_PART;

import io.kubee.api.defaults.Defaulter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Nodes, namespaces, configmaps, secrets, events, endpoints and leases. */
class OtherKindsValidationTest {
  private static final String CONFIG_KEY = "a valid config key must consist of alphanumeric"
      + " characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex"
      + " used for validation is '[-._a-zA-Z0-9]+')";
  private static final String NS = "metadata: {name: x, namespace: default}\n";
  private final ObjectValidator validator = new ObjectValidator();

  record Case(String name, String plural, String yaml, List<String> causes) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a node is valid", "nodes", """
            metadata: {name: n1}
            spec: {podCIDR: 10.244.0.0/24, taints: [{key: example.com/gpu, effect: NoSchedule}]}
            status: {capacity: {cpu: '4', memory: 8Gi, pods: '110'}}
            """, List.of()),
        new Case("taints are checked", "nodes", """
            metadata: {name: n1}
            spec:
              taints:
              - {key: k, effect: NoRun}
              - {key: 'bad key', value: -v, effect: NoSchedule}
              - {key: k}
              - {key: k2, effect: NoExecute}
              - {key: k2, effect: NoExecute}
            """, List.of(
                "spec.taints[0].effect|FieldValueNotSupported|Unsupported value: \"NoRun\":"
                    + " supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
                "spec.taints[1].key|FieldValueInvalid|Invalid value: \"bad key\": " + NAME_PART,
                "spec.taints[1].value|FieldValueInvalid|Invalid value: \"-v\": " + LABEL_VALUE,
                "spec.taints[2].effect|FieldValueRequired|Required value",
                "spec.taints[4]|FieldValueDuplicate|Duplicate value: {*}: taints must be unique"
                    + " by key and effect pair")),
        new Case("pod CIDRs must be CIDRs", "nodes",
            "metadata: {name: n1}\nspec: {podCIDR: 10.0.0.0/33}",
            List.of("spec.podCIDRs[0]|FieldValueInvalid|Invalid value: \"10.0.0.0/33\": must be a"
                + " valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")),
        new Case("two pod CIDRs need two families", "nodes",
            "metadata: {name: n1}\nspec: {podCIDRs: [10.0.0.0/24, 10.1.0.0/24]}",
            List.of("spec.podCIDRs|FieldValueInvalid|Invalid value:"
                + " [\"10.0.0.0/24\",\"10.1.0.0/24\"]: may specify no more than one CIDR for each"
                + " IP family")),
        new Case("node capacity is not negative", "nodes",
            "metadata: {name: n1}\nstatus: {capacity: {cpu: '-1'}}", List.of(
                "status.capacity.cpu|FieldValueInvalid|Invalid value: \"-1\": must be greater than"
                    + " or equal to 0",
                "status.allocatable.cpu|FieldValueInvalid|Invalid value: \"-1\": must be greater"
                    + " than or equal to 0")),
        new Case("namespace finalizers are standard or qualified", "namespaces",
            "metadata: {name: team}\nspec: {finalizers: [custom, example.com/x, kubernetes]}",
            List.of("spec.finalizers|FieldValueInvalid|Invalid value: \"custom\": name is neither"
                + " a standard finalizer name nor is it fully qualified")),
        new Case("a configmap is valid", "configmaps",
            NS + "data: {app.properties: 'a=b'}\nbinaryData: {logo.png: " + b64("png") + "}",
            List.of()),
        new Case("configmap keys are checked", "configmaps",
            NS + "data: {'a b': x, k: y}\nbinaryData: {k: " + b64("z") + "}", List.of(
                "data[a b]|FieldValueInvalid|Invalid value: \"a b\": " + CONFIG_KEY,
                "data[k]|FieldValueInvalid|Invalid value: \"k\": duplicate of key present in"
                    + " binaryData")),
        new Case("a configmap holds at most 1 MiB", "configmaps",
            NS + "data: {big: " + "x".repeat(1024 * 1024 + 1) + "}",
            List.of("|FieldValueTooLong|Too long: may not be more than 1048576 bytes")),
        new Case("a TLS secret needs its keys", "secrets",
            NS + "type: kubernetes.io/tls\ndata: {}", List.of(
                "data[tls.crt]|FieldValueRequired|Required value",
                "data[tls.key]|FieldValueRequired|Required value")),
        new Case("string data counts as data", "secrets",
            NS + "type: kubernetes.io/tls\nstringData: {tls.crt: a, tls.key: b}", List.of()),
        new Case("a docker config must be JSON", "secrets",
            NS + "type: kubernetes.io/dockerconfigjson\ndata: {.dockerconfigjson: "
                + b64("{not json") + "}",
            List.of("data[.dockerconfigjson]|FieldValueInvalid|Invalid value: \"<secret contents"
                + " redacted>\": *")),
        new Case("a token secret names its service account", "secrets",
            NS + "type: kubernetes.io/service-account-token",
            List.of("metadata.annotations[kubernetes.io/service-account.name]|FieldValueRequired|"
                + "Required value")),
        new Case("secret keys are checked", "secrets", NS + "data: {a/b: " + b64("x") + "}",
            List.of("data[a/b]|FieldValueInvalid|Invalid value: \"a/b\": " + CONFIG_KEY)),
        new Case("a legacy event's namespaces must agree", "events",
            NS + "involvedObject: {kind: Pod, name: p, namespace: other}\nreason: Started",
            List.of("involvedObject.namespace|FieldValueInvalid|Invalid value: \"other\": does"
                + " not match event.namespace")),
        new Case("an event about a cluster object may live in default", "events",
            NS + "involvedObject: {kind: Node, name: n1}\nreason: Starting", List.of()),
        new Case("a new-style event needs its reporting fields", "events",
            NS + "eventTime: '2024-01-01T00:00:00.000000Z'\n"
                + "involvedObject: {kind: Pod, name: p, namespace: default}", List.of(
                "reportingController|FieldValueRequired|Required value",
                "reportingController|FieldValueInvalid|Invalid value: \"\": name part must be"
                    + " non-empty",
                "reportingController|FieldValueInvalid|Invalid value: \"\": " + NAME_PART,
                "reportingInstance|FieldValueRequired|Required value",
                "action|FieldValueRequired|Required value",
                "reason|FieldValueRequired|Required value")),
        new Case("event reasons have at most 128 characters", "events",
            NS + "eventTime: '2024-01-01T00:00:00.000000Z'\n"
                + "involvedObject: {kind: Pod, name: p, namespace: default}\n"
                + "reportingComponent: kubelet\nreportingInstance: n1\naction: Started\n"
                + "reason: " + "r".repeat(129),
            List.of("reason|FieldValueInvalid|Invalid value: \"\": can have at most 128"
                + " characters")),
        new Case("endpoints need addresses", "endpoints",
            NS + "subsets: [{ports: [{port: 80}]}]",
            List.of("subsets[0]|FieldValueRequired|Required value: must specify `addresses` or"
                + " `notReadyAddresses`")),
        new Case("endpoint addresses are routable IPs", "endpoints",
            NS + "subsets: [{addresses: [{ip: 10.0.0.300}, {ip: 127.0.0.1}]}]", List.of(
                "subsets[0].addresses[0].ip|FieldValueInvalid|Invalid value: \"10.0.0.300\": "
                    + INVALID_IP,
                "subsets[0].addresses[0].ip|FieldValueInvalid|Invalid value: \"10.0.0.300\": must"
                    + " be a valid IP address",
                "subsets[0].addresses[1].ip|FieldValueInvalid|Invalid value: \"127.0.0.1\": may"
                    + " not be in the loopback range (127.0.0.0/8, ::1/128)")),
        new Case("several endpoint ports need names", "endpoints",
            NS + "subsets: [{addresses: [{ip: 10.0.0.3}], ports: [{port: 80}, {port: 81}]}]",
            List.of("subsets[0].ports[0].name|FieldValueRequired|Required value",
                "subsets[0].ports[1].name|FieldValueRequired|Required value")),
        new Case("a lease is valid", "leases",
            NS + "spec: {holderIdentity: n1, leaseDurationSeconds: 40}", List.of()),
        new Case("lease durations are positive", "leases",
            NS + "spec: {leaseDurationSeconds: 0, leaseTransitions: -1}", List.of(
                "spec.leaseDurationSeconds|FieldValueInvalid|Invalid value: 0: must be greater"
                    + " than 0",
                "spec.leaseTransitions|FieldValueInvalid|Invalid value: -1: must be greater than"
                    + " or equal to 0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validates(Case c) {
    ObjectNode obj = yaml(c.yaml());
    Defaulter.apply(type(c.plural()), obj);
    assertCauses(validator.validateCreate(type(c.plural()), obj), c.causes());
  }
}
