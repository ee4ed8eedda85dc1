package io.kubee.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.protobuf.MessageTable.Field;
import io.kubee.api.protobuf.MessageTable.Kind;
import io.kubee.api.protobuf.MessageTable.Shape;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageTableTest {
  private static final MessageTable TABLE = MessageTable.kubernetes();

  @Test
  void coversEveryObjectKubectlSendsAsProtobuf() {
    assertThat(TABLE.kinds()).containsExactlyInAnyOrder(
        "v1 Namespace", "v1 ConfigMap", "v1 Secret", "v1 Service", "v1 ServiceAccount",
        "v1 ResourceQuota", "apps/v1 Deployment", "batch/v1 Job", "batch/v1 CronJob",
        "rbac.authorization.k8s.io/v1 Role", "rbac.authorization.k8s.io/v1 RoleBinding",
        "rbac.authorization.k8s.io/v1 ClusterRole",
        "rbac.authorization.k8s.io/v1 ClusterRoleBinding", "networking.k8s.io/v1 Ingress",
        "policy/v1 PodDisruptionBudget", "scheduling.k8s.io/v1 PriorityClass",
        "authentication.k8s.io/v1 TokenRequest", "authentication.k8s.io/v1 SelfSubjectReview",
        "authorization.k8s.io/v1 SelfSubjectAccessReview",
        "authorization.k8s.io/v1 SelfSubjectRulesReview");
  }

  record FieldCase(String message, int number, String jsonName, Shape shape, String type,
      boolean omitEmpty) {
    @Override
    public String toString() {
      return message + " field " + number + " is " + jsonName;
    }
  }

  /** Spot checks of the table against k8s.io/api v0.32.4 generated.proto and types.go. */
  static Stream<FieldCase> upstreamFacts() {
    return Stream.of(
        new FieldCase("meta/v1.ObjectMeta", 1, "name", Shape.VALUE, "string", true),
        new FieldCase("meta/v1.ObjectMeta", 8, "creationTimestamp", Shape.VALUE, "meta/v1.Time",
            true),
        new FieldCase("meta/v1.ObjectMeta", 11, "labels", Shape.MAP, "string", true),
        new FieldCase("meta/v1.ObjectMeta", 13, "ownerReferences", Shape.REPEATED,
            "meta/v1.OwnerReference", true),
        new FieldCase("meta/v1.ObjectMeta", 17, "managedFields", Shape.REPEATED,
            "meta/v1.ManagedFieldsEntry", true),
        new FieldCase("meta/v1.OwnerReference", 5, "apiVersion", Shape.VALUE, "string", false),
        new FieldCase("apps/v1.DeploymentSpec", 1, "replicas", Shape.POINTER, "int32", true),
        new FieldCase("apps/v1.DeploymentSpec", 2, "selector", Shape.POINTER,
            "meta/v1.LabelSelector", false),
        new FieldCase("apps/v1.DeploymentSpec", 9, "progressDeadlineSeconds", Shape.POINTER,
            "int32", true),
        new FieldCase("core/v1.Secret", 2, "data", Shape.MAP, "[]byte", true),
        new FieldCase("core/v1.ConfigMap", 3, "binaryData", Shape.MAP, "[]byte", true),
        new FieldCase("core/v1.ServicePort", 4, "targetPort", Shape.VALUE, "intstr.IntOrString",
            true),
        new FieldCase("core/v1.ResourceRequirements", 1, "limits", Shape.MAP,
            "resource.Quantity", true),
        new FieldCase("core/v1.PodSpec", 2, "containers", Shape.REPEATED, "core/v1.Container",
            false),
        new FieldCase("core/v1.PodSpec", 21, "automountServiceAccountToken", Shape.POINTER,
            "bool", true),
        new FieldCase("core/v1.Container", 8, "resources", Shape.VALUE,
            "core/v1.ResourceRequirements", true),
        new FieldCase("batch/v1.JobSpec", 7, "backoffLimit", Shape.POINTER, "int32", true),
        new FieldCase("rbac/v1.PolicyRule", 1, "verbs", Shape.REPEATED, "string", false),
        new FieldCase("authentication/v1.TokenRequestSpec", 4, "expirationSeconds",
            Shape.POINTER, "int64", false),
        new FieldCase("authentication/v1.UserInfo", 4, "extra", Shape.MAP,
            "authentication/v1.ExtraValue", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upstreamFacts")
  void holdsTheUpstreamFieldFacts(FieldCase c) {
    Field field = TABLE.message(c.message()).field(c.number());

    assertThat(field.jsonName()).isEqualTo(c.jsonName());
    assertThat(field.shape()).isEqualTo(c.shape());
    assertThat(field.type().toString()).isEqualTo(c.type());
    assertThat(field.omitEmpty()).isEqualTo(c.omitEmpty());
  }

  @Test
  void embeddedStructsAreInline() {
    Field volumeSource = TABLE.message("core/v1.Volume").field(2);
    Field handler = TABLE.message("core/v1.Probe").field(1);

    assertThat(volumeSource.inline()).isTrue();
    assertThat(volumeSource.type().name()).isEqualTo("core/v1.VolumeSource");
    assertThat(handler.inline()).isTrue();
    assertThat(handler.type().kind()).isEqualTo(Kind.MESSAGE);
  }

  @Test
  void rootsAreFoundByApiVersionAndKind() {
    assertThat(TABLE.root("apps/v1", "Deployment")).get()
        .extracting(MessageTable.Message::name).isEqualTo("apps/v1.Deployment");
    assertThat(TABLE.root("v1", "Deployment")).isEmpty();
    assertThat(TABLE.root("v1", "Pod")).isEmpty();
  }

  record BrokenTable(String name, List<String> lines, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<BrokenTable> brokenTables() {
    return Stream.of(
        new BrokenTable("an undefined message",
            List.of("message a.A", "  1 b,omitempty a.B"),
            "t: a.A.b refers to a.B, which the table does not define"),
        new BrokenTable("a kind without its message", List.of("kind v1 X a.X"),
            "t: kind v1 X is message a.X, which the table does not define"),
        new BrokenTable("a field number used twice",
            List.of("message a.A", "  1 b string", "  1 c string"),
            "t: message a.A has field 1 twice"),
        new BrokenTable("a message declared twice", List.of("message a.A", "message a.A"),
            "t:2: message a.A declared twice"),
        new BrokenTable("a json tag with another option",
            List.of("message a.A", "  1 b,string string"),
            "t:2: json tag \"b,string\" is neither name[,omitempty] nor ,inline"),
        new BrokenTable("an inline pointer",
            List.of("message a.A", "  1 ,inline *a.A"),
            "t:2: only a struct value can be inline, not *a.A"),
        new BrokenTable("a field number out of range",
            List.of("message a.A", "  536870912 b string"),
            "t:2: field number 536870912 out of range"),
        new BrokenTable("a struct that holds itself by value",
            List.of("message a.A", "  1 b a.B", "message a.B", "  1 ,inline a.A"),
            "t: message a.A holds itself by value (a.A > a.B > a.A)"),
        new BrokenTable("a field outside any message", List.of("  1 b string"),
            "t:1: cannot read \"1 b string\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenTables")
  void refusesATableThatDoesNotHoldTogether(BrokenTable c) {
    assertThatThrownBy(() -> MessageTable.parse("t", c.lines()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(c.message());
  }
}
