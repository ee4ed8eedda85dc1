package io.kubee.api.apply;

import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.schema.ModelSchema;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fields an object sets under its kind's schema: what an applier owns for its
 * configuration, with Kubernetes' list and map types.
 */
class ObjectFieldsTest {

  record Case(String name, String plural, String object, String fieldsV1) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("scalars are leaves and structs with content stand for nothing themselves",
            "deployments", "{spec: {replicas: 3, paused: false}}",
            "{\"f:spec\":{\"f:paused\":{},\"f:replicas\":{}}}"),
        new Case("labels are a granular map: each key is owned, the map is not",
            "deployments", "{metadata: {labels: {app: web, tier: front}}}",
            "{\"f:metadata\":{\"f:labels\":{\"f:app\":{},\"f:tier\":{}}}}"),
        new Case("a label selector is an atomic struct, owned whole",
            "deployments", "{spec: {selector: {matchLabels: {app: web}}}}",
            "{\"f:spec\":{\"f:selector\":{}}}"),
        new Case("containers are a list-map by name: element and fields owned",
            "pods", "{spec: {containers: [{name: web, image: nginx}, {name: log, image: busybox}]}}",
            "{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"log\\\"}\":{\".\":{},"
                + "\"f:image\":{},\"f:name\":{}},\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},"
                + "\"f:image\":{},\"f:name\":{}}}}}"),
        new Case("a port without a protocol is keyed with the schema's default TCP",
            "pods", "{spec: {containers: [{name: web, ports: [{containerPort: 80}]}]}}",
            "{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},"
                + "\"f:name\":{},\"f:ports\":{\"k:{\\\"containerPort\\\":80,"
                + "\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:containerPort\":{}}}}}}}"),
        new Case("finalizers are a set: each value is owned",
            "configmaps", "{metadata: {finalizers: [a.io/x, b.io/y]}}",
            "{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"a.io/x\\\"\":{},"
                + "\"v:\\\"b.io/y\\\"\":{}}}}"),
        new Case("tolerations are an atomic list, owned as one leaf",
            "pods", "{spec: {tolerations: [{key: a, operator: Exists}]}}",
            "{\"f:spec\":{\"f:tolerations\":{}}}"),
        new Case("a node selector is an atomic map",
            "pods", "{spec: {nodeSelector: {disk: ssd}}}",
            "{\"f:spec\":{\"f:nodeSelector\":{}}}"),
        new Case("owner references are a list-map by uid of atomic elements",
            "configmaps",
            "{metadata: {ownerReferences: [{uid: u1, kind: ReplicaSet, name: rs, apiVersion: apps/v1}]}}",
            "{\"f:metadata\":{\"f:ownerReferences\":{\"k:{\\\"uid\\\":\\\"u1\\\"}\":{}}}}"),
        new Case("empty structs and nulls are owned as themselves",
            "pods", "{spec: {securityContext: {}, nodeName: null}}",
            "{\"f:spec\":{\"f:nodeName\":{},\"f:securityContext\":{}}}"),
        new Case("configmap data keys are owned one by one",
            "configmaps", "{data: {a: '1', b: '2'}}",
            "{\"f:data\":{\"f:a\":{},\"f:b\":{}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ownsTheFieldsKubernetesWouldRecord(Case c) {
    assertThat(ObjectFields.of(yaml(c.object()), type(c.plural())).toJson())
        .isEqualTo(c.fieldsV1());
  }

  record Invalid(String name, String object, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Invalid> invalid() {
    return Stream.of(
        new Invalid("an undeclared field", "{spec: {replicaz: 1}}",
            ".spec.replicaz: field not declared in schema"),
        new Invalid("a list where a map belongs", "{spec: {template: []}}",
            ".spec.template: expected map, got list"),
        new Invalid("a container without a name",
            "{spec: {template: {spec: {containers: [{image: nginx}]}}}}",
            ".spec.template.spec.containers: element 0: associative list with keys has an "
                + "element that omits all key fields [\"name\"] (and doesn't have default "
                + "values for any key fields)"),
        new Invalid("two containers of one name",
            "{spec: {template: {spec: {containers: [{name: a}, {name: a}]}}}}",
            ".spec.template.spec.containers: duplicate entries for key [name=\"a\"]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void aConfigurationMustFitTheSchema(Invalid c) {
    Shape root = Shape.of(ModelSchema.forKind(type("deployments")));
    assertThatThrownBy(() -> ObjectFields.of(yaml(c.object()), root, true))
        .isInstanceOf(ObjectFields.SchemaError.class).hasMessage(c.message());
  }
}
