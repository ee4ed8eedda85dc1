package io.kubee.api.selector;

import static io.kubee.api.testing.Fixtures.type;
import static io.kubee.api.testing.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.errors.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class FieldSelectorTest {

  private static final String RUNNING_POD = """
      metadata: {name: web-1, namespace: default}
      spec: {nodeName: n1, restartPolicy: Always}
      status: {phase: Running, podIP: 10.0.0.2}
      """;

  record Case(String name, String plural, String selector, String object, boolean matches) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> matching() {
    return Stream.of(
        new Case("the name matches", "pods", "metadata.name=web-1", RUNNING_POD, true),
        new Case("double equals is equality", "pods", "metadata.name==web-1", RUNNING_POD, true),
        new Case("another name does not match", "pods", "metadata.name=web-2", RUNNING_POD, false),
        new Case("the namespace of a namespaced type matches", "pods",
            "metadata.namespace=default", RUNNING_POD, true),
        new Case("the node name matches", "pods", "spec.nodeName=n1", RUNNING_POD, true),
        new Case("kubectl describe node's selector matches a running pod", "pods",
            "spec.nodeName=n1,status.phase!=Succeeded,status.phase!=Failed", RUNNING_POD, true),
        new Case("an inequality on the actual value fails", "pods", "status.phase!=Running",
            RUNNING_POD, false),
        new Case("an absent string field equals the empty value", "pods",
            "status.nominatedNodeName=", RUNNING_POD, true),
        new Case("an absent boolean equals false", "pods", "spec.hostNetwork=false",
            RUNNING_POD, true),
        new Case("a present boolean compares as text", "nodes", "spec.unschedulable=true",
            "metadata: {name: n1}\nspec: {unschedulable: true}", true),
        new Case("a schedulable node has unschedulable false", "nodes",
            "spec.unschedulable=false", "metadata: {name: n1}", true),
        new Case("an absent number equals zero", "replicasets", "status.replicas=0",
            "metadata: {name: rs, namespace: default}", true),
        new Case("a present number compares as text", "replicasets", "status.replicas=3",
            "metadata: {name: rs, namespace: default}\nstatus: {replicas: 3}", true),
        new Case("event involved object fields are selectable", "events",
            "involvedObject.name=web-1,involvedObject.namespace=default,involvedObject.uid=u1",
            "metadata: {name: e, namespace: default}\n"
                + "involvedObject: {name: web-1, namespace: default, uid: u1}", true),
        new Case("event source means the source component", "events", "source=kubelet",
            "metadata: {name: e, namespace: default}\nsource: {component: kubelet}", true),
        new Case("an escaped comma is part of the value", "configmaps", "metadata.name=a\\,b",
            "metadata: {name: 'a,b', namespace: default}", true),
        new Case("an escaped equals sign is part of the value", "configmaps",
            "metadata.name=a\\=b", "metadata: {name: 'a=b', namespace: default}", true),
        new Case("an empty selector matches everything", "pods", "", RUNNING_POD, true),
        new Case("empty terms are ignored", "pods", "metadata.name=web-1,", RUNNING_POD, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  void matches(Case c) {
    ObjectNode object = yaml(c.object());
    assertThat(FieldSelector.parse(c.selector(), type(c.plural())).matches(object))
        .isEqualTo(c.matches());
  }

  record ErrorCase(String name, String plural, String selector, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ErrorCase> errors() {
    return Stream.of(
        new ErrorCase("a term without operator is reported", "pods", "spec.nodeName",
            "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'"),
        new ErrorCase("an unsupported label is reported", "pods", "spec.foo=x",
            "field label not supported: spec.foo"),
        new ErrorCase("namespaces cannot be selected by namespace", "namespaces",
            "metadata.namespace=x", "field label not supported: metadata.namespace"),
        new ErrorCase("nodes cannot be selected by namespace", "nodes", "metadata.namespace=x",
            "field label not supported: metadata.namespace"),
        new ErrorCase("labels are not trimmed, as in Kubernetes", "pods", "metadata.name = x",
            "field label not supported: metadata.name "),
        new ErrorCase("an unknown escape is reported", "pods", "metadata.name=a\\x",
            "invalid field selector: invalid escape sequence: \\x"),
        new ErrorCase("a trailing backslash is reported", "pods", "metadata.name=a\\",
            "invalid field selector: invalid escape sequence: \\"),
        new ErrorCase("an unescaped equals sign is reported as Go prints the rune", "pods",
            "metadata.name=a=b", "invalid field selector: unescaped character in value: 61"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void rejects(ErrorCase c) {
    assertThatThrownBy(() -> FieldSelector.parse(c.selector(), type(c.plural())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(c.message());
        });
  }

  record HelperCase(String name, String selector, String canonical, String exactName,
      String exactNode) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<HelperCase> helpers() {
    return Stream.of(
        new HelperCase("terms are sorted and values escaped",
            "status.phase!=Failed,metadata.name=a\\,b", "metadata.name=a\\,b,status.phase!=Failed",
            "a,b", null),
        new HelperCase("a node name equality is exact", "spec.nodeName=n1", "spec.nodeName=n1",
            null, "n1"),
        new HelperCase("an inequality is not exact", "metadata.name!=x", "metadata.name!=x", null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("helpers")
  void exposesTermsForCallers(HelperCase c) {
    FieldSelector selector = FieldSelector.parse(c.selector(), type("pods"));
    assertThat(selector).hasToString(c.canonical());
    assertThat(selector.exactName().orElse(null)).isEqualTo(c.exactName());
    assertThat(selector.exactValue("spec.nodeName").orElse(null)).isEqualTo(c.exactNode());
  }
}
