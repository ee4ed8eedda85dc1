package io.kubee.api.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

/**
 * The {@code FieldsV1} format and the set algebra of structured-merge-diff's
 * {@code fieldpath} package: sets written by Kubernetes 1.32 read back and serialize to the
 * same bytes, and the operations server-side apply builds on.
 */
class FieldSetTest {

  record RoundTrip(String name, String fieldsV1) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Sets as Kubernetes 1.32 stores them for a Deployment and its neighbours. */
  static Stream<RoundTrip> kubernetesWritten() {
    return Stream.of(
        new RoundTrip("kubectl create deployment's Update entry",
            "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{"
                + "\"f:progressDeadlineSeconds\":{},\"f:replicas\":{},"
                + "\"f:revisionHistoryLimit\":{},\"f:selector\":{},\"f:strategy\":{"
                + "\"f:rollingUpdate\":{\".\":{},\"f:maxSurge\":{},\"f:maxUnavailable\":{}},"
                + "\"f:type\":{}},\"f:template\":{\"f:metadata\":{\"f:labels\":{\".\":{},"
                + "\"f:app\":{}}},\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":"
                + "{\".\":{},\"f:image\":{},\"f:imagePullPolicy\":{},\"f:name\":{},"
                + "\"f:resources\":{},\"f:terminationMessagePath\":{},"
                + "\"f:terminationMessagePolicy\":{}}},\"f:dnsPolicy\":{},"
                + "\"f:restartPolicy\":{},\"f:schedulerName\":{},\"f:securityContext\":{},"
                + "\"f:terminationGracePeriodSeconds\":{}}}}}"),
        new RoundTrip("the deployment controller's status entry with conditions by type",
            "{\"f:metadata\":{\"f:annotations\":{\".\":{},"
                + "\"f:deployment.kubernetes.io/revision\":{}}},\"f:status\":{"
                + "\"f:availableReplicas\":{},\"f:conditions\":{\".\":{},"
                + "\"k:{\\\"type\\\":\\\"Available\\\"}\":{\".\":{},\"f:lastTransitionTime\":{},"
                + "\"f:lastUpdateTime\":{},\"f:message\":{},\"f:reason\":{},\"f:status\":{},"
                + "\"f:type\":{}},\"k:{\\\"type\\\":\\\"Progressing\\\"}\":{\".\":{},"
                + "\"f:lastTransitionTime\":{},\"f:lastUpdateTime\":{},\"f:message\":{},"
                + "\"f:reason\":{},\"f:status\":{},\"f:type\":{}}},\"f:observedGeneration\":{},"
                + "\"f:readyReplicas\":{},\"f:replicas\":{},\"f:updatedReplicas\":{}}}"),
        new RoundTrip("kubectl apply --server-side's Apply entry with a two-key port",
            "{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},\"f:spec\":{\"f:replicas\":{},"
                + "\"f:selector\":{},\"f:template\":{\"f:metadata\":{\"f:labels\":{"
                + "\"f:app\":{}}},\"f:spec\":{\"f:containers\":{"
                + "\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{},"
                + "\"f:ports\":{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{"
                + "\".\":{},\"f:containerPort\":{}}}}}}}}}"),
        new RoundTrip("kubectl client-side apply's entry with the last-applied annotation",
            "{\"f:metadata\":{\"f:annotations\":{\".\":{},"
                + "\"f:kubectl.kubernetes.io/last-applied-configuration\":{}}},"
                + "\"f:spec\":{\"f:replicas\":{}}}"),
        new RoundTrip("finalizers as a set of values",
            "{\"f:metadata\":{\"f:finalizers\":{\".\":{},\"v:\\\"example.com/a\\\"\":{},"
                + "\"v:\\\"example.com/b\\\"\":{}}}}"),
        new RoundTrip("an atomic list owned as one leaf",
            "{\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:tolerations\":{}}}}}"),
        new RoundTrip("service ports keyed by port and protocol, ordered by number",
            "{\"f:spec\":{\"f:ports\":{\".\":{},"
                + "\"k:{\\\"port\\\":9,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:port\":{}},"
                + "\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:port\":{}},"
                + "\"k:{\\\"port\\\":443,\\\"protocol\\\":\\\"UDP\\\"}\":{\".\":{},"
                + "\"f:port\":{}}}}}"),
        new RoundTrip("a label with HTML characters escaped as Go escapes them",
            "{\"f:metadata\":{\"f:labels\":{\"f:a\\u0026b\\u003cc\\u003e\":{}}}}"),
        new RoundTrip("the empty set", "{}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubernetesWritten")
  void kubernetesWrittenSetsRoundTripByteForByte(RoundTrip c) {
    FieldSet set = FieldSet.parse(c.fieldsV1());
    assertThat(set.toJson()).isEqualTo(c.fieldsV1());
    assertThat(FieldSet.fromJson(set.toJsonNode())).isEqualTo(set);
  }

  record Parsed(String name, String fieldsV1, List<String> paths, String canonical) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Parsed> parsing() {
    return Stream.of(
        new Parsed("a leaf is a member",
            "{\"f:spec\":{\"f:replicas\":{}}}", List.of(".spec.replicas"),
            "{\"f:spec\":{\"f:replicas\":{}}}"),
        new Parsed("a dot makes a parent a member too",
            "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}}}",
            List.of(".metadata.labels", ".metadata.labels.app"),
            "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}}}"),
        new Parsed("keys come back in SMD's order: fields, keys, values",
            "{\"v:\\\"x\\\"\":{},\"k:{\\\"name\\\":\\\"a\\\"}\":{},\"f:z\":{},\"f:a\":{}}",
            List.of(".a", ".z", "[name=\"a\"]", "[=\"x\"]"),
            "{\"f:a\":{},\"f:z\":{},\"k:{\\\"name\\\":\\\"a\\\"}\":{},\"v:\\\"x\\\"\":{}}"),
        new Parsed("list-map key fields are sorted by name",
            "{\"k:{\\\"protocol\\\":\\\"TCP\\\",\\\"containerPort\\\":80}\":{}}",
            List.of("[containerPort=80,protocol=\"TCP\"]"),
            "{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{}}"),
        new Parsed("a dot after the children is read the same",
            "{\"f:a\":{\"f:b\":{},\".\":{}}}", List.of(".a", ".a.b"),
            "{\"f:a\":{\".\":{},\"f:b\":{}}}"),
        new Parsed("keys of unknown types are dropped",
            "{\"x:what\":{},\"f:a\":{}}", List.of(".a"), "{\"f:a\":{}}"),
        new Parsed("indexes of atomic lists",
            "{\"f:args\":{\"i:1\":{},\"i:0\":{}}}", List.of(".args[0]", ".args[1]"),
            "{\"f:args\":{\"i:0\":{},\"i:1\":{}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsing")
  void parsesIntoPathsAndSerializesCanonically(Parsed c) {
    FieldSet set = FieldSet.parse(c.fieldsV1());
    assertThat(set.paths()).extracting(Path::toString).containsExactlyElementsOf(c.paths());
    assertThat(set.toJson()).isEqualTo(c.canonical());
  }

  @Test
  void malformedFieldsV1IsRefused() {
    assertThatThrownBy(() -> FieldSet.parse("{\"f:a\":1}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldSet.parse("{\"k:{oops\":{}}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldSet.parse("[]")).isInstanceOf(IllegalArgumentException.class);
  }

  record Algebra(String name, String left, String right, String union, String intersection,
      String difference, String recursiveDifference) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Algebra> algebra() {
    return Stream.of(
        new Algebra("disjoint leaves",
            "{\"f:a\":{}}", "{\"f:b\":{}}",
            "{\"f:a\":{},\"f:b\":{}}", "{}", "{\"f:a\":{}}", "{\"f:a\":{}}"),
        new Algebra("a shared leaf and one of each",
            "{\"f:spec\":{\"f:a\":{},\"f:b\":{}}}", "{\"f:spec\":{\"f:b\":{},\"f:c\":{}}}",
            "{\"f:spec\":{\"f:a\":{},\"f:b\":{},\"f:c\":{}}}", "{\"f:spec\":{\"f:b\":{}}}",
            "{\"f:spec\":{\"f:a\":{}}}", "{\"f:spec\":{\"f:a\":{}}}"),
        new Algebra("parent minus child is the parent; recursive difference removes below",
            "{\"f:labels\":{\".\":{},\"f:app\":{}}}", "{\"f:labels\":{}}",
            "{\"f:labels\":{\".\":{},\"f:app\":{}}}", "{\"f:labels\":{}}",
            "{\"f:labels\":{\"f:app\":{}}}", "{}"),
        new Algebra("child minus parent is the child",
            "{\"f:labels\":{\"f:app\":{}}}", "{\"f:labels\":{\".\":{},\"f:app\":{}}}",
            "{\"f:labels\":{\".\":{},\"f:app\":{}}}", "{\"f:labels\":{\"f:app\":{}}}",
            "{}", "{}"),
        new Algebra("list-map elements by key",
            "{\"f:c\":{\"k:{\\\"name\\\":\\\"a\\\"}\":{\".\":{},\"f:image\":{}},"
                + "\"k:{\\\"name\\\":\\\"b\\\"}\":{\".\":{}}}}",
            "{\"f:c\":{\"k:{\\\"name\\\":\\\"a\\\"}\":{\"f:image\":{}}}}",
            "{\"f:c\":{\"k:{\\\"name\\\":\\\"a\\\"}\":{\".\":{},\"f:image\":{}},"
                + "\"k:{\\\"name\\\":\\\"b\\\"}\":{}}}",
            "{\"f:c\":{\"k:{\\\"name\\\":\\\"a\\\"}\":{\"f:image\":{}}}}",
            "{\"f:c\":{\"k:{\\\"name\\\":\\\"a\\\"}\":{},\"k:{\\\"name\\\":\\\"b\\\"}\":{}}}",
            "{\"f:c\":{\"k:{\\\"name\\\":\\\"a\\\"}\":{},\"k:{\\\"name\\\":\\\"b\\\"}\":{}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("algebra")
  void setOperationsFollowStructuredMergeDiff(Algebra c) {
    FieldSet left = FieldSet.parse(c.left());
    FieldSet right = FieldSet.parse(c.right());
    assertThat(left.union(right).toJson()).as("union").isEqualTo(c.union());
    assertThat(left.intersection(right).toJson()).as("intersection")
        .isEqualTo(c.intersection());
    assertThat(left.difference(right).toJson()).as("difference").isEqualTo(c.difference());
    assertThat(left.recursiveDifference(right).toJson()).as("recursive difference")
        .isEqualTo(c.recursiveDifference());
  }

  @Test
  void leavesAreTheMembersWithNothingBelow() {
    FieldSet set = FieldSet.parse("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},"
        + "\"f:spec\":{\"f:c\":{\"k:{\\\"name\\\":\\\"a\\\"}\":{\".\":{},\"f:image\":{}}}}}");
    assertThat(set.leaves().toJson()).isEqualTo("{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},"
        + "\"f:spec\":{\"f:c\":{\"k:{\\\"name\\\":\\\"a\\\"}\":{\"f:image\":{}}}}}");
    assertThat(set.size()).isEqualTo(4);
  }

  @Test
  void pathsPrintAsKubernetesPrintsThemInConflicts() {
    Path path = Path.fields("spec", "template", "spec", "containers")
        .append(PathElement.key(java.util.Map.of("name", StringNode.valueOf("nginx"))))
        .append(PathElement.field("ports"))
        .append(PathElement.key(java.util.Map.of("containerPort", IntNode.valueOf(80),
            "protocol", StringNode.valueOf("TCP"))));
    assertThat(path).hasToString(
        ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]");
    assertThat(PathElement.value(StringNode.valueOf("a\"b"))).hasToString("[=\"a\\\"b\"]");
    assertThat(PathElement.index(3)).hasToString("[3]");
  }

  @Test
  void membershipAndPrefixes() {
    FieldSet set = FieldSet.of(Path.fields("spec", "replicas"), Path.fields("status"));
    assertThat(set.has(Path.fields("spec", "replicas"))).isTrue();
    assertThat(set.has(Path.fields("spec"))).isFalse();
    assertThat(set.has(Path.ROOT)).isFalse();
    assertThat(set.withPrefix(PathElement.field("spec")).toJson())
        .isEqualTo("{\"f:replicas\":{}}");
    assertThat(set.withPrefixes(List.of(Path.fields("status"))).toJson())
        .isEqualTo("{\"f:status\":{}}");
    assertThat(FieldSet.EMPTY.isEmpty()).isTrue();
  }
}
