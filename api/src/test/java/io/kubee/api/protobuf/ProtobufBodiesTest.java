package io.kubee.api.protobuf;

import static io.kubee.api.protobuf.ProtoWriter.body;
import static io.kubee.api.protobuf.ProtoWriter.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubee.api.errors.ApiException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class ProtobufBodiesTest {
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  @ParameterizedTest(name = "\"{0}\" is protobuf: {1}")
  @CsvSource(nullValues = "null", value = {
      "application/vnd.kubernetes.protobuf, true",
      "Application/VND.Kubernetes.Protobuf ; charset=binary, true",
      "application/vnd.kubernetes.protobuf;stream=watch, true",
      "application/json, false",
      "application/vnd.kubernetes.protobuf+json, false",
      "'', false",
      "null, false"})
  void recognisesTheMediaType(String contentType, boolean protobuf) {
    assertThat(ProtobufBodies.isProtobuf(contentType)).isEqualTo(protobuf);
  }

  @Test
  void theObjectStartsWithItsApiVersionAndKind() {
    byte[] namespace = body("v1", "Namespace",
        message().message(1, message().string(1, "ns1")));

    ObjectNode object = ProtobufBodies.decode(namespace);

    assertThat(object.propertyNames()).startsWith("apiVersion", "kind");
    assertThat(object.get("apiVersion").asString()).isEqualTo("v1");
    assertThat(object.get("kind").asString()).isEqualTo("Namespace");
    assertThat(object.at("/metadata/name").asString()).isEqualTo("ns1");
  }

  @Test
  void theUrlStandsInForAnApiVersionAndKindTheEnvelopeLeavesOut() {
    byte[] namespace = body("", "", message().message(1, message().string(1, "ns1")));

    DecodedBody decoded = ProtobufBodies.decode(namespace, "v1", "Namespace");

    assertThat(decoded.object().get("kind").asString()).isEqualTo("Namespace");
    assertThat(decoded.object().get("apiVersion").asString()).isEqualTo("v1");
  }

  @Test
  void theEnvelopeWinsOverTheUrl() {
    byte[] configMap = body("v1", "ConfigMap", message());

    DecodedBody decoded = ProtobufBodies.decode(configMap, "v1", "Namespace");

    assertThat(decoded.object().get("kind").asString()).isEqualTo("ConfigMap");
  }

  @Test
  void unknownFieldsOfANewerClientAreSkippedAndReported() {
    byte[] deployment = body("apps/v1", "Deployment", message()
        .message(1, message().string(1, "web"))
        .message(2, message().varint(1, 2).varint(4242, 1)));
    byte[] withEnvelopeExtra = Arrays.copyOf(deployment, deployment.length + 2);
    withEnvelopeExtra[deployment.length] = 0x28; // field 5, varint
    withEnvelopeExtra[deployment.length + 1] = 0x01;

    DecodedBody decoded = ProtobufBodies.decode(withEnvelopeExtra, null, null);

    assertThat(decoded.object().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(decoded.skippedFields()).containsExactly(
        "(envelope): field 5 (varint) of runtime.Unknown",
        "spec: field 4242 (varint) of apps/v1.DeploymentSpec");
  }

  record ErrorCase(String name, byte[] body, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ErrorCase> badBodies() {
    byte[] truncated = body("v1", "Namespace", message().message(1, message().string(1, "ns")));
    return Stream.of(
        new ErrorCase("an empty body", new byte[0], "the body of the request was empty"),
        new ErrorCase("the magic alone", MAGIC, "the body of the request was empty"),
        new ErrorCase("JSON sent as protobuf", "{\"kind\":\"Namespace\"}".getBytes(),
            "the body of the request does not appear to be a protobuf message: it must start"
                + " with the bytes 'k8s\\x00' (application/vnd.kubernetes.protobuf)"),
        new ErrorCase("a short body", new byte[] {'k', '8'}, "does not appear to be a protobuf"),
        new ErrorCase("a truncated envelope", Arrays.copyOf(truncated, 12),
            "the protobuf envelope (runtime.Unknown) of the request is malformed: length 15 at"
                + " byte 5 runs past the end of its message (byte 12)"),
        new ErrorCase("an envelope with typeMeta sent as a number",
            concat(MAGIC, message().varint(1, 1).toByteArray()),
            "the protobuf envelope (runtime.Unknown) of the request is malformed: typeMeta"
                + " (field 1) sent as varint where length-delimited is expected"),
        new ErrorCase("no kind", body("v1", "", message()),
            "Object 'Kind' is missing in the protobuf envelope"),
        new ErrorCase("no apiVersion", body("", "Namespace", message()),
            "Object 'apiVersion' is missing in the protobuf envelope"),
        new ErrorCase("a kind without a table", body("v1", "Pod", message()),
            "no kind \"Pod\" is registered for version \"v1\" in the protobuf decoder; send it as"
                + " application/json (protobuf is read for apps/v1 Deployment, "),
        new ErrorCase("a long kind is cut in the message", body("v1", "K".repeat(5000), message()),
            "no kind \"" + "K".repeat(64) + "...\" is registered for version \"v1\""),
        new ErrorCase("a kind in another version", body("apps/v1beta1", "Deployment", message()),
            "no kind \"Deployment\" is registered for version \"apps/v1beta1\""),
        new ErrorCase("a compressed object", concat(MAGIC, message()
                .message(1, message().string(1, "v1").string(2, "Namespace"))
                .string(3, "gzip").toByteArray()),
            "the protobuf envelope's contentEncoding \"gzip\" is not supported"),
        new ErrorCase("an object with a field of the wrong wire type",
            body("apps/v1", "Deployment", message().message(2, message().string(1, "3"))),
            "Deployment in version \"apps/v1\" cannot be handled as a Deployment: malformed"
                + " protobuf: spec.replicas: replicas (field 1) sent as length-delimited where"
                + " varint is expected"),
        new ErrorCase("an object cut in the middle of a label",
            body("v1", "ConfigMap", message().raw((byte) 0x0A, (byte) 0x04, (byte) 0x5A,
                (byte) 0x08, (byte) 0x0A, (byte) 0x01)),
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: malformed protobuf:"
                + " metadata.labels: length 8 at byte"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void rejectsBadBodiesWith400(ErrorCase c) {
    assertThatThrownBy(() -> ProtobufBodies.decode(c.body()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
        })
        .hasMessageContaining(c.message());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
