package io.kubee.api.validation;

import static io.kubee.api.testing.Fixtures.assertCauses;
import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static io.kubee.api.validation.Messages.INVALID_IP;
import static io.kubee.api.validation.Messages.PORT_RANGE;
import static io.kubee.api.validation.Messages.SUBDOMAIN;

import io.kubee.api.defaults.Defaulter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class ServiceValidationTest {
  private static final String PORTS = "ports: [{port: 80}]";
  private final ObjectValidator validator = new ObjectValidator();

  record Case(String name, String spec, List<String> causes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a cluster IP service is valid", "{selector: {app: web}, " + PORTS + "}",
            List.of()),
        new Case("ports are required", "{selector: {app: web}}",
            List.of("spec.ports|FieldValueRequired|Required value")),
        new Case("a headless service needs no ports", "{clusterIP: None, selector: {app: web}}",
            List.of()),
        new Case("an external name service needs no ports",
            "{type: ExternalName, externalName: db.example.com.}", List.of()),
        new Case("an external name must be a DNS name",
            "{type: ExternalName, externalName: 'Bad_Name.'}",
            List.of("spec.externalName|FieldValueInvalid|Invalid value: \"Bad_Name\": "
                + SUBDOMAIN)),
        new Case("an external name is required", "{type: ExternalName}",
            List.of("spec.externalName|FieldValueRequired|Required value")),
        new Case("several ports need names", "{ports: [{port: 80}, {port: 443}]}", List.of(
            "spec.ports[0].name|FieldValueRequired|Required value",
            "spec.ports[1].name|FieldValueRequired|Required value")),
        new Case("port numbers and target ports are checked",
            "{ports: [{name: a, port: 0, targetPort: HTTP}]}", List.of(
                "spec.ports[0].port|FieldValueInvalid|Invalid value: 0: " + PORT_RANGE,
                "spec.ports[0].targetPort|FieldValueInvalid|Invalid value: \"HTTP\": must contain"
                    + " only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "spec.ports[0].targetPort|FieldValueInvalid|Invalid value: \"HTTP\": must contain"
                    + " at least one letter (a-z)")),
        new Case("the type is an enumeration", "{type: Internal, " + PORTS + "}",
            List.of("spec.type|FieldValueNotSupported|Unsupported value: \"Internal\": supported"
                + " values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")),
        new Case("node ports are not for cluster IP services",
            "{ports: [{port: 80, nodePort: 30080}]}",
            List.of("spec.ports[0].nodePort|FieldValueForbidden|Forbidden: may not be used when"
                + " `type` is 'ClusterIP'")),
        new Case("node ports come from the node port range",
            "{type: NodePort, ports: [{port: 80, nodePort: 80}]}",
            List.of("spec.ports[0].nodePort|FieldValueInvalid|Invalid value: 80: provided port is"
                + " not in the valid range. The range of valid ports is 30000-32767")),
        new Case("a node port service in range is valid",
            "{type: NodePort, ports: [{port: 80, nodePort: 30080}]}", List.of()),
        new Case("session affinity is an enumeration", "{sessionAffinity: Sticky, " + PORTS + "}",
            List.of("spec.sessionAffinity|FieldValueNotSupported|Unsupported value: \"Sticky\":"
                + " supported values: \"ClientIP\", \"None\"")),
        new Case("client IP affinity timeouts are bounded",
            "{sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 0}},"
                + " " + PORTS + "}",
            List.of("spec.sessionAffinityConfig.clientIP.timeoutSeconds|FieldValueInvalid|Invalid"
                + " value: 0: must be greater than 0 and less than 86400")),
        new Case("the same port and protocol may not repeat",
            "{ports: [{name: a, port: 80}, {name: b, port: 80}]}",
            List.of("spec.ports[1]|FieldValueDuplicate|Duplicate value:"
                + " {\"port\":80,\"protocol\":\"TCP\"}")),
        new Case("the same port may serve two protocols",
            "{ports: [{name: a, port: 53}, {name: b, port: 53, protocol: UDP}]}", List.of()),
        new Case("cluster IPs must be IPs", "{clusterIP: 10.0.0.300, " + PORTS + "}",
            List.of("spec.clusterIPs[0]|FieldValueInvalid|Invalid value: \"10.0.0.300\": "
                + INVALID_IP)),
        new Case("cluster IP and cluster IPs must agree",
            "{clusterIP: 10.0.0.1, clusterIPs: [10.0.0.2], " + PORTS + "}",
            List.of("spec.clusterIPs|FieldValueInvalid|Invalid value: [\"10.0.0.2\"]: first value"
                + " must match `clusterIP`")),
        new Case("two cluster IPs need two families",
            "{clusterIP: 10.0.0.1, clusterIPs: [10.0.0.1, 10.0.0.2], ipFamilyPolicy:"
                + " RequireDualStack, " + PORTS + "}",
            List.of("spec.clusterIPs|FieldValueInvalid|Invalid value: [\"10.0.0.1\",\"10.0.0.2\"]:"
                + " may specify no more than one IP for each IP family")),
        new Case("external IPs may not be loopback", "{externalIPs: [127.0.0.1], " + PORTS + "}",
            List.of("spec.externalIPs[0]|FieldValueInvalid|Invalid value: \"127.0.0.1\": may not"
                + " be in the loopback range (127.0.0.0/8, ::1/128)")),
        new Case("a load balancer may not be headless",
            "{type: LoadBalancer, clusterIP: None, " + PORTS + "}",
            List.of("spec.clusterIPs[0]|FieldValueInvalid|Invalid value: \"None\": may not be set"
                + " to 'None' for LoadBalancer services")),
        new Case("external traffic policy is only for external services",
            "{externalTrafficPolicy: Local, " + PORTS + "}",
            List.of("spec.externalTrafficPolicy|FieldValueInvalid|Invalid value: \"Local\": may"
                + " only be set for externally-accessible services")),
        new Case("selector labels are checked", "{selector: {app: -web}, " + PORTS + "}",
            List.of("spec.selector|FieldValueInvalid|Invalid value: \"-web\": "
                + Messages.LABEL_VALUE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesServices(Case c) {
    ObjectNode svc = yaml("metadata: {name: web, namespace: default}\nspec: " + c.spec());
    Defaulter.apply(type("services"), svc);
    assertCauses(validator.validateCreate(type("services"), svc), c.causes());
  }
}
