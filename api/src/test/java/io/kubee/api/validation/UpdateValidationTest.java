package io.kubee.api.validation;

import static io.kubee.api.testing.Fixtures.assertCauses;
import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;

import io.kubee.api.defaults.Defaulter;
import io.kubee.api.registry.ResourceType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class UpdateValidationTest {
  private static final String META = "metadata: {name: x, namespace: default}\n";
  private static final String POD = META + "spec: {containers: [{name: c, image: busybox}]";
  private final ObjectValidator validator = new ObjectValidator();

  record Case(String name, String plural, String old, String now, List<String> causes) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String pod(String extra) {
    return POD + (extra.isEmpty() ? "" : ", " + extra) + "}";
  }

  private static String deployment(String selector, String labels) {
    return META + "spec: {selector: {matchLabels: " + selector + "}, template: {metadata:"
        + " {labels: " + labels + "}, spec: {containers: [{name: c, image: busybox}]}}}";
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a pod's image may change", "pods",
            META + "spec: {containers: [{name: c, image: 'busybox:1.35'}]}",
            META + "spec: {containers: [{name: c, image: 'busybox:1.36'}]}", List.of()),
        new Case("a new image may not change the defaulted pull policy, as in Kubernetes", "pods",
            pod(""), META + "spec: {containers: [{name: c, image: 'busybox:1.36'}]}",
            List.of("spec|FieldValueForbidden|Forbidden: pod updates may not change fields other"
                + " than *\nspec.containers[0].imagePullPolicy: \"Always\" -> \"IfNotPresent\"")),
        new Case("a pod's labels may change", "pods", pod(""),
            "metadata: {name: x, namespace: default, labels: {a: b}}\n"
                + "spec: {containers: [{name: c, image: busybox}]}", List.of()),
        new Case("a pod's other spec fields may not change", "pods", pod(""),
            pod("restartPolicy: Never"),
            List.of("spec|FieldValueForbidden|Forbidden: pod updates may not change fields other"
                + " than `spec.containers[*].image`,`spec.initContainers[*].image`,"
                + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing"
                + " tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if"
                + " it was previously negative)\nspec.restartPolicy: \"Always\" -> \"Never\"")),
        new Case("containers may not be added to a pod", "pods", pod(""),
            META + "spec: {containers: [{name: c, image: busybox}, {name: d, image: busybox}]}",
            List.of("spec.containers|FieldValueForbidden|Forbidden: pod updates may not add or"
                + " remove containers")),
        new Case("the active deadline may only shrink", "pods", pod("activeDeadlineSeconds: 100"),
            pod("activeDeadlineSeconds: 200"),
            List.of("spec.activeDeadlineSeconds|FieldValueInvalid|Invalid value: 200: must be less"
                + " than or equal to previous value")),
        new Case("the active deadline may not be removed", "pods",
            pod("activeDeadlineSeconds: 100"), pod(""),
            List.of("spec.activeDeadlineSeconds|FieldValueInvalid|Invalid value: null: must not"
                + " update from a positive integer to nil value")),
        new Case("tolerations may be added", "pods",
            pod("tolerations: [{key: a, operator: Exists}]"),
            pod("tolerations: [{key: a, operator: Exists}, {key: b, operator: Exists}]"),
            List.of()),
        new Case("toleration seconds may change", "pods",
            pod("tolerations: [{key: a, operator: Exists, effect: NoExecute,"
                + " tolerationSeconds: 300}]"),
            pod("tolerations: [{key: a, operator: Exists, effect: NoExecute,"
                + " tolerationSeconds: 60}]"),
            List.of()),
        new Case("tolerations may not otherwise change", "pods",
            pod("tolerations: [{key: a, operator: Exists, effect: NoSchedule}]"),
            pod("tolerations: [{key: a, operator: Exists, effect: NoExecute}]"),
            List.of("spec.tolerations|FieldValueForbidden|Forbidden: existing toleration can not"
                + " be modified except its tolerationSeconds")),
        new Case("scheduling gates may only be removed", "pods",
            pod("schedulingGates: [{name: example.com/a}]"),
            pod("schedulingGates: [{name: example.com/a}, {name: example.com/b}]"),
            List.of("spec.schedulingGates[1].name|FieldValueForbidden|Forbidden: only deletion is"
                + " allowed, but found new scheduling gate 'example.com/b'")),
        new Case("a gated pod may gain node selector entries", "pods",
            pod("schedulingGates: [{name: example.com/a}], nodeSelector: {zone: a}"),
            pod("nodeSelector: {zone: a, disk: ssd}"), List.of()),
        new Case("no finalizer may be added to an object being deleted", "configmaps",
            "metadata: {name: x, namespace: default, deletionTimestamp: '2024-01-01T00:00:00Z',"
                + " finalizers: [a.io/x]}",
            "metadata: {name: x, namespace: default, deletionTimestamp: '2024-01-01T00:00:00Z',"
                + " finalizers: [a.io/x, b.io/y]}",
            List.of("metadata.finalizers|FieldValueForbidden|Forbidden: no new finalizers can be"
                + " added if the object is being deleted, found new finalizers"
                + " []string{\"b.io/y\"}")),
        new Case("a deployment may scale and change its image", "deployments",
            deployment("{app: web}", "{app: web}"),
            META + "spec: {replicas: 5, selector: {matchLabels: {app: web}}, template: {metadata:"
                + " {labels: {app: web}}, spec: {containers: [{name: c, image: 'busybox:2'}]}}}",
            List.of()),
        new Case("a deployment's selector may not change", "deployments",
            deployment("{app: web}", "{app: web, tier: fe}"),
            deployment("{app: web, tier: fe}", "{app: web, tier: fe}"),
            List.of("spec.selector|FieldValueInvalid|Invalid value:"
                + " {\"matchLabels\":{\"app\":\"web\",\"tier\":\"fe\"}}: field is immutable")),
        new Case("a replica set's selector may not change", "replicasets",
            deployment("{app: web}", "{app: web, tier: fe}"),
            deployment("{tier: fe}", "{app: web, tier: fe}"),
            List.of("spec.selector|FieldValueInvalid|Invalid value: {\"matchLabels\":{\"tier\":"
                + "\"fe\"}}: field is immutable")),
        new Case("a service's cluster IP may not change", "services",
            META + "spec: {clusterIP: 10.96.0.1, clusterIPs: [10.96.0.1], ports: [{port: 80}]}",
            META + "spec: {clusterIP: 10.96.0.2, clusterIPs: [10.96.0.2], ports: [{port: 80}]}",
            List.of("spec.clusterIPs[0]|FieldValueInvalid|Invalid value: [\"10.96.0.2\"]: may not"
                + " change once set")),
        new Case("a replaced service without its cluster IP keeps it", "services",
            META + "spec: {clusterIP: 10.96.0.1, clusterIPs: [10.96.0.1], ports: [{port: 80}]}",
            META + "spec: {ports: [{port: 80}, {name: b, port: 81}]}",
            List.of("spec.ports[0].name|FieldValueRequired|Required value")),
        new Case("an immutable configmap keeps its data", "configmaps",
            META + "immutable: true\ndata: {a: '1'}", META + "immutable: true\ndata: {a: '2'}",
            List.of("data|FieldValueForbidden|Forbidden: field is immutable when `immutable` is"
                + " set")),
        new Case("an immutable configmap stays immutable", "configmaps",
            META + "immutable: true\ndata: {a: '1'}", META + "immutable: false\ndata: {a: '1'}",
            List.of("immutable|FieldValueForbidden|Forbidden: field is immutable when `immutable`"
                + " is set")),
        new Case("a mutable configmap may change", "configmaps", META + "data: {a: '1'}",
            META + "data: {a: '2'}", List.of()),
        new Case("a secret's type may not change", "secrets", META + "type: Opaque",
            META + "type: example.com/custom",
            List.of("type|FieldValueInvalid|Invalid value: \"example.com/custom\": field is"
                + " immutable")),
        new Case("a node's pod CIDR may be set once", "nodes", "metadata: {name: n1}",
            "metadata: {name: n1}\nspec: {podCIDR: 10.244.1.0/24}", List.of()),
        new Case("a node's pod CIDR may not change", "nodes",
            "metadata: {name: n1}\nspec: {podCIDR: 10.244.1.0/24}",
            "metadata: {name: n1}\nspec: {podCIDR: 10.244.2.0/24}",
            List.of("spec.podCIDRs|FieldValueForbidden|Forbidden: node updates may not change"
                + " podCIDR except from \"\" to valid")),
        new Case("a node may be cordoned", "nodes", "metadata: {name: n1}",
            "metadata: {name: n1}\nspec: {unschedulable: true}", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesUpdates(Case c) {
    ResourceType type = type(c.plural());
    ObjectNode old = yaml(c.old());
    Defaulter.applyOnCreate(type, old);
    ObjectNode now = yaml(c.now());
    Defaulter.applyOnUpdate(type, now, old);
    assertCauses(validator.validateUpdate(type, now, old), c.causes());
  }
}
