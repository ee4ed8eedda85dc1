package io.kubee.api.validation;

import static io.kubee.api.testing.Fixtures.assertCauses;
import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static io.kubee.api.validation.Messages.DNS1035;
import static io.kubee.api.validation.Messages.LABEL_VALUE;
import static io.kubee.api.validation.Messages.NAME_PART;
import static io.kubee.api.validation.Messages.SUBDOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.errors.ApiException;
import io.kubee.api.errors.Errors;
import io.kubee.api.registry.ResourceType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class MetadataValidationTest {
  private final ObjectValidator validator = new ObjectValidator();

  record Case(String name, String plural, String yaml, List<String> causes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a plain configmap is valid", "configmaps",
            "metadata: {name: app-config, namespace: default, labels: {app: web}}", List.of()),
        new Case("a name is required", "configmaps", "metadata: {namespace: default}",
            List.of("metadata.name|FieldValueRequired|Required value: name or generateName is"
                + " required")),
        new Case("a generateName stands in for the name", "configmaps",
            "metadata: {generateName: app-, namespace: default}", List.of()),
        new Case("an invalid generateName is reported as given", "configmaps",
            "metadata: {generateName: Web-, namespace: default}",
            List.of("metadata.generateName|FieldValueInvalid|Invalid value: \"Web-\": "
                + SUBDOMAIN)),
        new Case("most names are DNS subdomains", "configmaps",
            "metadata: {name: My_Map, namespace: default}",
            List.of("metadata.name|FieldValueInvalid|Invalid value: \"My_Map\": " + SUBDOMAIN)),
        new Case("service names are DNS-1035 labels", "services", """
            metadata: {name: 1web, namespace: default}
            spec: {ports: [{port: 80}]}
            """, List.of("metadata.name|FieldValueInvalid|Invalid value: \"1web\": " + DNS1035)),
        new Case("namespace names are DNS labels", "namespaces", "metadata: {name: team.a}",
            List.of("metadata.name|FieldValueInvalid|Invalid value: \"team.a\": must not contain"
                + " dots")),
        new Case("event names only have to be path segments", "events-as-in-kubernetes",
            "metadata: {name: 'pod.17a/1', namespace: default}",
            List.of("metadata.name|FieldValueInvalid|Invalid value: \"pod.17a/1\": may not"
                + " contain '/'")),
        new Case("a namespaced object needs a namespace", "configmaps", "metadata: {name: a}",
            List.of("metadata.namespace|FieldValueRequired|Required value")),
        new Case("the namespace must be a DNS label", "configmaps",
            "metadata: {name: a, namespace: Prod}",
            List.of("metadata.namespace|FieldValueInvalid|Invalid value: \"Prod\": "
                + Messages.LABEL)),
        new Case("a cluster-scoped object may not have a namespace", "nodes",
            "metadata: {name: n1, namespace: default}",
            List.of("metadata.namespace|FieldValueForbidden|Forbidden: not allowed on this type")),
        new Case("label keys and values are checked", "configmaps",
            "metadata: {name: a, namespace: default, labels: {'a b': x, app: -bad}}",
            List.of("metadata.labels|FieldValueInvalid|Invalid value: \"a b\": " + NAME_PART,
                "metadata.labels|FieldValueInvalid|Invalid value: \"-bad\": " + LABEL_VALUE)),
        new Case("label values have at most 63 characters", "configmaps",
            "metadata: {name: a, namespace: default, labels: {app: " + "x".repeat(64) + "}}",
            List.of("metadata.labels|FieldValueInvalid|Invalid value: \"" + "x".repeat(64)
                + "\": must be no more than 63 characters")),
        new Case("annotation keys are qualified names in any case", "configmaps",
            "metadata: {name: a, namespace: default, annotations: {Example.COM/Key: v}}",
            List.of()),
        new Case("an annotation key with a bad prefix is reported", "configmaps",
            "metadata: {name: a, namespace: default, annotations: {'-x/key': v}}",
            List.of("metadata.annotations|FieldValueInvalid|Invalid value: \"-x/key\": prefix"
                + " part " + SUBDOMAIN)),
        new Case("annotations may total 256 KiB", "configmaps",
            "metadata: {name: a, namespace: default, annotations: {k: "
                + "x".repeat(256 * 1024) + "}}",
            List.of("metadata.annotations|FieldValueTooLong|Too long: may not be more than"
                + " 262144 bytes")),
        new Case("owner references need their four fields", "configmaps", """
            metadata:
              name: a
              namespace: default
              ownerReferences: [{apiVersion: '', kind: '', name: '', uid: ''}]
            """, List.of(
                "metadata.ownerReferences.apiVersion|FieldValueInvalid|Invalid value: \"\":"
                    + " version must not be empty",
                "metadata.ownerReferences.kind|FieldValueInvalid|Invalid value: \"\": kind must"
                    + " not be empty",
                "metadata.ownerReferences.name|FieldValueInvalid|Invalid value: \"\": name must"
                    + " not be empty",
                "metadata.ownerReferences.uid|FieldValueInvalid|Invalid value: \"\": uid must not"
                    + " be empty")),
        new Case("only one owner may be the controller", "pods", """
            metadata:
              name: a
              namespace: default
              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: a, uid: '1', controller: true}
              - {apiVersion: apps/v1, kind: ReplicaSet, name: b, uid: '2', controller: true}
            spec: {containers: [{name: c, image: busybox}]}
            """, List.of("metadata.ownerReferences|FieldValueInvalid|Invalid value: [*]: Only"
                + " one reference can have Controller set to true. Found \"true\" in references"
                + " for ReplicaSet/a and ReplicaSet/b")),
        new Case("events cannot own objects", "configmaps", """
            metadata:
              name: a
              namespace: default
              ownerReferences: [{apiVersion: v1, kind: Event, name: e, uid: '1'}]
            """, List.of("metadata.ownerReferences|FieldValueInvalid|Invalid value: {*}:"
                + " /v1, Kind=Event is disallowed from being an owner")),
        new Case("finalizers are qualified names Kubernetes knows", "configmaps",
            "metadata: {name: a, namespace: default, finalizers: [example.com/f, 'bad one',"
                + " kubernetes, custom]}",
            List.of("metadata.finalizers|FieldValueInvalid|Invalid value: \"bad one\": "
                    + NAME_PART,
                "metadata.finalizers[1]|FieldValueInvalid|Invalid value: \"bad one\": name is"
                    + " neither a standard finalizer name nor is it fully qualified",
                "metadata.finalizers[3]|FieldValueInvalid|Invalid value: \"custom\": name is"
                    + " neither a standard finalizer name nor is it fully qualified")),
        new Case("orphan and foreground deletion exclude each other", "configmaps",
            "metadata: {name: a, namespace: default, finalizers: [orphan, foregroundDeletion]}",
            List.of("metadata.finalizers|FieldValueInvalid|Invalid value:"
                + " [\"orphan\",\"foregroundDeletion\"]: finalizer orphan and foregroundDeletion"
                + " cannot be both set")),
        new Case("the generation may not be negative", "configmaps",
            "metadata: {name: a, namespace: default, generation: -1}",
            List.of("metadata.generation|FieldValueInvalid|Invalid value: -1: must be greater"
                + " than or equal to 0")),
        new Case("service accounts are checked for metadata only", "serviceaccounts",
            "metadata: {name: Builder, namespace: default}",
            List.of("metadata.name|FieldValueInvalid|Invalid value: \"Builder\": " + SUBDOMAIN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesMetadata(Case c) {
    ResourceType type = c.plural().equals("events-as-in-kubernetes") ? pathSegmentEvents()
        : type(c.plural());
    ObjectNode obj = yaml(c.yaml());
    io.kubee.api.defaults.Defaulter.apply(type, obj);
    assertCauses(validator.validateCreate(type, obj), c.causes());
  }

  /** core/v1 Events as Kubernetes names them: any path segment (the registry has subdomains). */
  private static ResourceType pathSegmentEvents() {
    return ResourceType.builder("", "v1", "Event", "events")
        .nameRule(ResourceType.NameRule.PATH_SEGMENT).build();
  }

  @Test
  void causesMakeKubernetesInvalidStatus() {
    ObjectNode cm = yaml("metadata: {name: a, namespace: default, labels: {app: -x}}");
    ApiException e = Errors.invalid("", "ConfigMap", "a",
        validator.validateCreate(type("configmaps"), cm));
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage()).isEqualTo("ConfigMap \"a\" is invalid: metadata.labels: Invalid"
        + " value: \"-x\": " + LABEL_VALUE);
  }
}
