package io.kubee.api.validation;

import static io.kubee.api.testing.Fixtures.assertCauses;
import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubee.api.defaults.Defaulter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Defaults and validation of ReplicationControllers, EndpointSlices and HPAs. */
class ControllerKindsTest {
  private final ObjectValidator validator = new ObjectValidator();

  record Case(String name, String plural, String yaml, List<String> causes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a replication controller takes its selector from its template", "replicationcontrollers", """
            metadata: {name: web, namespace: default}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: nginx}]}
            """, List.of()),
        new Case("a replication controller's template must match its selector", "replicationcontrollers", """
            metadata: {name: web, namespace: default}
            spec:
              replicas: -1
              selector: {app: other}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: nginx}]}
            """, List.of(
                "spec.replicas|FieldValueInvalid|Invalid value: -1: must be greater than or equal to 0",
                "spec.template.metadata.labels|FieldValueInvalid|Invalid value: {*}: `selector`"
                    + " does not match template `labels`")),
        new Case("a replication controller needs a template", "replicationcontrollers",
            "metadata: {name: web, namespace: default}\nspec: {selector: {app: web}}",
            List.of("spec.template|FieldValueRequired|Required value")),
        new Case("an endpoint slice is valid", "endpointslices", """
            metadata: {name: web-abc, namespace: default}
            addressType: IPv4
            endpoints: [{addresses: [10.0.0.1], conditions: {ready: true}}]
            ports: [{name: http, port: 80}]
            """, List.of()),
        new Case("an endpoint slice checks its address type and addresses", "endpointslices", """
            metadata: {name: web-abc, namespace: default}
            addressType: IPv4
            endpoints: [{addresses: ['fd00::1']}, {addresses: []}]
            ports: [{port: 0, protocol: HTTP}]
            """, List.of(
                "endpoints[0].addresses[0]|FieldValueInvalid|Invalid value: \"fd00::1\": must be"
                    + " a valid IPv4 address",
                "endpoints[1].addresses|FieldValueRequired|Required value: must contain at least"
                    + " 1 address",
                "ports[0].protocol|FieldValueNotSupported|Unsupported value: \"HTTP\": supported"
                    + " values: \"TCP\", \"UDP\", \"SCTP\"",
                "ports[0].port|FieldValueInvalid|Invalid value: 0: must be between 1 and 65535,"
                    + " inclusive")),
        new Case("an endpoint slice needs an address type", "endpointslices",
            "metadata: {name: web-abc, namespace: default}\nendpoints: []",
            List.of("addressType|FieldValueRequired|Required value")),
        new Case("an autoscaler is valid", "horizontalpodautoscalers", """
            metadata: {name: web, namespace: default}
            spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 5}
            """, List.of()),
        new Case("an autoscaler needs a target and sane bounds", "horizontalpodautoscalers", """
            metadata: {name: web, namespace: default}
            spec: {scaleTargetRef: {}, minReplicas: 3, maxReplicas: 2}
            """, List.of(
                "spec.scaleTargetRef.kind|FieldValueRequired|Required value",
                "spec.scaleTargetRef.name|FieldValueRequired|Required value",
                "spec.maxReplicas|FieldValueInvalid|Invalid value: 2: must be greater than or"
                    + " equal to `minReplicas`")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validates(Case c) {
    ObjectNode obj = yaml(c.yaml());
    Defaulter.apply(type(c.plural()), obj);
    assertCauses(validator.validateCreate(type(c.plural()), obj), c.causes());
  }

  @Test
  void aReplicationControllerIsDefaultedFromItsTemplate() {
    ObjectNode rc = yaml("""
        metadata: {name: web}
        spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: x}]}}}
        """);
    Defaulter.apply(type("replicationcontrollers"), rc);
    assertThat(rc.at("/spec/selector").toString()).isEqualTo("{\"app\":\"web\"}");
    assertThat(rc.at("/metadata/labels").toString()).isEqualTo("{\"app\":\"web\"}");
    assertThat(rc.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(rc.at("/spec/template/spec/restartPolicy").asString()).isEqualTo("Always");
  }

  @Test
  void anAutoscalerDefaultsToEightyPercentCpuAndOneReplica() {
    ObjectNode hpa = yaml("""
        metadata: {name: web}
        spec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 4, behavior: {scaleDown: {}}}
        """);
    Defaulter.apply(type("horizontalpodautoscalers"), hpa);
    assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(1);
    assertThat(hpa.at("/spec/metrics/0").toString()).isEqualTo("{\"type\":\"Resource\","
        + "\"resource\":{\"name\":\"cpu\",\"target\":{\"type\":\"Utilization\","
        + "\"averageUtilization\":80}}}");
    assertThat(hpa.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt())
        .isEqualTo(300);
    assertThat(hpa.at("/spec/behavior/scaleUp/policies").size()).isEqualTo(2);
  }

  @Test
  void endpointSlicePortsDefaultToTcp() {
    ObjectNode slice = yaml("metadata: {name: s}\naddressType: IPv4\nports: [{port: 80}]");
    Defaulter.apply(type("endpointslices"), slice);
    assertThat(slice.at("/ports/0").toString())
        .isEqualTo("{\"port\":80,\"protocol\":\"TCP\",\"name\":\"\"}");
  }
}
